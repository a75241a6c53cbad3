"""Render findings for people (text, coloured on a terminal) and programs (json).
SARIF and GitHub workflow commands live in sarif.py and github_format.py."""
from __future__ import annotations

import json
import os
from collections import Counter

from .model import Applicability, Finding

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


def format_text_line(f: Finding, color: bool = False) -> str:
    where = _paint(f"{f.path}", _BOLD, color) + _paint(f":{f.line}:{f.column}:", _DIM, color)
    code = _paint(f.rule, _BY_SEVERITY.get(f.severity.value, ""), color)
    line = f"{where} {code} {f.message}"
    if f.suggestions:
        line += f" (suggestion: {_paint(_show(f.suggestions[0]), _GREEN, color)})"
    return line


def summary_line(findings: list[Finding], files: int) -> str:
    if not findings:
        return f"All clean: no findings in {files} file{'s' if files != 1 else ''}."
    by_severity = Counter(f.severity.value for f in findings)
    safe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.UNSAFE)
    parts = ", ".join(f"{by_severity[s]} {s}" for s in ("error", "warning", "info") if by_severity[s])
    text = f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} ({parts}) in {files} file{'s' if files != 1 else ''}."
    if safe:
        text += f" {safe} fixable with `cleaner fix`."
    if unsafe:
        text += f" {unsafe} more with `cleaner fix --unsafe`."
    return text


def format_text(findings: list[Finding], files: int, color: bool = False) -> str:
    lines = [format_text_line(f, color) for f in findings]
    lines.append(summary_line(findings, files))
    return "\n".join(lines) + "\n"


def format_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2) + "\n"


def render(fmt: str, findings: list[Finding], files: int, color: bool = False) -> str:
    """One entry point for every --format value."""
    if fmt == "json":
        return format_json(findings)
    if fmt == "sarif":
        from .sarif import format_sarif

        return format_sarif(findings)
    if fmt == "github":
        from .github_format import format_github

        return format_github(findings)
    return format_text(findings, files, color)
