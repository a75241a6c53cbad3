"""Spread files over worker processes. Results come back in input order, so the
output is identical for any --jobs value. Workers get plain picklable values
(path, Config, options) and return runner.FileResult objects; only the parent
prints or writes."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Iterator

from cleaner.config import Config
from cleaner.engine import check_text
from cleaner.report.stream import file_report
from cleaner.report.text import tally
from cleaner.run import runner
from cleaner.run.runner import FileResult
from cleaner.score import estimate
from cleaner.spelling.corpus import corpus_counts
from cleaner.spelling.lexicon import get_lexicon

# Below this many files a pool costs more (worker start-up, model loading) than it saves.
MIN_FILES_FOR_POOL = 4
MIN_FILES_FOR_PROGRESS = 20
# --jobs above this many per core is lowered to it (cli/options.py refuses values below 1).
MAX_JOBS_PER_CORE = 4
# Bytes of text handed to a worker at a time (about a second of checking).
CHUNK_BYTES = 128_000
# A short text that exercises the lazily loaded models (lexicon, channel, bigrams).
WARM_UP = "Teh qick brown fox, when it la recalled, jumpd over the lazy dog.\nreturn return return return\n"
# Config.corpus_counts is filled in here, before checking (cleaner/spelling/corpus.py): by the pool's
# workers when there is a pool, since reading every file is serial time otherwise.
# Files per hand-out while counting the corpus words (a file takes milliseconds).
CORPUS_CHUNK = 8


@dataclass(frozen=True)
class Task:
    path: str
    config: Config
    encoding: str = "utf-8"
    fix: bool = False
    unsafe: bool = False
    fingerprints: bool = False   # also hash around each finding, for baselines
    keep_text: bool = False      # send the checked text back (the parent renders snippets)
    estimate: bool = False       # also estimate the file's word error rate (cleaner/score.py)
    # (format, display path, colour, show evidence): render this file's part of a text,
    # concise or github report where it is checked, so findings need not travel back to
    # the parent one by one.
    report: tuple[str, str, bool, bool] | None = None


@dataclass(frozen=True)
class Outcome:
    result: FileResult
    fingerprints: tuple[str, ...] = ()
    rendered: str | None = None          # with Task.report: the file's part of the report
    counts: tuple[tuple[str, int], ...] = ()  # ... and its output.tally() items
    failing: bool = False                # ... and whether a finding reaches config.fail_on


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def run_task(task: Task) -> Outcome:
    """One file; never raises, so one bad file cannot stop the others."""
    try:
        if task.fix:
            return Outcome(runner.fix_file(task.path, task.config, task.unsafe, task.encoding))
        result = runner.check_file(task.path, task.config, task.encoding)
        if task.estimate and result.original is not None:
            result = replace(result, estimate=estimate(result.original, result.findings))
        if task.report is not None:
            return _rendered(task, result)
        prints: tuple[str, ...] = ()
        if task.fingerprints and result.findings:
            # Imported only for baselines: every `check` imports this module, and start-up counts.
            from cleaner.report.baseline import fingerprints

            prints = fingerprints(result.original, result.findings)
        return Outcome(result if task.keep_text else replace(result, original=None), prints)
    except Exception as exc:  # a bug in a rule must not print a traceback or lose other files
        return Outcome(FileResult(task.path, error=f"{task.path}: internal error ({type(exc).__name__}: {exc})"))


def _rendered(task: Task, result: FileResult) -> Outcome:
    fmt, shown, color, evidence = task.report
    findings = result.findings
    level = task.config.fail_on.rank
    return Outcome(
        replace(result, findings=(), original=None),
        rendered=file_report(fmt, findings, shown, color, result.original, evidence),
        counts=tuple(tally(findings).items()),
        failing=any(f.severity.rank >= level for f in findings),
    )


def _chunk_size(tasks: list[Task], workers: int) -> int:
    """Files per hand-out: big enough that a run of tiny files is not all hand-offs, small
    enough that no worker sits idle at the end while another finishes a long chunk."""
    total = 0
    for task in tasks:
        try:
            total += os.stat(task.path).st_size
        except OSError:
            pass
    per_file = max(1, total // len(tasks))
    return max(1, min(16, len(tasks) // (workers * 4), CHUNK_BYTES // per_file))


def _pooled(tasks: list[Task], workers: int) -> Iterator[Outcome]:
    # Imported here: multiprocessing costs ~8 ms of start-up that one small file never needs.
    import multiprocessing

    from cleaner.run.pool import Pool, WorkerDied

    if multiprocessing.get_start_method() == "fork":
        # Load the rules and word models once in the parent: forked workers share
        # them copy-on-write instead of each spending a second loading its own.
        check_text(WARM_UP, tasks[0].config)
        get_lexicon().offerable_words  # noqa: B018  (a set each worker would otherwise build)
    pool = Pool(workers)
    done = 0
    try:
        tasks = with_corpus(tasks, lambda count, paths: pool.map(count, paths, chunksize=CORPUS_CHUNK))
        chunk = _chunk_size(tasks, workers)
        for outcome in pool.map(run_task, tasks, chunksize=chunk):
            done += 1
            yield outcome
        pool.close()
    except WorkerDied:
        pool.kill()
        for task in tasks[done:]:
            yield Outcome(FileResult(task.path, error=f"{task.path}: worker process died (out of memory?)"))
    finally:
        pool.kill()   # interrupted, or the caller stopped early: no worker outlives the run


def worker_count(jobs: int | None, files: int) -> int:
    """Worker processes for `files` files: --jobs (default: the cores), at most one per file
    and MAX_JOBS_PER_CORE per core: more only adds start-up time and memory."""
    cores = default_jobs()
    wanted = cores if jobs is None or jobs < 1 else jobs
    return max(1, min(wanted, files, MAX_JOBS_PER_CORE * cores))


def run_all(tasks: list[Task], jobs: int | None = None, progress: bool = False) -> Iterator[Outcome]:
    """Outcomes in the order of `tasks`, each yielded as soon as it (and all before it) is done,
    so `fix` writes every file while later ones are still being worked on. Words that recur
    across the files (cleaner/spelling/corpus.py) are counted first and reach every file's Config."""
    workers = worker_count(jobs, len(tasks))
    if workers <= 1 or len(tasks) < MIN_FILES_FOR_POOL:
        stream: Iterator[Outcome] = (run_task(t) for t in with_corpus(tasks))
    else:
        stream = _pooled(tasks, workers)
    if not (progress and len(tasks) >= MIN_FILES_FOR_PROGRESS):
        yield from stream
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        job = bar.add_task("fixing" if tasks[0].fix else "checking", total=len(tasks))
        for outcome in stream:
            yield outcome
            bar.advance(job)


def with_corpus(tasks: list, mapper=map) -> list:
    """parallel.Task objects with the run's corpus counts in their Config (unchanged for one file)."""
    if not tasks:
        return tasks
    counts = corpus_counts([t.path for t in tasks], tasks[0].encoding, mapper)
    if not counts:
        return tasks
    return [replace(t, config=replace(t.config, corpus_counts=counts)) for t in tasks]
