"""`cleaner baseline`: record today's findings so that `check --baseline FILE` reports only new ones."""
from __future__ import annotations

import os
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
    progress_wanted,
)
from cleaner.run.driver import Driver, plural, shown
from cleaner.run.parallel import Task, run_all


def baseline(
    paths: List[str] = PATHS,
    output: Path = typer.Option(..., "-o", "--output", help="The baseline file to write (JSON)."),
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
    """Record the current findings so that `check --baseline FILE` reports only new ones."""
    # Imported here, not at the top: every `check` loads this module, and start-up counts for hooks.
    from cleaner.report.baseline import build, dumps

    settings = overrides(select, ignore, extend_select, per_file_ignores, exclude, words, None,
                         line_breaks=line_breaks, characters=characters)
    driver = Driver()
    driver.writes(output, "--output", reads=(config,))
    planned = driver.plan(paths, glob, settings, str(config) if config else None, isolated)
    if driver.status:
        return driver.status
    tasks = [Task(p.path, p.config, encoding, fingerprints=True) for p in planned]
    triples = []
    for outcome in run_all(tasks, jobs, progress=progress_wanted(False)):
        result = outcome.result
        if result.error:
            driver.error(f"{result.error}; baseline not written")
            return driver.status
        if result.note:
            driver.note(result.note)
        triples.append((result.path, result.findings, outcome.fingerprints))
    entries = build(triples, os.path.dirname(os.path.abspath(output)))
    if not driver.write(str(output), dumps(entries).encode("utf-8")):
        return driver.status
    print(f"{shown(str(output))}: recorded {plural(len(entries), 'finding')} in {plural(len(tasks), 'file')}",
          file=sys.stderr)
    return 0
