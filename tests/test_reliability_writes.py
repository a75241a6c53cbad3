"""Writes never lose or mangle a file: atomic replace keeping mode, no rewrite
when nothing changes, refusal when the file changed under us, read-only files,
symlinks, bytes kept outside edits, and signals during a write."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from cleaner import document, signals
from cleaner.document import DocumentError, read_document, write_atomic

JUNK = "junk junk junk junk"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".cleaner-")]


def make(path, data: bytes, mode: int | None = None):
    path.write_bytes(data)
    if mode is not None:
        os.chmod(path, mode)
    return path


# --- atomic writes, mode, untouched files ---------------------------------

@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_fix_keeps_permission_bits(run, tmp_path, mode):
    f = make(tmp_path / "a.txt", f"ok\n{JUNK}\n".encode(), mode)
    assert run("fix", f)[0] == 1
    assert f.read_bytes() == b"ok\n"
    assert stat.S_IMODE(f.stat().st_mode) == mode
    assert leftovers(tmp_path) == []


def test_fix_replaces_the_file_rather_than_truncating_it(run, tmp_path):
    f = make(tmp_path / "a.txt", f"ok\n{JUNK}\n".encode())
    before = f.stat().st_ino
    run("fix", f)
    # A new inode means the old content was never opened for writing: a crash
    # mid-write leaves the old file, not a truncated one.
    assert f.stat().st_ino != before


def test_unchanged_file_is_never_rewritten(run, tmp_path):
    f = make(tmp_path / "clean.txt", b"A clean sentence.\n")
    os.utime(f, ns=(1_000_000_000, 1_000_000_000))
    inode = f.stat().st_ino
    assert run("fix", f)[0] == 0
    assert f.stat().st_mtime_ns == 1_000_000_000
    assert f.stat().st_ino == inode


def test_diff_mode_never_writes(run, tmp_path):
    f = make(tmp_path / "a.txt", f"{JUNK}\nok\n".encode())
    mtime = f.stat().st_mtime_ns
    assert run("fix", "--diff", f)[0] == 1
    assert f.stat().st_mtime_ns == mtime


# --- the file changed after it was read -------------------------------------

def test_file_changed_after_read_is_not_overwritten(run, tmp_path, monkeypatch):
    import cleaner.run.runner as runner

    f = make(tmp_path / "a.txt", f"ok\n{JUNK}\n".encode())
    other = make(tmp_path / "b.txt", f"fine\n{JUNK}\n".encode())
    real_fix_text = runner.fix_text

    def fix_then_someone_edits(text, **kwargs):
        result = real_fix_text(text, **kwargs)
        if text.startswith("ok"):
            f.write_bytes(b"ok\nedited by hand meanwhile\n" + JUNK.encode() + b"\n")
        return result

    monkeypatch.setattr(runner, "fix_text", fix_then_someone_edits)
    code, _, err = run("fix", f, other)
    assert code == 2
    assert "a.txt" in err and "changed on disk" in err
    assert f.read_bytes() == b"ok\nedited by hand meanwhile\n" + JUNK.encode() + b"\n"
    assert other.read_bytes() == b"fine\n"      # the other file went on
    assert leftovers(tmp_path) == []


def test_same_size_same_mtime_change_is_still_caught(tmp_path):
    f = make(tmp_path / "a.txt", b"abcdef\n")
    doc = read_document(str(f))
    f.write_bytes(b"ABCDEF\n")
    os.utime(f, ns=(doc.mtime_ns, doc.mtime_ns))
    with pytest.raises(DocumentError, match="changed on disk"):
        write_atomic(str(f), b"new\n", expect=doc)
    assert f.read_bytes() == b"ABCDEF\n"


def test_file_deleted_after_read_is_not_recreated(tmp_path):
    f = make(tmp_path / "a.txt", b"abc\n")
    doc = read_document(str(f))
    f.unlink()
    with pytest.raises(DocumentError, match="changed on disk"):
        write_atomic(str(f), b"new\n", expect=doc)
    assert not f.exists()


# --- read-only and unwritable -------------------------------------------------

def test_read_only_file_is_an_error_and_others_go_on(run, tmp_path):
    ro = make(tmp_path / "a.txt", f"ok\n{JUNK}\n".encode(), 0o444)
    rw = make(tmp_path / "b.txt", f"fine\n{JUNK}\n".encode())
    code, _, err = run("fix", ro, rw)
    assert code == 2
    lines = [line for line in err.splitlines() if "a.txt" in line]
    assert len(lines) == 1 and "read-only" in lines[0]
    assert "Traceback" not in err
    assert ro.read_bytes() == f"ok\n{JUNK}\n".encode()
    assert rw.read_bytes() == b"fine\n"


def test_unwritable_folder_is_an_error(run, tmp_path, monkeypatch):
    f = make(tmp_path / "a.txt", f"ok\n{JUNK}\n".encode())

    real_open = os.open
    creating = os.O_CREAT | getattr(os, "O_TMPFILE", 0)

    def refuse(path, flags, *args, **kwargs):
        if flags & creating:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    # Root can write anywhere, so the refusal is simulated where a file is created (the
    # unnamed temp file, or the named one).
    monkeypatch.setattr(document.os, "open", refuse)
    code, _, err = run("fix", f)
    assert code == 2
    assert "a.txt" in err and "Permission denied" in err and len(err.strip().splitlines()) == 1
    assert f.read_bytes() == f"ok\n{JUNK}\n".encode()


@pytest.mark.skipif(IS_ROOT or os.name != "posix", reason="root may write into any folder")
def test_unwritable_folder_for_real(run, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    f = make(folder / "a.txt", f"ok\n{JUNK}\n".encode())
    os.chmod(folder, 0o555)
    try:
        code, _, err = run("fix", f)
    finally:
        os.chmod(folder, 0o755)
    assert code == 2 and "a.txt" in err
    assert f.read_bytes() == f"ok\n{JUNK}\n".encode()


def test_failed_replace_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    f = make(tmp_path / "a.txt", b"old\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(document.os, "replace", broken_replace)
    with pytest.raises(DocumentError, match="No space left"):
        write_atomic(str(f), b"new\n")
    assert f.read_bytes() == b"old\n"
    assert leftovers(tmp_path) == []


def test_output_to_a_folder_is_a_clear_error(run, tmp_path):
    f = make(tmp_path / "a.txt", f"ok\n{JUNK}\n".encode())
    code, _, err = run("fix", f, "-o", tmp_path)
    assert code == 2 and "directory" in err and "Traceback" not in err


# --- symlinks -------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_target_is_written_and_link_stays(run, tmp_path):
    real_dir = tmp_path / "store"
    real_dir.mkdir()
    target = make(real_dir / "real.txt", f"ok\n{JUNK}\n".encode(), 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert run("fix", link)[0] == 1
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert target.read_bytes() == b"ok\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == [] and leftovers(real_dir) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_relative_symlink_chain(run, tmp_path):
    target = make(tmp_path / "real.txt", f"ok\n{JUNK}\n".encode())
    (tmp_path / "mid.txt").symlink_to("real.txt")
    (tmp_path / "top.txt").symlink_to("mid.txt")
    assert run("fix", tmp_path / "top.txt")[0] == 1
    assert (tmp_path / "top.txt").is_symlink() and (tmp_path / "mid.txt").is_symlink()
    assert target.read_bytes() == b"ok\n"


# --- bytes kept outside edits ----------------------------------------------------

BYTE_CASES = {
    "crlf": (b"One.\r\n" + JUNK.encode() + b"\r\nTwo.\r\n", b"One.\r\nTwo.\r\n"),
    "cr": (b"One.\r" + JUNK.encode() + b"\rTwo.\r", b"One.\rTwo.\r"),
    "mixed": (b"One.\r\nA.\rB.\n" + JUNK.encode() + b"\nTwo.\r\nThree.\r", b"One.\r\nA.\rB.\nTwo.\r\nThree.\r"),
    "bom": (b"\xef\xbb\xbfOne.\n" + JUNK.encode() + b"\nTwo.\n", b"\xef\xbb\xbfOne.\nTwo.\n"),
    "bom-crlf-no-final": (b"\xef\xbb\xbfOne.\r\n" + JUNK.encode() + b"\r\nTwo.", b"\xef\xbb\xbfOne.\r\nTwo."),
    "no-final-newline": (b"One.\n" + JUNK.encode() + b"\nTwo.", b"One.\nTwo."),
    "trailing-text-after-junk": (b"One.\n" + JUNK.encode() + b"\nlast words", b"One.\nlast words"),
    "junk-last-no-newline": (b"One.\n" + JUNK.encode(), b"One."),
    "trailing-blanks-kept": (b"One.  \n" + JUNK.encode() + b"\n\n\nTwo.\t\n", None),
}


@pytest.mark.parametrize("name", sorted(BYTE_CASES))
def test_bytes_outside_edits_are_kept(run, tmp_path, name):
    before, after = BYTE_CASES[name]
    f = make(tmp_path / "a.txt", before)
    run("fix", "--select", "JNK701", f)
    data = f.read_bytes()
    if after is not None:
        assert data == after
    else:
        assert JUNK.encode() not in data and data.startswith(b"One.  \n") and data.endswith(b"Two.\t\n")
    # Nothing left to change: a second run does not touch the file.
    mtime = f.stat().st_mtime_ns
    assert run("fix", "--select", "JNK701", f)[0] == 0
    assert f.stat().st_mtime_ns == mtime


def test_clean_file_with_odd_bytes_is_untouched_by_full_fix(run, tmp_path):
    data = b"\xef\xbb\xbfA line.\r\nAnother\rthird\n\n  indented\ttab\r\nno final"
    f = make(tmp_path / "a.txt", data)
    run("fix", "--select", "JNK701", f)
    assert f.read_bytes() == data


# --- signals ---------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_inside_a_write_waits_for_it(tmp_path, monkeypatch, signum):
    f = make(tmp_path / "a.txt", b"old\n")
    real_fsync = os.fsync

    def fsync_then_signal(fd):
        os.kill(os.getpid(), signum)     # arrives mid-write
        real_fsync(fd)

    monkeypatch.setattr(document.os, "fsync", fsync_then_signal)
    expected = KeyboardInterrupt if signum == signal.SIGINT else signals.Interrupted
    with pytest.raises(expected):
        with signals.handled():
            write_atomic(str(f), b"new\n")
    assert signals.exit_status() == 128 + signum
    assert f.read_bytes() == b"new\n"      # finished, not half-done
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_cli_exit_code_on_signal(run, tmp_path, monkeypatch, signum, code):
    import cleaner.run.runner as runner

    files = [make(tmp_path / f"{i}.txt", f"ok {i}\n{JUNK}\n".encode()) for i in range(3)]
    real_fix_file = runner.fix_file
    calls = []

    def fix_file(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            os.kill(os.getpid(), signum)
            time.sleep(0.1)
        return real_fix_file(path, *args, **kwargs)

    monkeypatch.setattr(runner, "fix_file", fix_file)
    result = run("fix", tmp_path)
    assert result[0] == code
    for i, f in enumerate(files):
        assert f.read_bytes() in (f"ok {i}\n{JUNK}\n".encode(), f"ok {i}\n".encode())
    assert files[0].read_bytes() == b"ok 0\n"
    assert leftovers(tmp_path) == []
    # The handlers are gone again after the run.
    assert signal.getsignal(signal.SIGTERM) is not signals._handler


def _big_tree(tmp_path, count: int, lines: int):
    originals = {}
    for i in range(count):
        body = "".join(f"Line {n} of file {i}, a plain sentence.\n" for n in range(lines))
        data = (body + JUNK + "\n" + body).encode()
        path = tmp_path / f"f{i:03}.txt"
        path.write_bytes(data)
        originals[path] = (data, (body + body).encode())
    return originals


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_to_a_real_fix_run_leaves_whole_files(tmp_path, signum, code):
    originals = _big_tree(tmp_path, count=60, lines=2000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "fix", "--select", "JNK701", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    first = next(iter(originals))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if first.read_bytes() != originals[first][0]:
            break
        time.sleep(0.005)
    if proc.poll() is not None:
        pytest.skip("the run finished before the signal could be sent")
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert b"Traceback" not in err
    states = []
    for path, (old, new) in originals.items():
        data = path.read_bytes()
        assert data in (old, new), f"{path.name} is partly written"
        states.append(data == new)
    assert states[0] and not all(states)   # interrupted in the middle of the run
    assert leftovers(tmp_path) == []
