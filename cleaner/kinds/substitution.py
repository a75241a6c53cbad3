"""substitution: a map of wrong -> right whole words (scanno lists, ligatures)."""
from __future__ import annotations

import regex

from cleaner.casing import match_case as _match_case
from cleaner.model import RuleError

KIND = "substitution"


class Kind:
    KEYS = {"map": dict, "case_sensitive": bool, "whole_word": bool}

    def __init__(self, rule) -> None:
        mapping = rule.options.get("map")
        if not mapping:
            raise RuleError("missing or empty", "map")
        for wrong, right in mapping.items():
            if not isinstance(right, str) or wrong == right or not wrong:
                raise RuleError(f"entry {wrong!r} must map to a different string", "map")
        self.case_sensitive = rule.options.get("case_sensitive", False)
        self.map = mapping if self.case_sensitive else {k.lower(): v for k, v in mapping.items()}
        if len(self.map) != len(mapping):
            raise RuleError("duplicate entries differing only in case", "map")
        alternatives = "|".join(regex.escape(k) for k in sorted(mapping, key=len, reverse=True))
        if rule.options.get("whole_word", True):
            alternatives = rf"(?<![\w'’])(?:{alternatives})(?![\w])"
        flags = 0 if self.case_sensitive else regex.IGNORECASE
        self.pattern = regex.compile(alternatives, flags)

    def check(self, rule, ctx):
        for m in self.pattern.finditer(ctx.text):
            found = m.group()
            key = found if self.case_sensitive else found.lower()
            right = self.map[key]
            if not self.case_sensitive:
                right = _match_case(found, right)
            yield ctx.finding(
                rule, m.start(), m.end(),
                message=rule.message.format(found=found, right=right),
                replacement=right if rule.applicability else None,
                suggestions=(right,),
            )
