"""Impatient users: any number of SIGINTs or SIGTERMs, at any moment of a `fix` run over many
files with worker processes, end it within seconds with exit 130 or 143, no traceback, no
process left in its group, every file old or new and no temp file left; --jobs is checked
and capped."""
from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cleaner.run import parallel

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "samples" / "stalin-reassures-hitler-1933.txt").read_text(encoding="utf-8")
POSIX = pytest.mark.skipif(os.name != "posix" or not hasattr(os, "killpg"), reason="POSIX process groups")
FILES = 120             # of OCR-like text, a few KB each: a `fix -j 2` run of a few seconds
LIMIT = 20.0            # seconds for an interrupted run to end: separates "hangs" from "works"


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".cleaner-")]


def _tree(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for i in range(FILES):
        data = f"Document {i}\n\n{SEED}".encode()
        (folder / f"f{i:03}.txt").write_bytes(data)
        files[f"f{i:03}.txt"] = data
    return files


def _cleaner(*args: str, **kwargs) -> subprocess.Popen:
    """The real program, in a process group of its own (as a shell runs a job)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.Popen([sys.executable, "-m", "cleaner", *args], env=env, start_new_session=True, **kwargs)


def _group_is_gone(pgid: int, wait: float = 2.0) -> bool:
    """No process (zombies included) is left in the group, allowing the kernel a moment."""
    deadline = time.monotonic() + wait
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)


def _end(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


class _Terminal:
    """A pseudo-terminal for stderr (so the progress bar is drawn), read as the run goes."""

    def __init__(self) -> None:
        import pty

        self.master, self.slave = pty.openpty()
        self.output = bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def close(self) -> bytes:
        os.close(self.slave)
        self.reader.join(5)
        os.close(self.master)
        return bytes(self.output)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The original files and what a complete `fix -j 2` run makes of each."""
    folder = tmp_path_factory.mktemp("reference") / "texts"
    old = _tree(folder)
    proc = _cleaner("fix", "-j", "2", str(folder), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 1, err
    new = {name: (folder / name).read_bytes() for name in old}
    assert sum(new[n] != old[n] for n in old) > FILES // 2
    return old, new


def _interrupt_runs(tmp_path, corpus, signum: int, gaps: list[float], seed: int) -> None:
    """One `fix -j 2` run per gap: two signals `gap` seconds apart, to the whole process group,
    at a moment that varies from run to run (start-up, model loading, checking, writing)."""
    old, new = corpus
    folder = tmp_path / "texts"
    _tree(folder)
    chooser = random.Random(seed)
    interrupted = 0
    for run, gap in enumerate(gaps):
        for name, data in old.items():
            if (folder / name).read_bytes() != data:
                (folder / name).write_bytes(data)
        terminal = _Terminal() if chooser.random() < 0.5 else None
        stderr = terminal.slave if terminal else subprocess.PIPE
        proc = _cleaner("fix", "-j", "2", str(folder), stdout=subprocess.DEVNULL, stderr=stderr)
        moment = ("first write", "writing", "loading", "start-up")[run // 2 % 4]
        started = time.monotonic()
        if moment in ("start-up", "loading"):
            # From 0.12 s: before the interpreter reaches the program's first line (~30 ms) the
            # system's default applies: killed by the signal, which a shell reports as 128 + n too.
            time.sleep(chooser.uniform(0.12, 0.35) if moment == "start-up" else chooser.uniform(0.35, 1.2))
        else:
            first = folder / "f000.txt"
            while proc.poll() is None and first.read_bytes() == old["f000.txt"] and time.monotonic() - started < 60:
                time.sleep(0.005)
            if moment == "writing":
                time.sleep(chooser.uniform(0.0, 0.5))
        for _ in range(2):
            try:
                os.killpg(proc.pid, signum)
            except ProcessLookupError:
                pass
            time.sleep(gap)
        signalled = time.monotonic()
        try:
            if terminal is None:
                _, err = proc.communicate(timeout=LIMIT)
            else:
                proc.wait(timeout=LIMIT)
        except subprocess.TimeoutExpired:
            _end(proc)
            if terminal:
                terminal.close()
            pytest.fail(f"run {run} ({moment}, signals {gap}s apart) still running {LIMIT}s after the signals")
        took = time.monotonic() - signalled
        if terminal is not None:
            err = terminal.close()
        where = f"run {run} ({moment}, {signal.Signals(signum).name} twice {gap}s apart)"
        gone = _group_is_gone(proc.pid)
        if not gone:
            _end(proc)
        assert gone, f"{where}: a process of the run's group is still there"
        assert b"Traceback" not in err, f"{where}: {err.decode(errors='replace')[-2000:]}"
        finished = all((folder / n).read_bytes() == new[n] for n in old)
        if finished and proc.returncode in (0, 1):
            continue  # the run was over before the signal came (a very fast machine)
        interrupted += 1
        assert proc.returncode == 128 + signum, f"{where}: exit {proc.returncode}"
        assert took < LIMIT
        for name in old:
            data = (folder / name).read_bytes()
            assert data in (old[name], new[name]), f"{where}: {name} is partly written"
        assert leftovers(folder) == [], where
    assert interrupted >= len(gaps) * 3 // 4


@POSIX
def test_two_quick_ctrl_c_always_end_the_run(tmp_path, corpus):
    """The issue's hang: Ctrl-C twice, 10 ms apart, then 0.2 s apart, 20 runs."""
    _interrupt_runs(tmp_path, corpus, signal.SIGINT, [0.01, 0.2] * 10, seed=19)


@POSIX
def test_two_sigterms_always_end_the_run(tmp_path, corpus):
    _interrupt_runs(tmp_path, corpus, signal.SIGTERM, [0.01, 0.2] * 3, seed=143)


@POSIX
def test_signal_during_start_up_exits_130_without_traceback(tmp_path):
    """Before main() has installed its handlers, while the program is still importing."""
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    for delay in (0.12, 0.16, 0.2, 0.25):
        proc = _cleaner("check", str(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=LIMIT)
        if proc.returncode in (0, 1):
            continue  # already done
        assert proc.returncode == 130, (delay, proc.returncode, err)
        assert b"Traceback" not in err


STUCK_CLEAN_UP = """
import time
from cleaner import signals
signals.own()
try:
    with signals.handled():
        print("running", flush=True)
        time.sleep(60)
except KeyboardInterrupt:
    print("cleaning up", flush=True)
    time.sleep(60)   # a clean-up that never ends
"""


@POSIX
def test_a_stuck_clean_up_still_yields_to_ctrl_c(tmp_path):
    """The safety net: later signals do not break into the clean-up, but one that comes
    FORCE_AFTER seconds after the first ends the process, with the first signal's status."""
    from cleaner import signals

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", STUCK_CLEAN_UP], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    assert proc.stdout.readline() == b"running\n"
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.stdout.readline() == b"cleaning up\n"
    os.killpg(proc.pid, signal.SIGINT)
    time.sleep(0.3)
    assert proc.poll() is None            # the second Ctrl-C, right after the first, waits
    time.sleep(signals.FORCE_AFTER)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=LIMIT)
    except subprocess.TimeoutExpired:
        _end(proc)
        pytest.fail("Ctrl-C did not end a stuck clean-up")
    assert proc.returncode == 130 and b"Traceback" not in err, err


# --- --jobs ------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["0", "-1"])
@pytest.mark.parametrize("command", ["check", "fix", "baseline", "score", "report"])
def test_jobs_below_one_is_refused_in_one_line(run, tmp_path, command, value):
    f = tmp_path / "a.txt"
    f.write_text("ok\n", encoding="utf-8")
    args = [command, str(f), "-j", value]
    if command == "baseline":
        args += ["--output", str(tmp_path / "baseline.json")]
    if command == "report":
        args += ["--output", str(tmp_path / "report.html")]
    code, out, err = run(*args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "--jobs" in err, err
    assert f.read_text(encoding="utf-8") == "ok\n"
    assert not (tmp_path / "baseline.json").exists() and not (tmp_path / "report.html").exists()


def _children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(entry))
    return found


def _workers_started(args: list[str]) -> int:
    """How many child processes a real run starts (sampled every few milliseconds)."""
    proc = _cleaner(*args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: set[int] = set()
    while proc.poll() is None:
        seen |= _children(proc.pid)
        time.sleep(0.003)
    proc.communicate(timeout=LIMIT)
    assert proc.returncode in (0, 1)
    return len(seen)


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="counts processes in /proc")
def test_jobs_is_capped_at_the_inputs_and_the_cores(tmp_path):
    cap = 4 * parallel.default_jobs()
    many = tmp_path / "many"
    many.mkdir()
    for i in range(cap + 4):
        (many / f"f{i:02}.txt").write_text(f"Page {i}.\n" + SEED[:600], encoding="utf-8")
    started = _workers_started(["check", "--isolated", "--select", "JNK701", "-j", "1000", str(many)])
    assert 1 <= started <= cap
    two = tmp_path / "two"
    two.mkdir()
    for i in range(2):
        (two / f"f{i}.txt").write_text(SEED[:600], encoding="utf-8")
    assert _workers_started(["check", "--isolated", "--select", "JNK701", "-j", "1000", str(two)]) <= 2


def test_worker_count_rule():
    cores = parallel.default_jobs()
    assert parallel.worker_count(1000, 2) == 2
    assert parallel.worker_count(1000, 10_000) == parallel.MAX_JOBS_PER_CORE * cores
    assert parallel.worker_count(None, 10_000) == cores
    assert parallel.worker_count(3, 10_000) == min(3, parallel.MAX_JOBS_PER_CORE * cores)


# --- SIGKILL: temp files --------------------------------------------------------

STALLED_WRITER = """
import os, sys, time
from cleaner import document
if sys.argv[3] == "named":
    try:
        from cleaner import tempfiles
        tempfiles._unnamed = False   # the way of systems without O_TMPFILE
    except ImportError:
        pass
real_fsync = os.fsync
def fsync_then_stall(fd):
    real_fsync(fd)
    print("writing", flush=True)
    time.sleep(60)
os.fsync = fsync_then_stall
document.write_atomic(sys.argv[1], sys.argv[2].encode())
"""


def _stalled_writer(target: Path, data: str, way: str) -> subprocess.Popen:
    """A process killed with SIGKILL in the middle of write_atomic: the temp file is complete
    and synced, not yet renamed."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", STALLED_WRITER, str(target), data, way], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline() == b"writing\n", proc.stderr.read()
    return proc


def _kill(proc: subprocess.Popen) -> None:
    proc.kill()
    proc.communicate()


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="O_TMPFILE (Linux)")
def test_sigkill_mid_write_leaves_no_temp_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old\n", encoding="utf-8")
    _kill(_stalled_writer(target, "new\n", "unnamed"))
    assert leftovers(tmp_path) == []
    assert target.read_text(encoding="utf-8") == "old\n"


@pytest.mark.skipif(os.name != "posix", reason="POSIX process ids")
def test_next_fix_removes_a_killed_writers_temp_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("ok\n", encoding="utf-8")
    _kill(_stalled_writer(target, "new\n", "named"))
    assert len(leftovers(tmp_path)) == 1       # what SIGKILL leaves without O_TMPFILE
    proc = _cleaner("fix", str(target), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, err = proc.communicate(timeout=LIMIT)
    assert proc.returncode == 0, err           # nothing to fix: the folder is still cleaned
    assert leftovers(tmp_path) == []
    assert target.read_text(encoding="utf-8") == "ok\n"


@pytest.mark.skipif(os.name != "posix", reason="POSIX process ids")
def test_a_live_writers_temp_file_is_never_removed(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("ok\n", encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("junk junk junk junk\nok\n", encoding="utf-8")
    writer = _stalled_writer(target, "new\n", "named")
    try:
        live = leftovers(tmp_path)
        assert len(live) == 1
        proc = _cleaner("fix", "--isolated", str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, err = proc.communicate(timeout=LIMIT)
        assert proc.returncode == 1, err        # b.txt was fixed, in the same folder
        assert other.read_text(encoding="utf-8") == "ok\n"
        assert leftovers(tmp_path) == live      # the concurrent writer's file is untouched
    finally:
        _kill(writer)


def test_stale_rule(tmp_path):
    from cleaner import tempfiles

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    host = tempfiles.host_tag()
    names = {
        f".cleaner-{gone.pid}-{host}-abc123.tmp": False,           # its writer has exited: removed
        f".cleaner-{os.getpid()}-{host}-abc123.tmp": True,         # a running writer (this one)
        f".cleaner-{os.getppid()}-{host}-abc123.tmp": True,        # a running writer
        f".cleaner-{gone.pid}-0badc0de-abc123.tmp": host != "0badc0de",  # another host's pids
        ".cleaner-abc123.tmp": True,                                # not ours to judge
        f".cleaner-{gone.pid}-{host}-abc123.txt": True,            # not a temp file
    }
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    os.mkdir(tmp_path / f".cleaner-{gone.pid}-{host}-dir.tmp")
    removed = tempfiles.remove_stale(str(tmp_path))
    assert [Path(p).name for p in removed] == [n for n, kept in names.items() if not kept]
    for name, kept in names.items():
        assert (tmp_path / name).exists() == kept, name
    assert (tmp_path / f".cleaner-{gone.pid}-{host}-dir.tmp").is_dir()


@POSIX
def test_sigkill_at_random_moments_then_fix_again(tmp_path, corpus):
    """SIGKILL to the whole run, several times: files are old or new, no process is left,
    and after the next run no temp file is left either."""
    old, new = corpus
    folder = tmp_path / "texts"
    _tree(folder)
    chooser = random.Random(9)
    for run in range(3):
        proc = _cleaner("fix", "-j", "2", str(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chooser.uniform(0.3, 2.5))
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        assert _group_is_gone(proc.pid)
        for name in old:
            assert (folder / name).read_bytes() in (old[name], new[name]), f"run {run}: {name} is partly written"
    proc = _cleaner("fix", "-j", "2", str(folder), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode in (0, 1), err
    assert leftovers(folder) == []
