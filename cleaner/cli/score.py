"""`cleaner score`: each file's estimated word error rate (cleaner/score.py) with its
interval, word count and top three rules, as text, json or csv."""
from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
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
from cleaner.run.driver import Driver, shown
from cleaner.run.parallel import Task, run_all
from cleaner.score import Estimate, percent


class ScoreFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


SCORE_FORMAT = typer.Option(ScoreFormat.text, "--format", help="text, json or csv.")
SORT = typer.Option(False, "--sort", help="Worst files (highest estimate) first.")


def estimates(driver: Driver, paths, settings, config, isolated, glob, encoding, jobs, *, keep_text=False):
    """[(path, Estimate, FileResult, Config)] for every readable file, in input order."""
    planned = driver.plan(paths, glob, settings, str(config) if config else None, isolated)
    configs = {p.path: p.config for p in planned}
    tasks = [Task(p.path, p.config, encoding, estimate=True, keep_text=keep_text) for p in planned]
    rows = []
    for outcome in run_all(tasks, jobs, progress=progress_wanted(True)):
        result = outcome.result
        if result.error:
            driver.error(result.error)
        elif result.note:
            driver.note(result.note)
        elif result.estimate is not None:
            rows.append((result.path, result.estimate, result, configs[result.path]))
    return rows


def format_scores(rows: list[tuple[str, Estimate]], fmt: str) -> str:
    """rows: (display path, estimate) in the order to print."""
    if fmt == "json":
        return json.dumps([{"path": p, **e.to_json()} for p, e in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["path", "estimated_wer", "low", "high", "words", "top_rules"])
        for p, e in rows:
            writer.writerow([p, f"{e.wer:.4f}", f"{e.low:.4f}", f"{e.high:.4f}", e.words,
                             " ".join(f"{r}:{n}" for r, n in e.top_rules)])
        return out.getvalue()
    width = max((len(p) for p, _ in rows), default=0)
    lines = []
    for p, e in rows:
        top = ", ".join(f"{rule} ({n})" for rule, n in e.top_rules) or "-"
        lines.append(f"{p:<{width}}  {percent(e.wer):>6}  [{percent(e.low)}-{percent(e.high)}]  "
                     f"{e.words:>7} words  top: {top}")
    return "".join(line + "\n" for line in lines)


def score(
    paths: List[str] = PATHS,
    output_format: ScoreFormat = SCORE_FORMAT,
    sort: bool = SORT,
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
    """Estimate each file's word error rate: estimate, interval, words, top three rules. Exit 0, 2 on error."""
    settings = overrides(select, ignore, extend_select, per_file_ignores, exclude, words, None,
                         line_breaks=line_breaks, characters=characters)
    driver = Driver()
    rows = [(shown(path), e) for path, e, _, _ in
            estimates(driver, paths, settings, config, isolated, glob, encoding, jobs)]
    if sort:
        rows.sort(key=lambda row: (-row[1].wer, row[0]))
    sys.stdout.write(format_scores(rows, output_format.value))
    return driver.status
