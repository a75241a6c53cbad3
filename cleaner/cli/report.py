"""`cleaner report`: one self-contained HTML page over many files (cleaner/report/html.py)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from cleaner.cli.options import (
    CHARACTERS,
    CONFIG_OPT,
    ENCODING,
    EXCLUDE,
    EXTEND_SELECT,
    GLOB,
    IGNORE,
    ISOLATED,
    JOBS,
    LINE_BREAKS,
    PATHS,
    PER_FILE_IGNORES,
    SELECT,
    WORDS,
    overrides,
)
from cleaner.cli.score import estimates
from cleaner.engine import fix_text
from cleaner.run.driver import Driver, plural, shown

REPORT_OUTPUT = typer.Option(..., "-o", "--output", help="The HTML file to write.")
WORST = typer.Option(20, "--worst", help="How many of the worst documents to show with their findings.")


def report(
    paths: List[str] = PATHS,
    output: Path = REPORT_OUTPUT,
    worst: int = WORST,
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
) -> int:
    """Write one self-contained HTML report: error-rate histogram, worst documents, rules, fixes."""
    from cleaner.report.html import FileReport, render_report

    settings = overrides(select, ignore, extend_select, per_file_ignores, exclude, words, None,
                         line_breaks=line_breaks, characters=characters)
    driver = Driver()
    driver.writes(output, "-o/--output", reads=(config,))
    rows = estimates(driver, paths, settings, config, isolated, glob, encoding, jobs, keep_text=True)
    ranked = sorted(rows, key=lambda row: -row[1].wer)
    worst_paths = {row[0] for row in ranked[:max(worst, 0)]}
    files = []
    for path, estimate, result, file_config in rows:
        text = result.original
        # What `fix` and `fix --unsafe` would apply (nothing is written).
        safe = fix_text(text, unsafe=False, config=file_config).applied
        unsafe = fix_text(text, unsafe=True, config=file_config).applied
        files.append(FileReport(shown(path), estimate, tuple(result.findings), text, tuple(safe), tuple(unsafe),
                                path in worst_paths))
    if not driver.write(str(output), render_report(files).encode("utf-8")):
        return driver.status
    print(f"{shown(str(output))}: report on {plural(len(files), 'file')}", file=sys.stderr)
    return driver.status
