"""Command-line options shared by several commands, and how they become Settings."""
from __future__ import annotations

import codecs
import os
import sys
from enum import Enum
from typing import List, Optional

import typer

from cleaner.config.files import (
    ConfigError,
    Settings,
    parse_convention,
    parse_error_rate,
    parse_fail_on,
    parse_selectors,
    read_word_lists,
)
from cleaner.report.text import use_color


def _at_least_one(paths):
    if not paths:
        raise typer.BadParameter("name at least one file or folder, or - for standard input",
                                 param_hint="'PATH...'")
    return paths


# Optional for typer, required by the callback: typer prints a required argument as
# {PATH...} in the usage line, an optional one as the conventional [PATH...].
PATHS = typer.Argument(None, metavar="PATH...", callback=_at_least_one, show_default=False,
                       help="Files or folders (folders: files matching --glob, recursively); - reads standard input.")
SELECT = typer.Option(None, "--select", help="Only these rule codes or prefixes (comma-separated).")
IGNORE = typer.Option(None, "--ignore", help="Skip these rule codes or prefixes (comma-separated).")
GLOB = typer.Option("*.txt", "--glob", help="File pattern used inside folders.")


def _text_encoding(name: str) -> str:
    """Refuse, once and before any file, a name Python does not know or a codec that is not
    a text encoding (rot13, base64): each would otherwise fail again on every file."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise typer.BadParameter(f"unknown encoding {name!r} (for example utf-8, latin-1, cp1252)") from None
    try:
        "".encode(name)
        b"".decode(name)
    except LookupError:
        raise typer.BadParameter(f"{name!r} is not a text encoding (for example utf-8, latin-1, cp1252)") from None
    return name


ENCODING = typer.Option("utf-8", "--encoding", callback=_text_encoding, help="Encoding to read and write files in.")


CONFIG_OPT = typer.Option(None, "--config", help="Use this configuration file for every input (no discovery).")
ISOLATED = typer.Option(False, "--isolated", help="Ignore all configuration files.")
EXTEND_SELECT = typer.Option(None, "--extend-select", help="Enable these codes or prefixes on top of the selection.")
PER_FILE_IGNORES = typer.Option(None, "--per-file-ignores", help="GLOB:CODES, e.g. 'letters/*.txt:SPL,RWE' (repeatable).")
EXCLUDE = typer.Option(None, "--exclude", help="Skip files matching these globs (comma-separated, repeatable).")
WORDS = typer.Option(None, "--words", help="Word-list file (one word per line) whose words are always accepted.")
FAIL_ON = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1 (default: warning).")


def _jobs(value: Optional[int]) -> Optional[int]:
    if value is not None and value < 1:
        raise typer.BadParameter(f"must be at least 1, not {value}")
    return value


JOBS = typer.Option(None, "-j", "--jobs", callback=_jobs,
                    help="Worker processes (default: the number of cores; at most one per file and 4 per core). "
                         "Output is the same for any value.")
COLOR = typer.Option("auto", "--color", help="Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
MAX_ERROR_RATE = typer.Option(
    None, "--max-error-rate", help="Fail a file whose estimated word error rate is above this share, e.g. 2% "
    "(see `cleaner score`).")
LINE_BREAKS = typer.Option(
    None, "--line-breaks",
    help="as-printed, reflowed or auto: whether lines (and line-end hyphens) are kept as printed (default: auto).")
CHARACTERS = typer.Option(
    None, "--characters",
    help="as-printed, normalised or auto: whether ligatures, long s, vv and spaced punctuation are kept as printed "
         "(default: auto).")
EXIT_ZERO = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings/changes (errors still exit 2).")


def _split(values: Optional[List[str]]) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def overrides(select, ignore, extend_select, per_file_ignores, exclude, words, fail_on, max_error_rate=None,
              line_breaks=None, characters=None):
    """CLI options as Settings; each one given replaces the configuration file's key."""
    where = "command line"
    pfi = None
    if per_file_ignores:
        pfi = []
        for item in per_file_ignores:
            glob, sep, codes = item.rpartition(":")
            if not sep or not glob:
                raise ConfigError(f"--per-file-ignores {item!r}: expected GLOB:CODES")
            pfi.append((glob, parse_selectors(_split([codes]), f"{where} --per-file-ignores")))
    return Settings(
        root=os.getcwd(),
        select=parse_selectors(_split(select), f"{where} --select") if select else None,
        ignore=parse_selectors(_split(ignore), f"{where} --ignore") if ignore else None,
        extend_select=parse_selectors(_split(extend_select), f"{where} --extend-select") if extend_select else None,
        per_file_ignores=tuple(pfi) if pfi is not None else None,
        exclude=tuple(_split(exclude)) if exclude else None,
        fail_on=parse_fail_on(fail_on, f"{where} --fail-on") if fail_on else None,
        words=read_word_lists(words, os.getcwd(), f"{where} --words") if words else None,
        max_error_rate=parse_error_rate(max_error_rate, f"{where} --max-error-rate") if max_error_rate else None,
        line_breaks=parse_convention("line-breaks", line_breaks, f"{where} --line-breaks") if line_breaks else None,
        characters=parse_convention("characters", characters, f"{where} --characters") if characters else None,
    )


def codes(values: Optional[List[str]]) -> tuple[str, ...]:
    """Upper-cased rule codes or prefixes from repeatable, comma-separated options."""
    return tuple(v.upper() for v in _split(values))


class ColorChoice(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def color_wanted(choice: ColorChoice, to_stdout: bool = True) -> bool:
    """--color: always, never, or (auto) when the output is a terminal that wants colour."""
    if choice is ColorChoice.always:
        return True
    if choice is ColorChoice.never or not to_stdout:
        return False
    return use_color(sys.stdout)


def progress_wanted(to_stdout: bool) -> bool:
    """A progress bar on stderr only for a person watching: stderr (and stdout, when the
    report goes there) is a terminal."""
    return sys.stderr.isatty() and (not to_stdout or sys.stdout.isatty())
