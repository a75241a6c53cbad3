"""The text format: one line per finding for people (coloured on a terminal), and the
summary line with its counts."""
from __future__ import annotations

import os
from collections import Counter

from cleaner.model import Applicability, Finding

# ANSI styles; only used when use_color() says the reader is a terminal.
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_BY_SEVERITY = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
_GREEN = "\x1b[32m"


def use_color(stream) -> bool:
    """Colour on a terminal only; NO_COLOR (any non-empty value) turns it off, FORCE_COLOR on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def _show(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n") if text else "(delete)"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color else text


def display_end(f: Finding) -> tuple[int, int]:
    """End line and (exclusive) end column, not counting a trailing line break:
    a deleted junk line ends on its own line, not at column 1 of the next."""
    stripped = f.text.rstrip("\r\n")
    if f.end_line > f.line and f.end_column == 1 and stripped and not any(c in stripped for c in "\r\n"):
        return f.line, f.column + len(stripped)
    return f.end_line, f.end_column


def format_text_line(f: Finding, color: bool = False, path: str | None = None) -> str:
    """One finding; `path` (the display path) stands in for f.path when given."""
    where = _paint(f"{f.path if path is None else path}", _BOLD, color) + _paint(f":{f.line}:{f.column}:", _DIM, color)
    code = _paint(f.rule, _BY_SEVERITY.get(f.severity.value, ""), color)
    line = f"{where} {code} {f.message}"
    if f.suggestions:
        line += f" (suggestion: {_paint(_show(f.suggestions[0]), _GREEN, color)})"
    return line


def tally(findings, counts: Counter | None = None) -> Counter:
    """What the summary line needs: findings by severity and by fix applicability."""
    counts = Counter() if counts is None else counts
    for f in findings:
        counts[f.severity.value] += 1
        if f.fix:
            counts[f.fix.applicability.value] += 1
    return counts


def summary_from_counts(counts: Counter, files: int) -> str:
    total = sum(counts[s] for s in ("error", "warning", "info"))
    if not total:
        return f"All clean: no findings in {files} file{'s' if files != 1 else ''}."
    parts = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
    text = f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {files} file{'s' if files != 1 else ''}."
    if counts[Applicability.SAFE.value]:
        text += f" {counts[Applicability.SAFE.value]} fixable with `cleaner fix`."
    if counts[Applicability.UNSAFE.value]:
        text += f" {counts[Applicability.UNSAFE.value]} more with `cleaner fix --unsafe`."
    return text


def summary_line(findings: list[Finding], files: int) -> str:
    return summary_from_counts(tally(findings), files)


def format_text(findings: list[Finding], files: int, color: bool = False) -> str:
    lines = [format_text_line(f, color) for f in findings]
    lines.append(summary_line(findings, files))
    return "\n".join(lines) + "\n"
