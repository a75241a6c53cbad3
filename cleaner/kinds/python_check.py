"""python: a rule whose logic data cannot express. `check` names a function in
the fixed registry cleaner.checks.CHECKS (never an import path from the file)."""
from __future__ import annotations

from ..rulebook import RuleError


KIND = "python"


class Kind:
    KEYS = {"check": str, "options": dict}

    def __init__(self, rule) -> None:
        from ..checks import CHECKS

        name = rule.options.get("check")
        if name not in CHECKS:
            raise RuleError(f"unknown check {name!r} (known: {', '.join(sorted(CHECKS))})", "check")
        self.function, allowed = CHECKS[name]
        self.options = dict(rule.options.get("options", {}))
        unknown = set(self.options) - set(allowed)
        if unknown:
            raise RuleError("unknown key", f"options.{sorted(unknown)[0]}")
        for key, default in allowed.items():
            value = self.options.setdefault(key, default)
            if default is not None and not isinstance(value, type(default)) and not (
                isinstance(default, float) and isinstance(value, int)
            ):
                raise RuleError(f"must be {type(default).__name__}", f"options.{key}")

    def check(self, rule, ctx):
        return self.function(rule, ctx, self.options)
