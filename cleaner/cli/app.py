"""The `cleaner` command line: the typer app, its commands (one module each) and main(),
which turns every expected failure into one line on stderr and exit 2."""
from __future__ import annotations

import errno
import os
import sys

import typer

try:  # typer >= 0.26 vendors click instead of depending on it
    from typer import _click as click
except ImportError:  # pragma: no cover
    import click

from cleaner import signals
from cleaner.cli.baseline import baseline
from cleaner.cli.check import check
from cleaner.cli.corpus import app as corpus_app
from cleaner.cli.fix import fix
from cleaner.cli.report import report
from cleaner.cli.review import review
from cleaner.cli.rules import explain, rules
from cleaner.cli.score import score
from cleaner.config.files import ConfigError
from cleaner.model import RuleError
from cleaner.run.driver import RefusedOutput
from cleaner.version import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Find and fix transcription defects in plain-text transcripts.",
)


def _version(value: bool) -> None:
    if value:
        print(f"cleaner {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Find and fix transcription defects in plain-text transcripts."""


app.command()(check)
app.command()(fix)
app.command("baseline")(baseline)
app.command()(review)
app.command()(rules)
app.command()(explain)
app.command()(score)
app.command()(report)
app.add_typer(corpus_app, name="corpus")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 clean, 1 findings/changes, 2 error)."""
    command = typer.main.get_command(app)
    try:
        with signals.handled():  # SIGINT/SIGTERM unwind cleanly; writes finish first
            result = command.main(args=argv, prog_name="cleaner", standalone_mode=False)
            sys.stdout.flush()   # a full disk or a closed pipe shows here, not at interpreter exit
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt, signals.Interrupted):
        print(file=sys.stderr)
        return signals.exit_status()  # 130 Ctrl-C, 143 SIGTERM
    except click.ClickException as exc:
        # One line, like every other error; a usage error knows its command, whose --help has the rest.
        ctx = getattr(exc, "ctx", None)
        hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        print(f"cleaner: {exc.format_message()}{hint}", file=sys.stderr)
        return 2
    except (RuleError, ConfigError, RefusedOutput) as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        return _os_error(exc)
    except SystemExit as exc:
        # click answers a closed pipe on stdout with a silent exit 1, which CI reads as "findings".
        closed = exc.__context__
        if isinstance(closed, OSError) and closed.errno == errno.EPIPE:
            return _os_error(closed)
        raise
    except Exception as exc:
        # A baseline error can only come from cleaner.report.baseline once it is loaded; importing
        # it just to name the class would cost every run start-up time.
        baseline = sys.modules.get("cleaner.report.baseline")
        if baseline is not None and isinstance(exc, baseline.BaselineError):
            print(f"cleaner: {exc}", file=sys.stderr)
            return 2
        raise
    return result if isinstance(result, int) else 0


# Errors that mean standard output cannot take the report: exit 2, never 1 ("findings").
_OUTPUT_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EBADF}


def _os_error(exc: OSError) -> int:
    """One line and exit 2 for an operating-system error no command turned into a message:
    above all a failed write to standard output (a full disk, a closed pipe, an I/O error)."""
    if exc.filename is None and exc.errno in _OUTPUT_ERRORS:
        message = f"cannot write to standard output ({exc.strerror})"
        try:   # nothing more can reach it: keep the interpreter's final flush from failing again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
    else:
        where = f"{exc.filename}: " if exc.filename else ""
        message = f"{where}{exc.strerror or exc}"
    try:
        print(f"cleaner: {message}", file=sys.stderr)
    except OSError:
        pass
    return 2
