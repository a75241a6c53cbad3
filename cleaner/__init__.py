"""cleaner: find and fix transcription defects in plain-text transcripts.

The public names load on first use (PEP 562), so importing a submodule such as
cleaner.signals does not load the engine: the `cleaner` program installs its signal
handlers before the heavy imports (cleaner/cli/entry.py)."""
from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers know the name)

__all__ = [
    "Applicability", "Config", "Edit", "Finding", "Fix", "FixResult", "Severity",
    "__version__", "check_text", "fix_text",
]

if TYPE_CHECKING:
    from cleaner.config import Config
    from cleaner.engine import check_text, fix_text
    from cleaner.model import Applicability, Edit, Finding, Fix, FixResult, Severity
    from cleaner.version import __version__


def __getattr__(name: str):
    if name in ("check_text", "fix_text"):
        from cleaner import engine as home
    elif name == "Config":
        from cleaner import config as home
    elif name in ("Applicability", "Edit", "Finding", "Fix", "FixResult", "Severity"):
        from cleaner import model as home
    elif name == "__version__":
        from cleaner import version as home
    else:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    value = getattr(home, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
