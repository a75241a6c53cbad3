"""Ctrl-C and SIGTERM: stop cleanly, never in the middle of a write, whatever else arrives.

`handled()` (entered by cli.main) turns the first SIGTERM into an `Interrupted`
exception and the first SIGINT into the usual KeyboardInterrupt, so the run unwinds
and exits 143 or 130. Before raising, it runs the registered stoppers (`on_stop`):
the worker pool kills its workers there, so nobody waits for a file in progress.
Every later signal is only recorded: a second Ctrl-C must not break the clean-up
(executor shutdown, finally blocks, the progress bar) into a hang or a traceback.
Should the clean-up still be running FORCE_AFTER seconds later, one more signal
ends the process at once (`own()` only: never a library caller's process).

`deferred()` wraps each file write: a signal arriving inside it waits until the
write has finished (or was never started), so every file ends in its old state or
its new state.

`own()` is for the `cleaner` program itself (cli/entry.py): from start-up to exit a
signal is recorded, never raised outside handled(), so neither the imports nor the
interpreter's teardown can print a traceback or end with -SIGINT.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager

SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s)
DEFAULT_EXIT = 130  # Ctrl-C seen by click/typer before our handler ran
# Seconds after the first signal from which another one stops the process without more clean-up.
FORCE_AFTER = 3.0


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


_first: int | None = None     # the first signal of the run: it decides the exit status
_since = 0.0                  # when it arrived (time.monotonic)
_raised = False               # the run has been told to stop (raised, or held to raise)
_depth = 0                    # nesting of deferred() blocks
_pending: int | None = None   # a signal that arrived inside deferred(), raised when it ends
_owned = False                # own(): this process is the `cleaner` program
_stoppers: list[Callable[[], None]] = []


def _note(signum: int) -> bool:
    """Record a signal; True when it is the run's first."""
    global _first, _since
    if _first is not None:
        return False
    _first, _since = signum, time.monotonic()
    return True


def _force_if_stuck() -> None:
    """A signal long after the first: whatever still runs is stuck; end the process (own() only,
    never in the middle of a write)."""
    if _owned and not _depth and time.monotonic() - _since >= FORCE_AFTER:
        stop_all()
        os._exit(exit_status())


def _record(signum, _frame) -> None:
    """Outside handled() in our own process (start-up, teardown): remember, never raise."""
    if not _note(signum):
        _force_if_stuck()


def _handler(signum, _frame) -> None:
    global _pending, _raised
    first = _note(signum)
    if not first and _raised:
        _force_if_stuck()   # already stopping: a later signal only cuts a stuck clean-up short
        return
    _raised = True   # before stop_all: a signal arriving during it is then only recorded
    stop_all()
    if _depth:
        _pending = _first
        return
    raise _interrupt(_first)


def on_stop(stopper: Callable[[], None]) -> Callable[[], None]:
    """Run `stopper` as soon as a signal arrives (it must be quick and never raise).
    Returns the function that unregisters it."""
    _stoppers.append(stopper)

    def forget() -> None:
        if stopper in _stoppers:
            _stoppers.remove(stopper)
    return forget


def stop_all() -> None:
    for stopper in list(_stoppers):
        try:
            stopper()
        except Exception:  # a stopper failing must not keep the others from running
            pass


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _reset() -> None:
    global _first, _raised, _pending
    _first, _raised, _pending = None, False, None


@contextmanager
def handled():
    """Install the handlers for the duration of the block (main thread only)."""
    if not _owned:
        _reset()
    if not _in_main_thread():
        yield
        return
    previous = {}
    try:
        for signum in SIGNALS:
            previous[signum] = signal.signal(signum, _handler)
        if _first is not None and not _raised:  # it came during start-up: stop now
            _handler(_first, None)
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def own(already: Iterable[int] = ()) -> None:
    """Record, never raise, every signal from now on, outside handled() (the CLI entry point only).
    `already`: signals the entry point recorded before this module was imported."""
    global _owned
    _owned = True
    if _in_main_thread():
        for signum in SIGNALS:
            signal.signal(signum, _record)
    for signum in list(already):   # read after the handlers are in: none can fall between
        _note(signum)


def received() -> bool:
    """A signal arrived during this run (or, after own(), since start-up)."""
    return _first is not None


def exit_status() -> int:
    """The exit code for an interrupted run: 128 + the first signal's number."""
    return 128 + _first if _first else DEFAULT_EXIT


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
