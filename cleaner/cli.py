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

from .config import Config
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


def _codes(values: Optional[List[str]]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip().upper() for v in value.split(",") if v.strip())
    return tuple(out)


def _config(select, ignore, fail_on) -> Config:
    return Config(select=_codes(select), ignore=_codes(ignore), fail_on=Severity(fail_on))


def _err(message: str) -> None:
    print(f"cleaner: {message}", file=sys.stderr)


def _display_path(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


PATHS = typer.Argument(..., help="Files or folders (folders: files matching --glob, recursively).")
SELECT = typer.Option(None, "--select", help="Only these rule codes or prefixes (comma-separated).")
IGNORE = typer.Option(None, "--ignore", help="Skip these rule codes or prefixes (comma-separated).")
GLOB = typer.Option("*.txt", "--glob", help="File pattern used inside folders.")
ENCODING = typer.Option("utf-8", "--encoding", help="Encoding to read and write files in.")


@app.command()
def check(
    paths: List[str] = PATHS,
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", help="Output format."),
    fail_on: Severity = typer.Option(Severity.WARNING, "--fail-on", help="Lowest severity that makes the exit code 1."),
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    glob: str = GLOB,
    encoding: str = ENCODING,
) -> int:
    """Report defects. Exit 0 clean, 1 findings at or above --fail-on, 2 error."""
    from .files import discover
    from .output import format_json, format_text
    from .runner import check_file

    config = _config(select, ignore, fail_on.value)
    found = discover(paths, glob)
    status = 0
    for message in found.errors:
        _err(message)
        status = 2
    findings = []
    for path in found.files:
        result = check_file(path, config, encoding)
        if result.error:
            _err(result.error)
            status = 2
        elif result.note:
            _err(result.note)
        findings.extend(result.findings)
    findings = [f.__class__(**{**f.__dict__, "path": _display_path(f.path)}) for f in findings]
    if output_format is OutputFormat.json:
        sys.stdout.write(format_json(findings))
    else:
        sys.stdout.write(format_text(findings, len(found.files)))
    if status == 0 and any(f.severity.rank >= fail_on.rank for f in findings):
        status = 1
    return status


@app.command()
def fix(
    paths: List[str] = PATHS,
    unsafe: bool = typer.Option(False, "--unsafe", help="Also apply the best suggestion of unsafe fixes."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff and write nothing."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the corrected text here (one input only)."),
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    glob: str = GLOB,
    encoding: str = ENCODING,
) -> int:
    """Apply fixes in place (atomically). Exit 1 when anything changed (or would, with --diff)."""
    from .diff import unified_diff
    from .document import DocumentError, write_atomic
    from .files import discover
    from .runner import fix_file

    config = _config(select, ignore, "warning")
    found = discover(paths, glob)
    status = 0
    for message in found.errors:
        _err(message)
        status = 2
    if output is not None and len(found.files) != 1:
        _err("-o/--output needs exactly one input file")
        return 2
    changed = 0
    for path in found.files:
        result = fix_file(path, config, unsafe, encoding)
        if result.error:
            _err(result.error)
            status = 2
            continue
        if result.note:
            _err(result.note)
            continue
        new_text = result.fixed if result.fixed is not None else result.original
        if diff:
            sys.stdout.write(unified_diff(result.original, new_text, _display_path(path)))
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
    if status == 0 and changed:
        status = 1
    return status


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
    except RuleError as exc:
        _err(str(exc))
        return 2
    except BrokenPipeError:
        return 1
    return result if isinstance(result, int) else 0
