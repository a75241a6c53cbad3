"""The data model shared by every part of cleaner: findings, fixes and edits.

Everything here is a frozen dataclass of plain values so that findings can be
pickled across worker processes and compared in tests.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Applicability(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace text[start:end] with replacement (code-point offsets)."""

    start: int
    end: int
    replacement: str

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def to_json(self) -> dict:
        return {
            "applicability": self.applicability.value,
            "edits": [e.to_json() for e in self.edits],
        }


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    path: str = field(default="", compare=False)
    # The model's figures behind the message (channel cost, context, odds), for `--show-evidence`.
    evidence: str = field(default="", compare=False)
    # Other rules that flagged the same span (merged into this finding; cleaner/merge.py).
    also: tuple[str, ...] = field(default=(), compare=False)

    def suggestion_note(self) -> str:
        """' (suggestion: X)' or ' (suggestions: X, Y)' for one-line formats; '' without any."""
        if not self.suggestions:
            return ""
        shown = ", ".join(s or "(delete)" for s in self.suggestions)
        return f" (suggestion{'s' if len(self.suggestions) > 1 else ''}: {shown})"

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_json() if self.fix else None,
            "evidence": self.evidence,
            "also_flagged_by": list(self.also),
        }


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    passes: int
    # Fixes applied in the second and later passes: findings a check of the original text
    # could not list, because an earlier fix revealed or reshaped them.
    later: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.applied)


class RuleError(ValueError):
    """A rule file is malformed. str() is a one-line message naming the file."""
