"""`cleaner fix`: apply fixes in place (atomically), print a diff, or write one corrected file."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from cleaner.cli.options import (
    CONFIG_OPT,
    ENCODING,
    EXCLUDE,
    EXIT_ZERO,
    EXTEND_SELECT,
    GLOB,
    IGNORE,
    ISOLATED,
    JOBS,
    PATHS,
    PER_FILE_IGNORES,
    SELECT,
    WORDS,
    codes,
    overrides,
    progress_wanted,
)
from cleaner.cli.replay import fix_with_decisions
from cleaner.run.driver import Driver, plural, shown
from cleaner.run.parallel import Task, run_all


def fix(
    paths: List[str] = PATHS,
    unsafe: bool = typer.Option(False, "--unsafe", help="Also apply the best suggestion of unsafe fixes."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff and write nothing."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the corrected text here (one input only)."),
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    extend_select: Optional[List[str]] = EXTEND_SELECT,
    per_file_ignores: Optional[List[str]] = PER_FILE_IGNORES,
    exclude: Optional[List[str]] = EXCLUDE,
    words: Optional[List[str]] = WORDS,
    config: Optional[Path] = CONFIG_OPT,
    isolated: bool = ISOLATED,
    glob: str = GLOB,
    encoding: str = ENCODING,
    jobs: Optional[int] = JOBS,
    exit_zero: bool = EXIT_ZERO,
    exit_non_zero_on_fix: bool = typer.Option(
        False, "--exit-non-zero-on-fix",
        help="Exit 1 when a file changed (the default; overrides --exit-zero)."),
    decisions: Optional[Path] = typer.Option(
        None, "--decisions", help="Replay the choices recorded by `cleaner review --decisions` instead."),
) -> int:
    """Apply fixes in place (atomically). Exit 1 when anything changed (or would, with --diff)."""
    if decisions is not None:
        return fix_with_decisions(paths, str(decisions), select=codes(select), ignore=codes(ignore),
                                  glob=glob, encoding=encoding, diff=diff,
                                  config=str(config) if config else None, isolated=isolated,
                                  output=str(output) if output else None)
    settings = overrides(select, ignore, extend_select, per_file_ignores, exclude, words, None)
    driver = Driver()
    planned = driver.plan(paths, glob, settings, str(config) if config else None, isolated)
    if output is not None and len(planned) + driver.errors != 1:
        driver.error("-o/--output needs exactly one input file")
        return driver.status
    tasks = [Task(p.path, p.config, encoding, fix=True, unsafe=unsafe) for p in planned]
    changed = 0
    for outcome in run_all(tasks, jobs, progress=progress_wanted(diff)):
        result = outcome.result
        if result.error:
            driver.error(result.error)
            continue
        if result.note:
            driver.note(result.note)
            continue
        doc, path = result.document, result.path
        new_text = result.fixed if result.fixed is not None else result.original
        if diff:
            changed += driver.diff(doc, new_text, path) and result.fixed is not None
            continue
        if output is not None:
            written = driver.write(str(output), doc.encode(new_text))
        elif result.fixed is not None:
            written = driver.write(path, doc.encode(new_text), expect=doc)
        else:
            written = True
        if written and result.fixed is not None:
            changed += 1
            print(f"{shown(path)}: applied {plural(len(result.applied), 'fix', 'fixes')}", file=sys.stderr)
    if driver.status:
        return driver.status
    return 1 if changed and (exit_non_zero_on_fix or not exit_zero) else 0
