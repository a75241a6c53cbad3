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


def format_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2) + "\n"


def _json_item(f: Finding, path: str) -> str:
    """One element of format_json's array, indented as json.dumps(indent=2) indents it there."""
    item = f.to_json()
    item["path"] = path
    return "  " + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")


# Formats whose per-file part workers can render themselves (no whole-run structure).
PER_FILE_FORMATS = ("text", "github")


def file_report(fmt: str, findings, path: str, color: bool = False) -> str:
    """The lines one file contributes to a text or github report."""
    if fmt == "text":
        return "".join(format_text_line(f, color, path) + "\n" for f in findings)
    from dataclasses import replace
    from .github_format import format_github

    return format_github([f if f.path == path else replace(f, path=path) for f in findings])


class Report:
    """The report for `check`, written file by file as results arrive, so memory does
    not grow with the number of findings. Text, github and json are streamed (the
    summary line needs only counters); SARIF lists every rule used, so it keeps the
    findings and is written at the end. Output is the same as render() on all findings.
    Text and github parts may arrive already rendered by a worker (add_rendered)."""

    def __init__(self, fmt: str, write, files: int, color: bool = False) -> None:
        self.fmt, self.write, self.files, self.color = fmt, write, files, color
        self.counts: Counter = Counter()
        self.kept: list[Finding] = []  # SARIF only
        self.items = 0

    def add(self, findings, path: str) -> None:
        """The findings of one file, shown under display path `path`."""
        if not findings:
            return
        if self.fmt in PER_FILE_FORMATS:
            self.add_rendered(file_report(self.fmt, findings, path, self.color), tally(findings))
        elif self.fmt == "json":
            for f in findings:
                self.write(("[\n" if not self.items else ",\n") + _json_item(f, path))
                self.items += 1
        else:
            from dataclasses import replace

            self.kept.extend(f if f.path == path else replace(f, path=path) for f in findings)

    def add_rendered(self, text: str, counts: Counter) -> None:
        """A file's part as file_report() rendered it (in a worker), with its tally()."""
        self.counts.update(counts)
        if text:
            self.write(text)

    def close(self) -> None:
        if self.fmt == "text":
            self.write(summary_from_counts(self.counts, self.files) + "\n")
        elif self.fmt == "json":
            self.write("\n]\n" if self.items else "[]\n")
        elif self.fmt == "sarif":
            from .sarif import format_sarif

            self.write(format_sarif(self.kept))


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
