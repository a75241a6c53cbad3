"""Ctrl-C and SIGTERM: stop cleanly, never in the middle of a write.

`handled()` (entered by cli.main) turns SIGTERM into an `Interrupted`
exception and SIGINT into the usual KeyboardInterrupt, so the run unwinds and
exits 143 or 130.
`deferred()` wraps each file write: a signal arriving inside it waits until
the write has finished (or was never started), so every file ends in its old
state or its new state, never partly written, and no temp file is left over.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s)
DEFAULT_EXIT = 130  # Ctrl-C seen by click/typer before our handler ran


class Interrupted(BaseException):
    """SIGTERM (or a held signal) stopping the run. Not a KeyboardInterrupt, so
    typer cannot turn it into exit 130, and not an Exception, so no
    `except Exception` swallows it; cli.main catches it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum


def _interrupt(signum: int) -> BaseException:
    # Ctrl-C stays a KeyboardInterrupt, so interactive code (review) handles it as usual.
    return KeyboardInterrupt() if signum == getattr(signal, "SIGINT", None) else Interrupted(signum)


_last: int | None = None      # last signal seen while handled() was active
_depth = 0                    # nesting of deferred() blocks
_pending: int | None = None   # a signal that arrived inside deferred()


def _handler(signum, _frame) -> None:
    global _last, _pending
    _last = signum
    if _depth:
        _pending = signum
        return
    raise _interrupt(signum)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def handled():
    """Install the handlers for the duration of the block (main thread only)."""
    global _last
    _last = None
    if not _in_main_thread():
        yield
        return
    previous = {}
    try:
        for signum in SIGNALS:
            previous[signum] = signal.signal(signum, _handler)
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def exit_status() -> int:
    """The exit code for an interrupted run: 128 + the signal number."""
    return 128 + _last if _last else DEFAULT_EXIT


@contextmanager
def deferred():
    """Hold SIGINT/SIGTERM until the block ends.

    With our handler installed the signal is remembered and raised at the end.
    Where POSIX signal masks exist they are blocked too, so the default
    handlers (a library caller, no handled()) also wait for the write.
    """
    global _depth, _pending
    masked = _in_main_thread() and hasattr(signal, "pthread_sigmask") and SIGNALS
    if masked:
        old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    _depth += 1
    try:
        yield
    finally:
        if masked:
            # Unblocking delivers a held signal now: our handler sees _depth > 0 and records it.
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        _depth -= 1
        if not _depth and _pending is not None:
            signum, _pending = _pending, None
            raise _interrupt(signum)
