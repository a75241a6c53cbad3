"""The `cleaner` program (console script and `python -m cleaner`): main() between a start-up
and a teardown that no signal can turn into a traceback.

Signals are only recorded from the first line (cleaner/signals.py, own()): the imports
take a few hundred milliseconds, and Ctrl-C there must still exit 130, not print a
traceback. An interrupted run ends with os._exit once its clean-up is done, so a signal
during the interpreter's own teardown cannot change the exit status either.
"""
from __future__ import annotations

import os
import sys

from cleaner import signals  # light on purpose: `import cleaner` loads nothing else (cleaner/__init__.py)


def run() -> int:
    signals.own()
    from cleaner.cli.app import main  # a signal during the imports: main() stops at once, exit 130/143

    code = main()
    if signals.received():
        _leave(signals.exit_status())
    return code


def _leave(code: int) -> None:
    """Exit now with `code`: the run was interrupted and has cleaned up after itself."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
