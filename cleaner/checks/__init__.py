"""Registry of rule logic written in Python. Each entry maps a check name, which is
the name of the rule that uses it, to (function, option types). The values live only
in the rule's TOML file. Every module in this package is imported once so that its
@register calls run; no name ever comes from data."""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

CHECKS: dict[str, tuple] = {}


def register(name: str, **types: type):
    """Register `function` as the check of the rule named `name`, with the types of its options."""
    def wrap(function):
        if name in CHECKS:
            raise RuntimeError(f"check {name!r} registered twice")
        CHECKS[name] = (function, types)
        return function

    return wrap


@lru_cache(maxsize=32)
def word_set(words: str) -> frozenset:
    """A space-separated word list from a rule's options, lower-cased, as a set."""
    return frozenset(words.lower().split())


for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
