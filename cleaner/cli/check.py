"""`cleaner check`: report defects, streamed file by file in any --format."""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from cleaner.cli.options import (
    CHARACTERS,
    COLOR,
    CONFIG_OPT,
    ENCODING,
    EXCLUDE,
    EXIT_ZERO,
    EXTEND_SELECT,
    FAIL_ON,
    GLOB,
    IGNORE,
    ISOLATED,
    JOBS,
    LINE_BREAKS,
    MAX_ERROR_RATE,
    PATHS,
    PER_FILE_IGNORES,
    SELECT,
    WORDS,
    ColorChoice,
    color_wanted,
    overrides,
    progress_wanted,
)
from cleaner.model import Severity
from cleaner.report.stream import PER_FILE_FORMATS, Report
from cleaner.run.driver import Driver, plural, shown
from cleaner.run.parallel import Outcome, Task, run_all
from cleaner.run.runner import check_document
from cleaner.run.stdin import wants_stdin
from cleaner.score import estimate as estimate_rate
from cleaner.score import over_limit

ESTIMATE = typer.Option(
    False, "--estimate", help="Estimate each file's word error rate (see `cleaner score`); json output becomes "
    '{"findings": [...], "files": [...]}. SARIF always carries it as artifact properties.')


class OutputFormat(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"


def check(
    paths: List[str] = PATHS,
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", metavar="FORMAT",
        help="text (each finding with its source line marked), concise (one line each), json, sarif or github."),
    output_file: Optional[Path] = typer.Option(None, "--output-file", help="Write the report here instead of stdout."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Report only findings not recorded in this baseline."),
    fail_on: Optional[Severity] = FAIL_ON,
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    extend_select: Optional[List[str]] = EXTEND_SELECT,
    per_file_ignores: Optional[List[str]] = PER_FILE_IGNORES,
    exclude: Optional[List[str]] = EXCLUDE,
    words: Optional[List[str]] = WORDS,
    line_breaks: Optional[str] = LINE_BREAKS,
    characters: Optional[str] = CHARACTERS,
    config: Optional[Path] = CONFIG_OPT,
    isolated: bool = ISOLATED,
    glob: str = GLOB,
    encoding: str = ENCODING,
    jobs: Optional[int] = JOBS,
    exit_zero: bool = EXIT_ZERO,
    statistics: bool = typer.Option(False, "--statistics", help="Print how many findings each rule made instead."),
    show_evidence: bool = typer.Option(
        False, "--show-evidence", help="Also show the model's figures behind each finding (text and concise)."),
    color: ColorChoice = COLOR,
    max_error_rate: Optional[str] = MAX_ERROR_RATE,
    estimate: bool = ESTIMATE,
) -> int:
    """Report defects. Exit 0 clean, 1 findings at or above --fail-on or a file over --max-error-rate, 2 error."""
    settings = overrides(select, ignore, extend_select, per_file_ignores, exclude, words,
                         fail_on.value if fail_on else None, max_error_rate,
                         line_breaks=line_breaks, characters=characters)
    known = None
    if baseline is not None:
        # Imported only when asked for: start-up counts for pre-commit hooks.
        from cleaner.report.baseline import Baseline

        known = Baseline.load(str(baseline))
    driver = Driver()
    driver.writes(output_file, "--output-file", reads=(baseline, config))
    fmt = output_format.value
    stdin = wants_stdin(paths)
    if stdin:
        planned = [p for p in [driver.plan_stdin(paths, settings, str(config) if config else None, isolated)] if p]
    else:
        planned = driver.plan(paths, glob, settings, str(config) if config else None, isolated)
    # The default text format shows source lines: with a baseline the parent renders it.
    # SARIF always carries each file's estimate; a max-error-rate limit needs it too.
    estimating = estimate or fmt == "sarif"
    tasks = [Task(p.path, p.config, encoding, fingerprints=known is not None, keep_text=fmt == "text",
                  estimate=estimating or p.config.max_error_rate is not None)
             for p in planned]
    limits = {p.path: p.config.max_error_rate for p in planned}
    fail_levels = {p.path: p.config.fail_on for p in planned}
    painted = fmt in ("text", "concise") and color_wanted(color, output_file is None)
    # Written file by file as results arrive: memory stays flat however many findings there are.
    chunks: list[str] = []
    report = Report(fmt, sys.stdout.write if output_file is None else chunks.append, len(tasks), painted,
                    evidence=show_evidence, statistics=statistics, estimates=estimating)
    if known is None and fmt in PER_FILE_FORMATS and not statistics and not stdin:
        # Each file's lines are rendered where it is checked (in a worker with --jobs).
        tasks = [replace(t, report=(fmt, shown(t.path), painted, show_evidence)) for t in tasks]
    hidden, failing = 0, False
    outcomes = _stdin_outcome(driver, tasks, encoding) if stdin else \
        run_all(tasks, jobs, progress=progress_wanted(output_file is None))
    for outcome in outcomes:
        result = outcome.result
        if result.error:
            driver.error(result.error)
        elif result.note:
            driver.note(result.note)
        if result.estimate is not None:
            failing = _gate(report, result, limits[result.path]) or failing
        if outcome.rendered is not None:
            report.add_rendered(outcome.rendered, Counter(dict(outcome.counts)))
            failing = failing or outcome.failing
            continue
        file_findings = result.findings
        if known is not None:
            kept = known.new_findings(result.path, list(file_findings), outcome.fingerprints)
            hidden += len(file_findings) - len(kept)
            file_findings = kept
        if file_findings:
            level = fail_levels[result.path].rank
            failing = failing or any(f.severity.rank >= level for f in file_findings)
            report.add(file_findings, shown(result.path), result.original)
    report.close(driver.errors)
    if known is not None:
        _baseline_notes(known, baseline, hidden, [t.path for t in tasks])
    if output_file is not None and not driver.write(str(output_file), "".join(chunks).encode("utf-8")):
        return driver.status
    if driver.status:
        return driver.status
    return 1 if failing and not exit_zero else 0


def _gate(report: Report, result, limit: float | None) -> bool:
    """Record the file's estimate; True (and one line on stderr) when it is above the limit."""
    report.add_estimate(shown(result.path), result.estimate, limit)
    reason = over_limit(result.estimate, limit)
    if reason:
        Driver.note(f"{shown(result.path)}: {reason}")
    return reason is not None


def _stdin_outcome(driver: Driver, tasks, encoding: str):
    """The one Outcome of `check -`: standard input checked in this process."""
    if not tasks:
        return
    doc = driver.read_stdin(encoding)
    if doc is not None:
        result = check_document(doc, tasks[0].config)
        if tasks[0].estimate:
            result = replace(result, estimate=estimate_rate(doc.text, result.findings))
        from cleaner.report.baseline import fingerprints

        yield Outcome(result, fingerprints(doc.text, result.findings) if tasks[0].fingerprints else ())


def _baseline_notes(known, baseline: Path, hidden: int, paths: list[str]) -> None:
    stale = known.unused(paths)
    if hidden:
        Driver.note(f"{plural(hidden, 'known finding')} hidden by baseline {baseline}")
    if stale:
        Driver.note(f"{stale} baseline entr{'ies no longer match' if stale != 1 else 'y no longer matches'} "
                    f"(fixed or changed); refresh with `cleaner baseline ... --output {baseline}`")
