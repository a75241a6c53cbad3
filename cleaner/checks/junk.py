"""Junk lines that regexes cannot judge: lines made mostly of non-words."""
from __future__ import annotations

from ..context import WORD
from ..kinds.line import delete_line_edit
from . import register


@register("nonword-line", min_words=4, max_known_ratio=0.25)
def nonword_line(rule, ctx, options):
    from ..lexicon import get_lexicon

    lexicon = get_lexicon()
    text = ctx.text
    for number, (start, end) in enumerate(ctx.lines, 1):
        content = text[start:end]
        words = [m.group() for m in WORD.finditer(content)]
        if len(words) < options["min_words"]:
            continue
        known = sum(1 for w in words if lexicon.is_known(w) or ctx.word_counts[w.lower()] > 1 and len(w) > 3)
        if known / len(words) > options["max_known_ratio"]:
            continue
        lead = len(content) - len(content.lstrip())
        yield ctx.finding(rule, start + lead, end - (len(content) - len(content.rstrip())),
                          edits=[delete_line_edit(ctx, number)], suggestions=("",))
