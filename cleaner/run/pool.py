"""Worker processes for --jobs, fed and stopped by the parent alone.

Each worker has one pipe to the parent and takes one batch at a time. There are no
helper threads and no shared queues (ProcessPoolExecutor has both; interrupted twice,
its shutdown waited forever for a worker blocked writing a result nobody read). So
stopping is always the same few steps, whatever state the run is in: SIGKILL each
worker, then reap it. Workers never write files, so killing one loses nothing.

A signal stops the pool before the parent even unwinds (signals.on_stop). Workers
ignore SIGINT (Ctrl-C reaches the whole process group; the parent decides) and die on
SIGTERM; they start with both blocked, so neither can catch one half set up. When the
parent dies, its workers follow: on Linux at once (PR_SET_PDEATHSIG), elsewhere when
they next talk to it.
"""
from __future__ import annotations

import os
import signal
import sys
from multiprocessing.connection import wait
from typing import Any, Callable, Iterator, Sequence

from cleaner import signals

# Seconds to wait for a worker to exit after it was asked to (closing its pipe) or killed.
EXIT_WAIT = 5.0
PR_SET_PDEATHSIG = 1


class WorkerDied(Exception):
    """A worker process ended while it had work (killed by the kernel, out of memory, ...)."""


class Pool:
    def __init__(self, size: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context()
        forked = context.get_start_method() == "fork"
        self._workers: list = []   # (process, connection)
        # Started with SIGINT/SIGTERM held: a signal now raises once every worker exists
        # (and is stopped at once), and the workers inherit the block until set up.
        with signals.deferred():
            self._forget = signals.on_stop(self.kill)
            try:
                for _ in range(size):
                    self._workers.append(self._start(context, forked))
            except BaseException:
                self.kill()
                raise

    def _start(self, context, forked: bool):
        ours, theirs = context.Pipe()
        # A forked worker inherits every pipe end the parent holds; it closes ours (and the
        # earlier workers'), so that it sees the end of its input when the parent dies.
        inherited = tuple(c.fileno() for _, c in self._workers) + (ours.fileno(),) if forked else ()
        parent = os.getpid() if forked else None   # (a forkserver's workers are not our children)
        process = context.Process(target=_serve, args=(theirs, inherited, parent), daemon=True)
        try:
            process.start()
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        return process, ours

    def map(self, fn: Callable[[Any], Any], items: Sequence, chunksize: int = 1) -> Iterator:
        """fn over items, in order, `chunksize` items per hand-out. Raises WorkerDied."""
        batches = [items[i:i + chunksize] for i in range(0, len(items), chunksize)]
        idle = [conn for _, conn in self._workers]
        if not idle:
            raise WorkerDied("no worker processes")
        busy: dict = {}          # connection -> batch number
        done: dict = {}          # batch number -> results, until its turn comes
        sent = turn = 0
        while turn < len(batches):
            while idle and sent < len(batches):
                conn = idle.pop()
                try:
                    conn.send((fn, batches[sent]))
                except OSError:
                    raise WorkerDied("a worker process ended") from None
                busy[conn] = sent
                sent += 1
            for conn in wait(list(busy)):
                try:
                    ok, results = conn.recv()
                except (EOFError, OSError):
                    raise WorkerDied("a worker process ended") from None
                if not ok:
                    raise WorkerDied(results)
                done[busy.pop(conn)] = results
                idle.append(conn)
            while turn in done:
                yield from done.pop(turn)
                turn += 1

    def close(self) -> None:
        """Let the workers finish (they exit at the end of their input), then reap them."""
        for _, conn in self._workers:
            conn.close()
        for process, _ in self._workers:
            process.join(EXIT_WAIT)
        self.kill()

    def kill(self) -> None:
        """Stop every worker now, busy or not, and reap it. Safe to call again, and from a signal handler."""
        workers, self._workers = self._workers, []
        self._forget()
        for process, _ in workers:
            try:
                process.kill()
            except (OSError, ValueError):
                pass
        for process, conn in workers:
            try:
                process.join(EXIT_WAIT)
                conn.close()
            except (OSError, ValueError):
                pass


def _serve(conn, inherited: tuple[int, ...], parent: int | None) -> None:
    """A worker's life: run each batch it is sent, send the results back, until the pipe ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, signals.SIGNALS)
    for fd in inherited:
        try:
            os.close(fd)
        except OSError:
            pass
    _die_with(parent)
    while True:
        try:
            fn, batch = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = (True, [fn(item) for item in batch])
        except Exception as exc:  # the parent reports it; a worker prints nothing
            reply = (False, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except OSError:   # the parent has gone
            return
        except Exception as exc:  # results that cannot be pickled (nothing was sent yet)
            try:
                conn.send((False, f"cannot send results back ({type(exc).__name__}: {exc})"))
            except Exception:
                return


def _die_with(parent: int | None) -> None:
    """On Linux, have the kernel kill this worker when the parent dies (even by SIGKILL)."""
    if parent is None or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was in place
        os._exit(0)
