"""Rule kinds: each turns a rule's data into findings. A kind declares the
extra keys its rule files may carry in KEYS; the loader rejects all others."""
from __future__ import annotations

from .line import LineKind
from .pattern import PatternKind
from .python_check import PythonKind
from .substitution import SubstitutionKind

KINDS = {
    "line": LineKind,
    "pattern": PatternKind,
    "python": PythonKind,
    "substitution": SubstitutionKind,
}


def register_kind(name: str, kind) -> None:
    KINDS[name] = kind
