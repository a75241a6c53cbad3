"""Regexes from rule data run through the `regex` module with a time limit, so
a pathological pattern cannot hang a run on a large file."""
from __future__ import annotations

import time

import regex

from cleaner.model import RuleError

FLAG_NAMES = {"IGNORECASE": regex.IGNORECASE, "MULTILINE": regex.MULTILINE, "DOTALL": regex.DOTALL}
# Seconds allowed per megabyte of text for one pattern, with a floor for small files.
SECONDS_PER_MB = 2.0


def compile_pattern(source: str, key: str, flags: list[str] | None = None):
    value = regex.V0
    for name in flags or []:
        if name not in FLAG_NAMES:
            raise RuleError(f"unknown regex flag {name!r}", key)
        value |= FLAG_NAMES[name]
    try:
        return regex.compile(source, value)
    except (regex.error, RecursionError) as exc:
        raise RuleError(f"bad regex: {exc}", key) from None


def time_limit(text: str) -> float:
    return 1.0 + SECONDS_PER_MB * len(text) / 1_000_000


def finditer(pattern, text: str, pos: int = 0, endpos: int | None = None):
    try:
        yield from pattern.finditer(text, pos, endpos if endpos is not None else len(text),
                                    timeout=time_limit(text))
    except TimeoutError:
        # A rule that cannot finish in time yields what it found; the rest is skipped.
        return


class Budget:
    """One time limit shared by all the matches one rule makes on one document,
    so a slow pattern costs at most time_limit(text) in all, not per line."""

    def __init__(self, text: str) -> None:
        self.deadline = time.monotonic() + time_limit(text)

    def fullmatch(self, pattern, string: str):
        """pattern.fullmatch(string) within what is left; raises TimeoutError when spent."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return pattern.fullmatch(string, timeout=left)
