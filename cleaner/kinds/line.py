"""line: judge each line as a whole (junk, page numbers, shapes).

A line matches when its stripped content fully matches `match` (if given) and
its share of non-letter, non-space characters reaches `min_symbol_ratio` (if
given). The fix deletes the line without merging the paragraphs around it.
"""
from __future__ import annotations

from cleaner.kinds.safe_regex import Budget, compile_pattern
from cleaner.model import RuleError


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
            edits = [ctx.delete_line_edit(number)] if self.delete else None
            yield ctx.finding(rule, start + lead, start + lead + len(content), edits=edits,
                              suggestions=("",) if edits else ())
