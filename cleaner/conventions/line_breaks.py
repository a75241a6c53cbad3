"""Whether a document keeps its printed lines (a newspaper column, an ALTO export)
or was reflowed into one line per paragraph.

Under `line-breaks = auto` a document is as-printed when both signs are there:
its lines have a printed width (most lines fill a column of at most ~100
characters) and it breaks words at line ends ("metro-⏎politan"). Reflowed
text has long, ragged lines; a stray line-end hyphen alone does not make a
document as-printed.
"""
from __future__ import annotations

import re

from cleaner.hyphens import LINE_END_CLASS

AS_PRINTED, REFLOWED, AUTO = "as-printed", "reflowed", "auto"
VALUES = (AS_PRINTED, REFLOWED, AUTO)

# A word piece, a hyphen, the line end, and a lower-case continuation.
WORD_BREAK = re.compile(rf"[^\W\d_]{LINE_END_CLASS}[ \t]*(?:\r\n|\r|\n)[ \t]*[a-z\u00df-\u00ff]")
MIN_LINES = 6
MAX_COLUMN = 100       # characters: wider lines are paragraphs, not printed lines
MIN_FULL_SHARE = 0.6   # lines that fill at least 60% of the column
MIN_BREAKS = 2
MIN_BREAK_SHARE = 0.02  # word breaks per non-empty line


def infer(text: str, setting: str = AUTO) -> str:
    if setting != AUTO:
        return setting
    lengths = [len(line.rstrip()) for line in text.splitlines() if line.strip()]
    if len(lengths) < MIN_LINES:
        return REFLOWED
    breaks = len(WORD_BREAK.findall(text))
    if breaks < max(MIN_BREAKS, MIN_BREAK_SHARE * len(lengths)):
        return REFLOWED
    column = sorted(lengths)[int(0.9 * (len(lengths) - 1))]
    if column > MAX_COLUMN:
        return REFLOWED
    full = sum(1 for n in lengths if n >= 0.6 * column)
    return AS_PRINTED if full >= MIN_FULL_SHARE * len(lengths) else REFLOWED
