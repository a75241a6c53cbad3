"""line: judge each line as a whole (junk, page numbers, shapes).

A line matches when its stripped content fully matches `match` (if given) and
its share of non-letter, non-space characters reaches `min_symbol_ratio` (if
given). The fix deletes the line without merging the paragraphs around it.
"""
from __future__ import annotations

from ..model import Edit
from ..rulebook import RuleError
from .safe_regex import Budget, compile_pattern


def delete_line_edit(ctx, line_no: int) -> Edit:
    """An edit removing line `line_no` (1-based) and one line break.

    When the line sits between two blank lines, one of those blank lines goes
    too, so the paragraphs keep the gap they had rather than a wider one.
    """
    index = ctx.index
    start, end = index.line_span_with_break(line_no)
    last = line_no == index.line_count
    if last and line_no > 1:
        # No break after the last line: take the one before it instead.
        prev_start, prev_end = index.line_span(line_no - 1)
        return Edit(prev_end, end, "")

    def blank(n: int) -> bool:
        if not 1 <= n <= index.line_count:
            return False
        s, e = index.line_span(n)
        return not ctx.text[s:e].strip()

    if blank(line_no - 1) and blank(line_no + 1) and line_no + 1 < index.line_count:
        end = index.line_span_with_break(line_no + 1)[1]
    return Edit(start, end, "")


def symbol_ratio(content: str) -> float:
    visible = [c for c in content if not c.isspace()]
    if not visible:
        return 0.0
    return sum(1 for c in visible if not c.isalpha()) / len(visible)


KIND = "line"


class Kind:
    KEYS = {"match": str, "exceptions": list, "min_symbol_ratio": float, "min_length": int, "delete": bool}

    def __init__(self, rule) -> None:
        opts = rule.options
        if "match" not in opts and "min_symbol_ratio" not in opts:
            raise RuleError("a line rule needs 'match' or 'min_symbol_ratio'", "match")
        self.match = compile_pattern(opts["match"], "match") if "match" in opts else None
        self.exceptions = [compile_pattern(e, "exceptions") for e in opts.get("exceptions", [])]
        self.min_ratio = opts.get("min_symbol_ratio")
        self.min_length = opts.get("min_length", 1)
        self.delete = opts.get("delete", False)
        if self.delete and rule.applicability is None:
            raise RuleError("a rule that deletes lines needs an applicability", "applicability")

    def check(self, rule, ctx):
        try:
            yield from self._check(rule, ctx, Budget(ctx.text))
        except TimeoutError:
            return  # a pathological pattern: the lines judged so far stand, the rest are skipped

    def _check(self, rule, ctx, budget):
        text = ctx.text
        for number, (start, end) in enumerate(ctx.lines, 1):
            content = text[start:end].strip()
            if len(content) < self.min_length:
                continue
            if self.match is not None and not budget.fullmatch(self.match, content):
                continue
            if self.min_ratio is not None and symbol_ratio(content) < self.min_ratio:
                continue
            if any(budget.fullmatch(e, content) for e in self.exceptions):
                continue
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            edits = [delete_line_edit(ctx, number)] if self.delete else None
            yield ctx.finding(rule, start + lead, start + lead + len(content), edits=edits,
                              suggestions=("",) if edits else ())
