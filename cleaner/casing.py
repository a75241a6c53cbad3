"""Give a replacement the case pattern of the word it replaces."""
from __future__ import annotations


def match_case(source: str, target: str) -> str:
    """ALL CAPS stays all caps, Capitalised stays capitalised, else target as is."""
    if source.isupper() and len(source) > 1:
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target
