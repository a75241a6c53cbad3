"""Junk lines that regexes cannot judge: lines made mostly of non-words."""
from __future__ import annotations

from ..context import WORD
from ..kinds.line import delete_line_edit
from . import register


@register("nonword-line", min_words=4, max_known_ratio=0.25)
def nonword_line(rule, ctx, options):
    from ..lexicon import get_lexicon

    lexicon = get_lexicon()
    counts = ctx.word_counts
    text = ctx.text
    verdicts: dict[str, bool] = {}  # words repeat: decide each once per document

    def known(w: str) -> bool:
        verdict = verdicts.get(w)
        if verdict is None:
            verdict = verdicts[w] = bool(lexicon.is_known(w) or counts[w.lower()] > 1 and len(w) > 3)
        return verdict

    for number, (start, end) in enumerate(ctx.lines, 1):
        content = text[start:end]
        words = WORD.findall(content)
        if len(words) < options["min_words"]:
            continue
        known_words = sum(1 for w in words if known(w))
        if known_words / len(words) > options["max_known_ratio"]:
            continue
        lead = len(content) - len(content.lstrip())
        yield ctx.finding(rule, start + lead, end - (len(content) - len(content.rstrip())),
                          edits=[delete_line_edit(ctx, number)], suggestions=("",))


# Characters that make up ordinary prose, numbers and money; everything else is a symbol.
PROSE_MARKS = set(".,;:!?'\"’‘“”()-–—£$%&/")


@register("symbol-line", min_visible=4, min_symbol_ratio=0.5)
def symbol_line(rule, ctx, options):
    """Lines dominated by symbols OCR makes of specks and rules: "■ ' ., '■ : ~^".

    Separators ("* * *", "-----", "......") are one character repeated and stay.
    Prose punctuation counts half, so "— 12 —" or "(1.)" is not junk.
    """
    text = ctx.text
    for number, (start, end) in enumerate(ctx.lines, 1):
        content = text[start:end].strip()
        visible = "".join(content.split())  # split() drops exactly the characters isspace() names
        if len(visible) < options["min_visible"] or len(set(visible)) < 3:
            continue
        if sum(map(str.isalnum, visible)) > len(visible) / 2:
            continue  # mostly letters and digits: prose (tested first, it is the cheap test)
        weight = sum(0.0 if c.isalnum() else 0.5 if c in PROSE_MARKS else 1.0 for c in visible)
        if weight / len(visible) < options["min_symbol_ratio"]:
            continue
        lead = start + len(text[start:end]) - len(text[start:end].lstrip())
        yield ctx.finding(rule, lead, lead + len(content), edits=[delete_line_edit(ctx, number)],
                          suggestions=("",))
