"""A report in any --format, written file by file as results arrive (Report), or at once
(render). Each format lives in its own module; this one only dispatches."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from cleaner.model import Finding
from cleaner.report.github import format_github
from cleaner.report.json_format import format_json, json_item
from cleaner.report.sarif import format_sarif
from cleaner.report.text import format_text, format_text_line, summary_from_counts, tally

# Formats whose per-file part workers can render themselves (no whole-run structure).
PER_FILE_FORMATS = ("text", "github")


def file_report(fmt: str, findings, path: str, color: bool = False) -> str:
    """The lines one file contributes to a text or github report."""
    if fmt == "text":
        return "".join(format_text_line(f, color, path) + "\n" for f in findings)
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
                self.write(("[\n" if not self.items else ",\n") + json_item(f, path))
                self.items += 1
        else:
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
            self.write(format_sarif(self.kept))


def render(fmt: str, findings: list[Finding], files: int, color: bool = False) -> str:
    """One entry point for every --format value."""
    if fmt == "json":
        return format_json(findings)
    if fmt == "sarif":
        return format_sarif(findings)
    if fmt == "github":
        return format_github(findings)
    return format_text(findings, files, color)
