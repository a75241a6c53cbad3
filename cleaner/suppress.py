"""Line comments that silence findings: `cleaner: ignore` silences every rule on
its line, `cleaner: ignore[JNK701,SPL]` only those codes or prefixes. Meant for
transcript formats that allow comments; the marker may sit anywhere on the line."""
from __future__ import annotations

import re

from cleaner.model import Finding

MARKER = re.compile(r"cleaner:\s*ignore(?:\[(?P<codes>[A-Za-z0-9,\s]*)\])?")


def ignored_lines(text: str, index) -> dict[int, tuple[str, ...] | None]:
    """Line number -> codes to ignore there (None: every code)."""
    out: dict[int, tuple[str, ...] | None] = {}
    if "cleaner:" not in text:  # the common case costs one substring search
        return out
    for m in MARKER.finditer(text):
        line, _ = index.line_col(m.start())
        codes = m.group("codes")
        if codes is None:
            out[line] = None
            continue
        parsed = tuple(c.strip().upper() for c in codes.split(",") if c.strip())
        previous = out.get(line, ())
        if previous is not None:
            out[line] = previous + parsed
    return out


def suppressed(finding: Finding, lines: dict[int, tuple[str, ...] | None]) -> bool:
    """True when a marker on any line the finding touches covers its rule."""
    last = finding.end_line
    if last > finding.line and finding.end_column == 1:
        last -= 1  # the span ends with a line break; the next line is not touched
    for line in range(finding.line, last + 1):
        if line in lines:
            codes = lines[line]
            if codes is None or any(finding.rule.startswith(c) for c in codes):
                return True
    return False
