"""A word split in two by a speck read as a full stop: "the pri. soners",
"I don't under. stand it". The two pieces joined make a dictionary word, and
the second piece starts in lower case, which a real sentence after a full stop
would not. One whole-text regex; the lexicon is asked only about its matches."""
from __future__ import annotations

import re

from cleaner.checks import register
from cleaner.spelling.lexicon import get_lexicon

# Two lower-case pieces of two letters or more around a full stop and one space;
# neither piece part of an abbreviation ("e. g.", "n. d.", "Co. upon") or of a
# hyphenated or elided word.
PIECES = re.compile(r"(?<![\w.'’])([a-z]{2,})\. ([a-z]{2,})\b(?![.'’-])")


@register("split-at-stop", min_zipf=float)
def split_at_stop(rule, ctx, options):
    lexicon = get_lexicon()
    words = ctx.config.words
    for m in PIECES.finditer(ctx.text):
        first, second = m.group(1), m.group(2)
        joined = first + second
        lower = joined.lower()
        if lower in words or not lexicon.in_dictionary(lower) or lexicon.zipf(lower) < options["min_zipf"]:
            continue
        yield ctx.finding(rule, m.start(), m.end(), message=rule.message.format(right=joined),
                          replacement=joined, suggestions=(joined,))
