"""The snippet window is cut before control characters are marked: the same result as
marking the whole line first (tabs, controls, combining and wide characters, spaces)."""
from __future__ import annotations

import random

from cleaner.report.snippet import _printable, window

ALPHABET = "ab cd\tE\x01\u0301\u4e00\u200b…x y"


def test_window_then_printable_equals_printable_then_window():
    rng = random.Random(14)
    for _ in range(3000):
        line = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 400)))
        a = rng.randint(0, len(line))
        b = rng.randint(a, len(line))
        shown, a2, b2 = window(line, a, b)
        assert (_printable(shown), a2, b2) == window(_printable(line), a, b)
