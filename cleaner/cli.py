"""The `cleaner` command line: check, fix, rules, explain."""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

try:  # typer >= 0.26 vendors click instead of depending on it
    from typer import _click as click
except ImportError:  # pragma: no cover
    import click

from .cli_options import (
    CONFIG_OPT, ENCODING, EXCLUDE, EXIT_ZERO, EXTEND_SELECT, FAIL_ON, GLOB, IGNORE, ISOLATED, JOBS, PATHS,
    PER_FILE_IGNORES, SELECT, WORDS, codes as _codes, overrides as _overrides,
)
from .model import Severity

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Find and fix transcription defects in plain-text transcripts.",
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


def _err(message: str) -> None:
    print(f"cleaner: {message}", file=sys.stderr)


def _display_path(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel




def _plan(paths, glob, config_path, isolated, overrides, encoding, *, fix=False, unsafe=False, prints=False):
    """Discover files and resolve each one's configuration.

    Returns (tasks, fail_on by path, discovery errors). Raises ConfigError."""
    from .config_files import Resolver
    from .files import discover
    from .parallel import Task

    resolver = Resolver(overrides, str(config_path) if config_path else None, isolated)
    found = discover(paths, glob)
    tasks, fail_on = [], {}
    for path in found.files:
        settings = resolver.settings_for(path)
        if settings.excludes(path):
            continue
        config = settings.config_for(path)
        fail_on[path] = config.fail_on
        tasks.append(Task(path, config, encoding, fix=fix, unsafe=unsafe, fingerprints=prints))
    # parallel.run_all adds the words recurring across the run's files (TICCL).
    return tasks, fail_on, found.errors


def _progress_wanted(to_stdout: bool) -> bool:
    return sys.stderr.isatty() and (not to_stdout or sys.stdout.isatty())


@app.command()
def check(
    paths: List[str] = PATHS,
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", help="Output format."),
    output_file: Optional[Path] = typer.Option(None, "--output-file", help="Write the report here instead of stdout."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Report only findings not recorded in this baseline."),
    fail_on: Optional[Severity] = FAIL_ON,
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
) -> int:
    """Report defects. Exit 0 clean, 1 findings at or above --fail-on, 2 error."""
    from collections import Counter
    from dataclasses import replace

    from .output import PER_FILE_FORMATS, Report, use_color
    from .parallel import run_all

    overrides = _overrides(select, ignore, extend_select, per_file_ignores, exclude, words,
                           fail_on.value if fail_on else None)
    known = None
    if baseline is not None:
        from .baseline import Baseline

        known = Baseline.load(str(baseline))
    tasks, fail_levels, errors = _plan(paths, glob, config, isolated, overrides, encoding, prints=known is not None)
    status = 0
    for message in errors:
        _err(message)
        status = 2
    color = output_file is None and output_format is OutputFormat.text and use_color(sys.stdout)
    # Written file by file as results arrive: memory stays flat however many findings there are.
    chunks: list[str] = []
    report = Report(output_format.value, sys.stdout.write if output_file is None else chunks.append,
                    len(tasks), color)
    if known is None and output_format.value in PER_FILE_FORMATS:
        # Each file's lines are rendered where it is checked (in a worker with --jobs).
        tasks = [replace(t, report=(output_format.value, _display_path(t.path), color)) for t in tasks]
    hidden, failing = 0, False
    for outcome in run_all(tasks, jobs, progress=_progress_wanted(output_file is None)):
        result = outcome.result
        if result.error:
            _err(result.error)
            status = 2
        elif result.note:
            _err(result.note)
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
            report.add(file_findings, _display_path(result.path))
    report.close()
    if status == 0 and failing:
        status = 1
    if known is not None:
        stale = known.unused([t.path for t in tasks])
        if hidden:
            _err(f"{hidden} known finding{'s' if hidden != 1 else ''} hidden by baseline {baseline}")
        if stale:
            _err(f"{stale} baseline entr{'ies no longer match' if stale != 1 else 'y no longer matches'} "
                 "(fixed or changed); "
                 f"refresh with `cleaner baseline ... --output {baseline}`")
    if output_file is not None:
        from .document import DocumentError, write_atomic

        try:
            write_atomic(str(output_file), "".join(chunks).encode("utf-8"))
        except DocumentError as exc:
            _err(str(exc))
            return 2
    if exit_zero and status == 1:
        status = 0
    return status


@app.command()
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
    if decisions is not None:  # replay lives in cleaner/decisions.py
        from .decisions import fix_with_decisions

        return fix_with_decisions(paths, str(decisions), select=_codes(select), ignore=_codes(ignore),
                                  glob=glob, encoding=encoding, diff=diff,
                                  config=str(config) if config else None, isolated=isolated,
                                  output=str(output) if output else None)
    from .diff import unified_diff, write_diff
    from .document import DocumentError, write_atomic
    from .parallel import run_all

    overrides = _overrides(select, ignore, extend_select, per_file_ignores, exclude, words, None)
    tasks, _, errors = _plan(paths, glob, config, isolated, overrides, encoding, fix=True, unsafe=unsafe)
    status = 0
    for message in errors:
        _err(message)
        status = 2
    if output is not None and len(tasks) + len(errors) != 1:
        _err("-o/--output needs exactly one input file")
        return 2
    changed = 0
    for outcome in run_all(tasks, jobs, progress=_progress_wanted(diff)):
        result = outcome.result
        path = result.path
        if result.error:
            _err(result.error)
            status = 2
            continue
        if result.note:
            _err(result.note)
            continue
        new_text = result.fixed if result.fixed is not None else result.original
        if diff:
            try:
                write_diff(unified_diff(result.original, new_text, _display_path(path), bom=result.document.bom),
                           result.document.encoding, _display_path(path))
            except DocumentError as exc:
                _err(str(exc))
                status = 2
                continue
            changed += result.fixed is not None
            continue
        try:
            if output is not None:
                write_atomic(str(output), result.document.encode(new_text))
            elif result.fixed is not None:
                write_atomic(path, result.document.encode(new_text), expect=result.document)
        except DocumentError as exc:
            _err(str(exc))
            status = 2
            continue
        if result.fixed is not None:
            changed += 1
            print(f"{_display_path(path)}: applied {len(result.applied)} fix"
                  f"{'es' if len(result.applied) != 1 else ''}", file=sys.stderr)
    if status == 0 and changed and (exit_non_zero_on_fix or not exit_zero):
        status = 1
    return status


@app.command("baseline")
def baseline_command(
    paths: List[str] = PATHS,
    output: Path = typer.Option(..., "-o", "--output", help="The baseline file to write (JSON)."),
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
) -> int:
    """Record the current findings so that `check --baseline FILE` reports only new ones."""
    from .baseline import build, dumps
    from .document import DocumentError, write_atomic
    from .parallel import run_all

    overrides = _overrides(select, ignore, extend_select, per_file_ignores, exclude, words, None)
    tasks, _, errors = _plan(paths, glob, config, isolated, overrides, encoding, prints=True)
    for message in errors:
        _err(message)
    if errors:
        return 2
    triples = []
    for outcome in run_all(tasks, jobs, progress=_progress_wanted(False)):
        result = outcome.result
        if result.error:
            _err(f"{result.error}; baseline not written")
            return 2
        if result.note:
            _err(result.note)
        triples.append((result.path, result.findings, outcome.fingerprints))
    entries = build(triples, os.path.dirname(os.path.abspath(output)))
    try:
        write_atomic(str(output), dumps(entries).encode("utf-8"))
    except DocumentError as exc:
        _err(str(exc))
        return 2
    print(f"{_display_path(str(output))}: recorded {len(entries)} finding{'s' if len(entries) != 1 else ''} "
          f"in {len(tasks)} file{'s' if len(tasks) != 1 else ''}", file=sys.stderr)
    return 0


@app.command()
def review(
    paths: List[str] = PATHS,
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    min_severity: Severity = typer.Option(Severity.WARNING, "--min-severity", help="Lowest severity to ask about."),
    decisions: Optional[Path] = typer.Option(None, "--decisions", help="Record every decision here (JSON Lines)."),
    config: Optional[Path] = CONFIG_OPT,
    isolated: bool = ISOLATED,
    glob: str = GLOB,
    encoding: str = ENCODING,
) -> int:
    """Review findings one at a time in the terminal: y n e 1-9 i a s u q x ? (see README)."""
    from .review import run_review

    return run_review(paths, select=_codes(select), ignore=_codes(ignore), min_severity=min_severity.value,
                      decisions=str(decisions) if decisions else None, glob=glob, encoding=encoding,
                      config=str(config) if config else None, isolated=isolated)


@app.command()
def rules() -> int:
    """List every rule: code, name, severity, fix, summary."""
    from .rulebook import default_rules

    for rule in default_rules():
        fix = rule.applicability.value if rule.applicability else "-"
        state = "" if rule.enabled else " (off by default)"
        print(f"{rule.code}  {rule.name:<28} {rule.severity.value:<8} fix:{fix:<7} {rule.summary}{state}")
    return 0


@app.command()
def explain(code: str = typer.Argument(..., help="A rule code such as JNK701.")) -> int:
    """Show a rule's documentation and examples."""
    from .rulebook import rule_by_code

    try:
        rule = rule_by_code(code.upper())
    except KeyError:
        _err(f"{code}: no such rule (see `cleaner rules`)")
        return 2
    print(f"{rule.code} {rule.name} ({rule.severity.value}, fix: "
          f"{rule.applicability.value if rule.applicability else 'none'})\n")
    print(rule.summary + "\n")
    print(rule.doc.strip() + "\n")
    print("Flagged:")
    for text, fixed in rule.fail_examples:
        print(f"  {text!r}" + (f"  ->  {fixed!r}" if fixed is not None else ""))
    print("Left alone:")
    for text in rule.pass_examples:
        print(f"  {text!r}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 clean, 1 findings/changes, 2 error)."""
    from . import signals
    from .config_files import ConfigError
    from .rulebook import RuleError

    command = typer.main.get_command(app)
    try:
        with signals.handled():  # SIGINT/SIGTERM unwind cleanly; writes finish first
            result = command.main(args=argv, prog_name="cleaner", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt, signals.Interrupted):
        print(file=sys.stderr)
        return signals.exit_status()  # 130 Ctrl-C, 143 SIGTERM
    except click.ClickException as exc:
        exc.show()
        return 2
    except (RuleError, ConfigError) as exc:
        _err(str(exc))
        return 2
    except BrokenPipeError:
        return 1
    except Exception as exc:
        # A baseline error can only come from cleaner.baseline once it is loaded; importing
        # it just to name the class would cost every run start-up time.
        baseline = sys.modules.get(f"{__package__}.baseline")
        if baseline is not None and isinstance(exc, baseline.BaselineError):
            _err(str(exc))
            return 2
        raise
    return result if isinstance(result, int) else 0
