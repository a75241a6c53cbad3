"""`cleaner fix`: apply fixes in place (atomically), print a diff, or write one corrected file."""
from __future__ import annotations

import os
import sys
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
    GLOB,
    IGNORE,
    ISOLATED,
    JOBS,
    LINE_BREAKS,
    PATHS,
    PER_FILE_IGNORES,
    SELECT,
    WORDS,
    ColorChoice,
    codes,
    color_wanted,
    overrides,
    progress_wanted,
)
from cleaner.cli.replay import fix_with_decisions
from cleaner.document import DocumentError, remove_stale_temps
from cleaner.report.worddiff import word_diff as render_word_diff
from cleaner.run.driver import Driver, plural, shown
from cleaner.run.parallel import Task, run_all
from cleaner.run.runner import fix_document
from cleaner.run.stdin import wants_stdin, write_stdout


def fix(
    paths: List[str] = PATHS,
    unsafe: bool = typer.Option(False, "--unsafe", help="Also apply the best suggestion of unsafe fixes."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff (for patch) and write nothing."),
    word_diff: bool = typer.Option(
        False, "--word-diff", help="Print each change as [-old-]{+new+} in a window of its line, for reading; "
                                   "write nothing."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the corrected text here (one input only)."),
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
    exit_non_zero_on_fix: bool = typer.Option(
        False, "--exit-non-zero-on-fix",
        help="Exit 1 when a file changed (the default; overrides --exit-zero)."),
    decisions: Optional[Path] = typer.Option(
        None, "--decisions", help="Replay the choices recorded by `cleaner review --decisions` instead."),
    color: ColorChoice = COLOR,
) -> int:
    """Apply fixes in place (atomically). Exit 1 when anything changed (or would, with --diff)."""
    if decisions is not None:
        return fix_with_decisions(paths, str(decisions), select=codes(select), ignore=codes(ignore),
                                  glob=glob, encoding=encoding, diff=diff,
                                  config=str(config) if config else None, isolated=isolated,
                                  output=str(output) if output else None)
    settings = overrides(select, ignore, extend_select, per_file_ignores, exclude, words, None,
                         line_breaks=line_breaks, characters=characters)
    driver = Driver()
    driver.writes(output, "-o/--output", reads=(config,))
    if wants_stdin(paths):
        return _fix_stdin(driver, paths, settings, config, isolated, encoding, unsafe, diff, word_diff,
                          color, exit_zero and not exit_non_zero_on_fix)
    planned = driver.plan(paths, glob, settings, str(config) if config else None, isolated)
    if output is not None and len(planned) + driver.errors != 1:
        driver.error("-o/--output needs exactly one input file")
        return driver.status
    if not (diff or word_diff or output is not None):
        # Temp files a killed run left next to these files go now, even if nothing is written.
        for folder in sorted({os.path.dirname(os.path.realpath(p.path)) for p in planned}):
            remove_stale_temps(folder)
    tasks = [Task(p.path, p.config, encoding, fix=True, unsafe=unsafe) for p in planned]
    painted = word_diff and color_wanted(color)
    changed = 0
    for outcome in run_all(tasks, jobs, progress=progress_wanted(diff or word_diff)):
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
        if word_diff:
            sys.stdout.write(render_word_diff(doc.text, new_text, shown(path), painted))
            changed += result.fixed is not None
            continue
        if output is not None:
            written = driver.write(str(output), doc.encode(new_text))
        elif result.fixed is not None:
            written = driver.write(path, doc.encode(new_text), expect=doc)
        else:
            written = True
        if written and result.fixed is not None:
            changed += 1
            print(f"{shown(path)}: {applied_note(result)}", file=sys.stderr)
    if driver.status:
        return driver.status
    return 1 if changed and (exit_non_zero_on_fix or not exit_zero) else 0


def applied_note(result) -> str:
    """'applied 5 fixes', saying how many of them later passes applied (the counts `check`
    gives are the first pass's, so this is what adds up to more)."""
    note = f"applied {plural(len(result.applied), 'fix', 'fixes')}"
    if result.later:
        note += f" ({result.later} in later passes, after earlier fixes changed the text)"
    return note


def _fix_stdin(driver, paths, settings, config, isolated, encoding, unsafe, diff, word_diff, color,
               exit_zero) -> int:
    """`fix -`: the corrected text (or its diff) goes to standard output."""
    planned = driver.plan_stdin(paths, settings, str(config) if config else None, isolated)
    doc = driver.read_stdin(encoding) if planned else None
    if doc is None:
        return driver.status
    result = fix_document(doc, planned.config, unsafe)
    new_text = result.fixed if result.fixed is not None else doc.text
    if diff:
        driver.diff(doc, new_text, doc.path)
    elif word_diff:
        sys.stdout.write(render_word_diff(doc.text, new_text, doc.path, color_wanted(color)))
    else:
        try:
            write_stdout(doc.encode(new_text))
        except DocumentError as exc:
            driver.error(str(exc))
    if result.fixed is not None:
        print(f"-: {applied_note(result)}", file=sys.stderr)
    if driver.status:
        return driver.status
    return 1 if result.fixed is not None and not exit_zero else 0
