"""Issue 19: an output never replaces an input; files that configuration and options name
(word lists, baselines, decisions, configuration files) are read with bounds; every error,
including a failed write to standard output, is one line and exit 2.

The commands run in a subprocess where the defect was a hang, a memory blow-up or a
traceback at interpreter exit, so that a regression fails the test instead of the run."""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time

import pytest

from cleaner import rulebook, shipped
from cleaner.bounded import MB, RefusedFile, json_depth, loads_json, read_bounded
from cleaner.rulebook import default_rules

PROSE = "The quick brown fox jumpd over teh lazy dog.\nIt was a fine day for it.\n"
LIMIT = 60  # seconds: far above a normal run, far below a hang


def cleaner(*args, cwd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL):
    """Run the CLI as a user would; (exit code, stdout, stderr)."""
    done = subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], cwd=cwd, stdout=stdout,
                          stderr=subprocess.PIPE, stdin=stdin, timeout=LIMIT)
    return done.returncode, (done.stdout or b"").decode(), done.stderr.decode()


def one_error_line(err: str, *needles: str) -> None:
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("cleaner: "), err
    for needle in needles:
        assert needle in lines[0], err


@pytest.fixture
def text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(PROSE)
    return path


def unchanged(path, before: os.stat_result) -> bool:
    after = os.stat(path)
    return path.read_text() == PROSE and (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


# --- an output path that is one of the inputs ----------------------------------------------

@pytest.mark.parametrize("args", [
    ("check", "--output-file", "a.txt", "a.txt"),
    ("check", "--format", "json", "--output-file", "a.txt", "."),
    ("baseline", "a.txt", "--output", "a.txt"),
    ("fix", "-o", "a.txt", "a.txt"),
    ("report", "-o", "a.txt", "a.txt"),
])
def test_output_over_an_input_is_refused(run, text, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    before = os.stat(text)
    code, out, err = run(*args)
    assert code == 2
    one_error_line(err, "would overwrite the input a.txt")
    assert unchanged(text, before)


def test_the_same_file_by_another_name_is_refused(run, text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.link(text, tmp_path / "hard.txt")
    os.symlink(text, tmp_path / "soft.txt")
    before = os.stat(text)
    for other in ("hard.txt", "soft.txt", "./a.txt"):
        code, _, err = run("check", "--output-file", other, "a.txt")
        assert code == 2
        one_error_line(err, "would overwrite the input")
        assert unchanged(text, before)


def test_fix_output_over_the_decisions_it_replays_is_refused(run, text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    decisions = tmp_path / "d.jsonl"
    decisions.write_text("")
    code, _, err = run("fix", "--decisions", "d.jsonl", "-o", "d.jsonl", "a.txt")
    assert code == 2
    one_error_line(err, "would overwrite the input d.jsonl")
    assert decisions.read_text() == ""


def test_report_over_its_baseline_is_refused(run, text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("baseline", "a.txt", "--output", "b.json")[0] == 0
    saved = (tmp_path / "b.json").read_bytes()
    code, _, err = run("check", "--baseline", "b.json", "--output-file", "b.json", "a.txt")
    assert code == 2
    one_error_line(err, "would overwrite the input b.json")
    assert (tmp_path / "b.json").read_bytes() == saved


def test_an_output_beside_the_inputs_is_still_written(run, text, tmp_path, monkeypatch):
    # The refusal is about the same file, not the same folder or a similar name.
    monkeypatch.chdir(tmp_path)
    code, _, _ = run("check", "--format", "json", "--output-file", "a.json", ".")
    assert code in (0, 1) and json.loads((tmp_path / "a.json").read_text())


def test_review_decisions_over_an_input_is_refused(text, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    before = os.stat(text)
    child = pexpect.spawn(sys.executable, ["-m", "cleaner", "review", "--decisions", "a.txt", "a.txt"],
                          cwd=str(tmp_path), encoding="utf-8", timeout=LIMIT, dimensions=(24, 80))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "would overwrite the input a.txt" in child.before and "Traceback" not in child.before
    assert unchanged(text, before)


# --- files that configuration names: bounded reads -----------------------------------------

def _config(tmp_path, line: str) -> None:
    (tmp_path / "cleaner.toml").write_text(line + "\n")


def _fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _sparse(tmp_path, name: str, size: int):
    """A file of `size` bytes that takes no disk space."""
    path = tmp_path / name
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def test_word_list_that_is_a_device_is_refused(text, tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    _config(tmp_path, 'words = ["/dev/zero"]')
    code, _, err = cleaner("check", "a.txt", cwd=tmp_path)
    assert code == 2
    one_error_line(err, "/dev/zero", "is a device")


def test_word_list_that_is_a_fifo_is_refused_without_waiting(text, tmp_path):
    _fifo(tmp_path)
    _config(tmp_path, 'words = ["pipe"]')
    code, _, err = cleaner("check", "a.txt", cwd=tmp_path)
    assert code == 2
    one_error_line(err, "is a FIFO")


def test_huge_word_list_is_refused(text, tmp_path):
    _sparse(tmp_path, "words.txt", 65 * MB)
    code, _, err = cleaner("check", "--words", "words.txt", "a.txt", cwd=tmp_path)
    assert code == 2
    one_error_line(err, "words.txt", "larger than the 64 MB limit")


@pytest.mark.parametrize("make", ["device", "fifo", "huge", "deep"])
def test_bad_baseline_is_one_line(text, tmp_path, make):
    if make == "device":
        name = "/dev/zero"
        if not os.path.exists(name):
            pytest.skip("no /dev/zero here")
    elif make == "fifo":
        name = _fifo(tmp_path).name
    elif make == "huge":
        name = _sparse(tmp_path, "b.json", 257 * MB).name
    else:
        name = "b.json"
        (tmp_path / name).write_text("[" * 100_000 + "]" * 100_000)
    code, _, err = cleaner("check", "--baseline", name, "a.txt", cwd=tmp_path)
    assert code == 2
    one_error_line(err, "baseline")


@pytest.mark.parametrize("make", ["fifo", "huge", "deep-array", "deep-line"])
def test_bad_decisions_file_is_one_line(text, tmp_path, make):
    if make == "fifo":
        name = _fifo(tmp_path).name
    elif make == "huge":
        name = _sparse(tmp_path, "d.jsonl", 257 * MB).name
    else:
        name = "d.jsonl"
        deep = "[" * 100_000 + "]" * 100_000
        (tmp_path / name).write_text(deep if make == "deep-array" else '{"a": 1}\n' + deep + "\n")
    code, _, err = cleaner("fix", "--decisions", name, "a.txt", cwd=tmp_path)
    assert code == 2
    one_error_line(err, "d.jsonl" if make != "fifo" else "pipe")
    assert text.read_text() == PROSE


def test_deeply_nested_configuration_is_one_line(text, tmp_path):
    _config(tmp_path, "a = " + "[" * 100_000 + "]" * 100_000)
    code, _, err = cleaner("check", "a.txt", cwd=tmp_path)
    assert code == 2
    one_error_line(err, "cleaner.toml", "nested too deeply")


def test_read_bounded_reads_a_file_at_the_limit(tmp_path):
    path = tmp_path / "w.txt"
    path.write_bytes(b"x" * 100)
    assert read_bounded(str(path), 100) == b"x" * 100
    with pytest.raises(RefusedFile, match="larger than"):
        read_bounded(str(path), 99)
    with pytest.raises(RefusedFile, match="directory"):
        read_bounded(str(tmp_path), 10**6)


def test_json_depth_ignores_brackets_inside_strings():
    assert json_depth('{"a": ["[[[[", {"b": "]]}}"}]}') == 3
    assert json_depth('"\\"[["') == 0
    assert loads_json('{"a": [1, {"b": "[["}]}') == {"a": [1, {"b": "[["}]}
    with pytest.raises(RefusedFile):
        loads_json("[" * 65 + "]" * 65)


# --- errors are one line and exit 2 --------------------------------------------------------

needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")


@needs_dev_full
@pytest.mark.parametrize("args", [
    ("check", "s.txt"),
    ("check", "--format", "json", "s.txt"),
    ("fix", "--diff", "s.txt"),
    ("fix", "-", "<s.txt"),
    ("score", "s.txt"),
])
def test_stdout_on_a_full_disk_is_exit_2(tmp_path, args):
    from tests.conftest import SEED

    (tmp_path / "s.txt").write_bytes(SEED.read_bytes())
    stdin = subprocess.DEVNULL
    if args[-1].startswith("<"):
        stdin = open(tmp_path / args[-1][1:], "rb")
        args = args[:-1]
    with open("/dev/full", "wb") as full:
        code, _, err = cleaner(*args, cwd=tmp_path, stdout=full, stdin=stdin)
    assert code == 2
    one_error_line(err, "cannot write to standard output", "No space left on device")
    assert (tmp_path / "s.txt").read_bytes() == SEED.read_bytes()


def test_stdout_closed_by_the_reader_is_exit_2(tmp_path):
    # `cleaner check ... | head -1`: the reader goes away; exit 1 would read as "findings".
    # Far more report than a pipe buffers (64 KB), so the writes after the reader left fail.
    rng = random.Random(19)
    words = "the committee met on tuesday and agreed the minutes of the last meeting".split()

    def garbled(word: str) -> str:
        at = rng.randrange(len(word))
        return word[:at] + rng.choice("xqzjk") + word[at + 1:]

    for n in range(10):
        lines = (" ".join(garbled(w) if rng.random() < 0.3 else w for w in words) for _ in range(300))
        (tmp_path / f"f{n}.txt").write_text(".\n".join(lines) + ".\n")
    child = subprocess.Popen([sys.executable, "-m", "cleaner", "check", "--jobs", "1", "."], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    child.stdout.readline()
    child.stdout.close()
    deadline = time.monotonic() + LIMIT
    while child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert child.poll() == 2
    one_error_line(child.stderr.read().decode(), "cannot write to standard output")


@pytest.mark.parametrize("name, needle", [("rot13", "not a text encoding"), ("klingon", "unknown encoding")])
def test_a_codec_that_is_no_text_encoding_is_one_line_before_any_file(run, text, tmp_path, name, needle):
    other = tmp_path / "b.txt"
    other.write_text(PROSE)
    code, out, err = run("check", "--encoding", name, text, other)
    assert code == 2 and out == ""
    one_error_line(err, needle)
    assert "internal error" not in err


def test_usage_errors_are_one_line(run, text):
    for args in (("check", "--format", "foo", text), ("check", "--no-such-option", text), ("check",)):
        code, _, err = run(*args)
        assert code == 2
        one_error_line(err, "cleaner check --help")


def test_internal_error_never_says_all_clean(run, text, monkeypatch):
    from cleaner.run import runner

    def broken(*_args, **_kwargs):
        raise RuntimeError("a rule crashed")

    monkeypatch.setattr(runner, "check_file", broken)
    code, out, err = run("check", "--jobs", "1", text)
    assert code == 2
    assert "internal error" in err and "a rule crashed" in err
    assert "All clean" not in out + err


def test_broken_rule_file_is_reported_once(run, tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    shutil.copytree(shipped.rules_dir(), rules)
    broken = sorted(rules.glob("*/*.toml"))[0]
    broken.write_text(broken.read_text() + "\nnot toml = = \n")
    monkeypatch.setattr(rulebook, "rules_dir", lambda: rules)
    default_rules.cache_clear()
    files = []
    for n in range(3):
        files.append(tmp_path / f"t{n}.txt")
        files[-1].write_text(PROSE)
    try:
        code, out, err = run("check", "--jobs", "1", *files)
    finally:
        default_rules.cache_clear()
    assert code == 2
    one_error_line(err, broken.name)
    assert "All clean" not in out
