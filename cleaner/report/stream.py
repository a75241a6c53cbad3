"""A report in any --format, written file by file as results arrive (Report), or at once
(render). Each format lives in its own module; this one only dispatches."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from cleaner.model import Finding
from cleaner.report.github import format_github
from cleaner.report.json_format import format_json, format_json_with_files, json_item
from cleaner.report.sarif import format_sarif
from cleaner.report.statistics import RuleCounts
from cleaner.report.text import (
    file_text,
    format_concise,
    format_text,
    format_text_line,
    summary_from_counts,
    tally,
)

# Formats whose per-file part workers can render themselves (no whole-run structure).
PER_FILE_FORMATS = ("text", "concise", "github")
FORMATS = ("text", "concise", "json", "sarif", "github")


def file_report(fmt: str, findings, path: str, color: bool = False, text: str | None = None,
                evidence: bool = False) -> str:
    """The lines one file contributes to a text, concise or github report."""
    if fmt == "text":
        return file_text(findings, path, color, text, evidence)
    if fmt == "concise":
        return "".join(format_text_line(f, color, path, evidence) + "\n" for f in findings)
    return format_github([f if f.path == path else replace(f, path=path) for f in findings])


class Report:
    """The report for `check`, written file by file as results arrive, so memory does
    not grow with the number of findings. Text, concise, github and json are streamed
    (the summary line needs only counters); SARIF lists every rule used, so it keeps the
    findings and is written at the end. Output is the same as render() on all findings.
    Per-file parts may arrive already rendered by a worker (add_rendered).

    With `statistics`, the findings are counted per rule instead of listed (text or json)."""

    def __init__(self, fmt: str, write, files: int, color: bool = False, *, evidence: bool = False,
                 statistics: bool = False, estimates: bool = False) -> None:
        self.fmt, self.write, self.files, self.color = fmt, write, files, color
        self.evidence = evidence
        self.counts: Counter = Counter()
        self.per_rule = RuleCounts() if statistics else None
        self.kept: list[Finding] = []  # SARIF, and JSON with estimates
        self.items = 0
        # With estimates, JSON is {"findings": [...], "files": [...]} (kept, written at the end)
        # and SARIF gains run.artifacts; the plain JSON list stays as it was without them.
        self.estimates: list[dict] | None = [] if estimates else None

    def add_estimate(self, path: str, estimate, limit: float | None = None) -> None:
        """One file's estimated error rate (cleaner/score.py), shown under display path `path`."""
        if self.estimates is not None:
            item = {"path": path, **estimate.to_json(), "max_error_rate": limit,
                    "over_limit": limit is not None and estimate.wer > limit}
            self.estimates.append(item)

    def add(self, findings, path: str, text: str | None = None) -> None:
        """The findings of one file, shown under display path `path`; `text` is its source."""
        if not findings:
            return
        if self.per_rule is not None:
            self.per_rule.add(findings)
            self.counts.update(tally(findings))
        elif self.fmt in PER_FILE_FORMATS:
            self.add_rendered(file_report(self.fmt, findings, path, self.color, text, self.evidence),
                              tally(findings))
        elif self.fmt == "json" and self.estimates is None:
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

    def close(self, errors: int = 0) -> None:
        """The end of the report; `errors` files or paths could not be checked."""
        if self.per_rule is not None:
            if self.fmt == "json":
                self.write(self.per_rule.json())
                return
            self.write(self.per_rule.text())
        if self.fmt in ("text", "concise") or self.per_rule is not None:
            self.write(summary_from_counts(self.counts, self.files, errors) + "\n")
        elif self.fmt == "json" and self.estimates is not None:
            self.write(format_json_with_files(self.kept, self.estimates))
        elif self.fmt == "json":
            self.write("\n]\n" if self.items else "[]\n")
        elif self.fmt == "sarif":
            self.write(format_sarif(self.kept, self.estimates))


def render(fmt: str, findings: list[Finding], files: int, color: bool = False, texts: dict | None = None,
           evidence: bool = False) -> str:
    """One entry point for every --format value; `texts` maps paths to their source (text format)."""
    if fmt == "json":
        return format_json(findings)
    if fmt == "sarif":
        return format_sarif(findings)
    if fmt == "github":
        return format_github(findings)
    if fmt == "concise":
        return format_concise(findings, files, color, evidence)
    return format_text(findings, files, color, texts, evidence)
