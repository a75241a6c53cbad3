"""python: a rule whose logic data cannot express. `check` names a function in
the fixed registry cleaner.checks.CHECKS (never an import path from the file)."""
from __future__ import annotations

from cleaner.checks import CHECKS
from cleaner.model import RuleError

KIND = "python"


class Kind:
    KEYS = {"check": str, "options": dict}

    def __init__(self, rule) -> None:
        name = rule.options.get("check")
        if name not in CHECKS:
            raise RuleError(f"unknown check {name!r} (known: {', '.join(sorted(CHECKS))})", "check")
        if name != rule.name:
            raise RuleError(f"must be the rule's name {rule.name!r}: one name per rule", "check")
        self.function, types = CHECKS[name]
        self.options = dict(rule.options.get("options", {}))
        unknown = set(self.options) - set(types)
        if unknown:
            raise RuleError("unknown key", f"options.{sorted(unknown)[0]}")
        for key, expected in types.items():
            if key not in self.options:
                raise RuleError("missing: the check declares it, the rule file must set it", f"options.{key}")
            value = self.options[key]
            # TOML writes 2 for 2.0; a bool is an int to Python but never a number here.
            fits = isinstance(value, expected) or expected is float and isinstance(value, int)
            if not fits or isinstance(value, bool) and expected is not bool:
                raise RuleError(f"must be {expected.__name__}", f"options.{key}")

    def check(self, rule, ctx):
        return self.function(rule, ctx, self.options)
