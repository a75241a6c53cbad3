"""Junk lines that regexes cannot judge: lines made mostly of non-words."""
from __future__ import annotations

import itertools
from bisect import bisect_left

from cleaner.checks import register
from cleaner.spelling.word_memo import distinct_words, is_known


@register("nonword-line", min_words=int, max_known_ratio=float)
def nonword_line(rule, ctx, options):
    # The document's word tokens are the tokens of its lines (WORD never spans a line
    # break), so each line's words and known words are counted from prefix sums.
    counts = ctx.word_counts
    text = ctx.text
    # Words repeat: decide each once per document.
    verdicts = {w: bool(is_known(ctx, w) or counts[w.lower()] > 1 and len(w) > 3) for w in distinct_words(ctx)}
    starts = [s for s, _, _ in ctx.words]
    known_before = [0, *itertools.accumulate(map(verdicts.__getitem__, [w for _, _, w in ctx.words]))]
    for number, (start, end) in enumerate(ctx.lines, 1):
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        if last - first < options["min_words"]:
            continue
        if (known_before[last] - known_before[first]) / (last - first) > options["max_known_ratio"]:
            continue
        content = text[start:end]
        lead = len(content) - len(content.lstrip())
        yield ctx.finding(rule, start + lead, end - (len(content) - len(content.rstrip())),
                          edits=[ctx.delete_line_edit(number)], suggestions=("",))


# Characters that make up ordinary prose, numbers and money; everything else is a symbol.
PROSE_MARKS = set(".,;:!?'\"’‘“”()-–—£$%&/")


@register("symbol-line", min_visible=int, min_symbol_ratio=float)
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
        yield ctx.finding(rule, lead, lead + len(content), edits=[ctx.delete_line_edit(number)],
                          suggestions=("",))
