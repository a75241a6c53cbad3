"""Registry of rule logic written in Python. Each entry maps a check name to
(function, allowed options with defaults). Modules register on import."""
from __future__ import annotations

CHECKS: dict[str, tuple] = {}


def register(name: str, **defaults):
    def wrap(function):
        CHECKS[name] = (function, defaults)
        return function

    return wrap


# Import for their registration side effect.
from . import junk  # noqa: E402,F401
