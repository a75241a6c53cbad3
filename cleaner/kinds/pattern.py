"""pattern: a regex over the whole text, optional exceptions and replacement."""
from __future__ import annotations

from cleaner.kinds.safe_regex import Budget, compile_pattern, finditer
from cleaner.model import RuleError

KIND = "pattern"


class Kind:
    KEYS = {"pattern": str, "replacement": str, "exceptions": list, "flags": list, "group": int}

    def __init__(self, rule) -> None:
        opts = rule.options
        if "pattern" not in opts:
            raise RuleError("missing", "pattern")
        self.pattern = compile_pattern(opts["pattern"], "pattern", opts.get("flags"))
        self.exceptions = [
            compile_pattern(e, "exceptions", opts.get("flags")) for e in opts.get("exceptions", [])
        ]
        self.replacement = opts.get("replacement")
        self.group = opts.get("group", 0)
        if self.group > self.pattern.groups:
            raise RuleError(f"pattern has no group {self.group}", "group")
        if self.replacement is not None and rule.applicability is None:
            raise RuleError("a rule with a replacement needs an applicability", "applicability")

    def check(self, rule, ctx):
        budget = Budget(ctx.text)
        for m in finditer(self.pattern, ctx.text):
            start, end = m.span(self.group)
            if start == end and self.replacement is None:
                continue
            try:
                if any(budget.fullmatch(e, m.group(0)) for e in self.exceptions):
                    continue
            except TimeoutError:
                return  # a pathological exception pattern: stop this rule, keep what it found
            replacement = None
            if self.replacement is not None:
                replacement = m.expand(self.replacement)
                if self.group:
                    # The replacement template covers the whole match; narrow the edit to it.
                    start, end = m.span()
            yield ctx.finding(
                rule, start, end,
                replacement=replacement,
                suggestions=(replacement,) if replacement is not None else (),
            )
