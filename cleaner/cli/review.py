"""`cleaner review`: the interactive review's command-line entry."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from cleaner.cli.options import CONFIG_OPT, ENCODING, GLOB, IGNORE, ISOLATED, PATHS, SELECT, codes
from cleaner.model import Severity


def review(
    paths: List[str] = PATHS,
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    min_severity: Optional[Severity] = typer.Option(
        None, "--min-severity",
        help="Ask only about findings at or above this severity (default: every finding with a suggestion, "
             "and every warning or error)."),
    decisions: Optional[Path] = typer.Option(None, "--decisions", help="Record every decision here (JSON Lines)."),
    config: Optional[Path] = CONFIG_OPT,
    isolated: bool = ISOLATED,
    glob: str = GLOB,
    encoding: str = ENCODING,
) -> int:
    """Review findings one at a time in the terminal: y n e 1-9 i a s u q x ? (see README)."""
    # Imported here: review brings in rich, whose import every `check` would otherwise pay at start-up.
    from cleaner.review.command import Options, run

    return run(Options(list(paths), codes(select), codes(ignore), min_severity,
                       str(decisions) if decisions else None, glob, encoding,
                       str(config) if config else None, isolated))
