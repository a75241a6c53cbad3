"""Lower-case letters that OCR read as a capital plus a letter at the start of
a word: "Avas" for "was", "Avhich" for "which" (a w read as A and v), "Icves"
for "loves" (l read as I). The spelling rules take a capitalised unknown word
inside a sentence for a name; these are not names, because the rewritten word
is a frequent one. One whole-text regex finds the few words worth asking the
lexicon about."""
from __future__ import annotations

import re
from functools import lru_cache

from cleaner.checks import register
from cleaner.spelling.lexicon import get_lexicon
from cleaner.spelling.placement import sentence_initial


@lru_cache(maxsize=16)
def _pattern(prefixes: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + r")[a-z]{2,}\b(?!['’-])")


@register("capital-scanno", rewrites=list, min_zipf=float)
def capital_scanno(rule, ctx, options):
    lexicon = get_lexicon()
    rewrites = sorted(((w, r) for w, r in options["rewrites"]), key=lambda p: -len(p[0]))
    text, counts = ctx.text, ctx.word_counts
    for m in _pattern(tuple(w for w, _ in rewrites)).finditer(text):
        word = m.group()
        lower = word.lower()
        # A word the lexicon knows, or one the document repeats, is what it says ("Avon", "Ivan").
        if lexicon.is_known(lower) or counts[lower] > 1 or lower in ctx.config.words:
            continue
        for wrong, right in rewrites:
            if not word.startswith(wrong):
                continue
            candidate = right + word[len(wrong):]
            if lexicon.zipf(candidate) >= options["min_zipf"]:
                if sentence_initial(text, m.start()):
                    candidate = candidate[0].upper() + candidate[1:]
                yield ctx.finding(rule, m.start(), m.end(), message=rule.message.format(right=candidate),
                                  replacement=candidate, suggestions=(candidate,))
            break
