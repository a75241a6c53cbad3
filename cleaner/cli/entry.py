"""The `cleaner` program (console script and `python -m cleaner`): main() between a start-up
and a teardown that no signal can turn into a traceback or a wrong exit status.

Signals are only recorded from this module's first statement: the imports take a few
hundred milliseconds, and Ctrl-C there must still exit 130, not print a traceback. That
statement uses the built-in `_signal` module, which costs no import time, so Python's own
handler (a KeyboardInterrupt traceback) is left only the interpreter's start-up, tens of
milliseconds; cleaner/signals.py's own() takes over what was recorded.

At the end the process does the interpreter's clean-up itself (threads, atexit functions,
standard streams) and leaves with os._exit: the interpreter's own teardown puts the
default handlers back first, and a signal then would end even a finished run as "killed
by SIGTERM" instead of 143.
"""
import _signal

_early: list[int] = []   # signals that arrived before signals.own() took over


def _remember(signum, _frame) -> None:
    _early.append(signum)


for _signum in (_signal.SIGINT, _signal.SIGTERM):
    _signal.signal(_signum, _remember)

import atexit
import os
import sys
import threading

from cleaner import signals  # light on purpose: `import cleaner` loads nothing else (cleaner/__init__.py)


def run() -> int:
    signals.own(already=_early)
    from cleaner.cli.app import main  # a signal during the imports: main() stops at once, exit 130/143

    leave(main())
    return 2  # pragma: no cover - leave() does not return


def leave(code: int) -> None:
    """End the process: `code`, or 128 + the signal number if a signal arrived at any point."""
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()  # what the interpreter would run at exit (no public name for it)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(signals.exit_status() if signals.received() else code)
