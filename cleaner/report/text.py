"""The text formats for people (coloured on a terminal): the default shows each finding
with its source snippet (report/snippet.py), `concise` one line per finding; both end
with the summary line and its counts."""
from __future__ import annotations

import os
from collections import Counter

from cleaner.fixer import first_pass
from cleaner.model import Applicability, Finding
from cleaner.report.snippet import concise_line, render_file


def use_color(stream) -> bool:
    """Colour on a terminal only; NO_COLOR (any non-empty value) turns it off, FORCE_COLOR on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def display_end(f: Finding) -> tuple[int, int]:
    """End line and (exclusive) end column, not counting a trailing line break:
    a deleted junk line ends on its own line, not at column 1 of the next."""
    stripped = f.text.rstrip("\r\n")
    if f.end_line > f.line and f.end_column == 1 and stripped and not any(c in stripped for c in "\r\n"):
        return f.line, f.column + len(stripped)
    return f.end_line, f.end_column


def format_text_line(f: Finding, color: bool = False, path: str | None = None, evidence: bool = False) -> str:
    """One finding on one line (`--format concise`); `path` stands in for f.path when given."""
    return concise_line(f, f.path if path is None else path, color, evidence)


def file_text(findings, path: str, color: bool = False, text: str | None = None, evidence: bool = False) -> str:
    """One file's part of the default text report: each finding with its source snippet
    (one line per finding when the source text is not at hand)."""
    if text is None:
        return "".join(format_text_line(f, color, path, evidence) + "\n" for f in findings)
    return render_file(findings, text, path, color, evidence)


def tally(findings, counts: Counter | None = None) -> Counter:
    """What the summary line needs: findings by severity, and the fixes `fix` (safe) and
    `fix --unsafe` (unsafe: the ones it adds) apply in their first pass, file by file
    (a fix that overlaps an earlier one waits for a later pass, which `fix` reports)."""
    counts = Counter() if counts is None else counts
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        counts[f.severity.value] += 1
        by_path.setdefault(f.path, []).append(f)
    for group in by_path.values():
        safe = len(first_pass(group, unsafe=False))
        counts[Applicability.SAFE.value] += safe
        counts[Applicability.UNSAFE.value] += len(first_pass(group, unsafe=True)) - safe
    return counts


def summary_from_counts(counts: Counter, files: int, errors: int = 0) -> str:
    """The last line. The fixable counts are the findings whose fix `fix` (safe) and
    `fix --unsafe` (both) apply in their first pass; `fix` says when later passes add more."""
    checked = f"{files} file{'s' if files != 1 else ''}"
    total = sum(counts[s] for s in ("error", "warning", "info"))
    failed = f" {errors} error{'s' if errors != 1 else ''} (see above): not everything was checked." if errors else ""
    if not total:
        if errors and not files:
            return f"Nothing checked: {errors} error{'s' if errors != 1 else ''} (see above)."
        return f"No findings in {checked}.{failed}" if errors else f"All clean: no findings in {checked}."
    parts = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
    text = f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {checked}."
    if counts[Applicability.SAFE.value]:
        text += f" {counts[Applicability.SAFE.value]} fixable with `cleaner fix`."
    if counts[Applicability.UNSAFE.value]:
        more = "more" if counts[Applicability.SAFE.value] else "fixable"
        text += f" {counts[Applicability.UNSAFE.value]} {more} with `cleaner fix --unsafe`."
    return text + failed


def summary_line(findings: list[Finding], files: int) -> str:
    return summary_from_counts(tally(findings), files)


def format_text(findings: list[Finding], files: int, color: bool = False, texts: dict | None = None,
                evidence: bool = False) -> str:
    """The whole default text report; `texts` maps each finding's path to its source."""
    return _by_file(findings, lambda group, path: file_text(group, path, color, (texts or {}).get(path), evidence)) \
        + summary_line(findings, files) + "\n"


def format_concise(findings: list[Finding], files: int, color: bool = False, evidence: bool = False) -> str:
    return "".join(format_text_line(f, color, None, evidence) + "\n" for f in findings) \
        + summary_line(findings, files) + "\n"


def _by_file(findings, render_one) -> str:
    out, group = [], []
    for f in findings:
        if group and f.path != group[0].path:
            out.append(render_one(group, group[0].path))
            group = []
        group.append(f)
    if group:
        out.append(render_one(group, group[0].path))
    return "".join(out)
