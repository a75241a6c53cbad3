"""--diff is written in the file's own encoding, so `patch` applies it to the
file's bytes exactly; the same holds for replayed decisions and a BOM."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from cleaner.review.decisions import Decision, context_hash, dumps

pytestmark = pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")

LATIN1_TEXT = "Caf\u00e9 society met at the Ma\u00eetre's.\nreturn return return return return\nThe end.\n"


def _cleaner(*args, cwd):
    return subprocess.run([sys.executable, "-m", "cleaner", *args], cwd=cwd, capture_output=True)


def _patch(diff: bytes, cwd) -> None:
    proc = subprocess.run(["patch", "-p1", "-s", "--no-backup-if-mismatch"], input=diff, cwd=cwd,
                          capture_output=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_latin1_diff_patches_to_what_fix_writes(tmp_path):
    data = LATIN1_TEXT.encode("latin-1")
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "b.txt").write_bytes(data)
    shown = _cleaner("fix", "--encoding", "latin-1", "--diff", "a.txt", cwd=tmp_path)
    assert shown.returncode == 1, shown.stderr
    assert "Caf\u00e9".encode("latin-1") in shown.stdout      # context lines in the file's bytes
    assert _cleaner("fix", "--encoding", "latin-1", "b.txt", cwd=tmp_path).returncode == 1
    assert (tmp_path / "a.txt").read_bytes() == data             # --diff writes nothing
    _patch(shown.stdout, tmp_path)
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()
    assert b"return return" not in (tmp_path / "a.txt").read_bytes()


def test_replayed_decisions_diff_keeps_the_bom(tmp_path):
    text = "It la recalled that the\nstory ended.\n"
    data = b"\xef\xbb\xbf" + text.encode("utf-8")
    (tmp_path / "a.txt").write_bytes(data)
    (tmp_path / "b.txt").write_bytes(data)
    start = text.index("la")
    decision = Decision("RWE601", "la", context_hash(text, start, start + 2), "edit", replacement="is")
    (tmp_path / "decisions.jsonl").write_text(dumps([decision]), encoding="utf-8")
    shown = _cleaner("fix", "--decisions", "decisions.jsonl", "--diff", "a.txt", cwd=tmp_path)
    assert shown.returncode == 1, shown.stderr
    assert _cleaner("fix", "--decisions", "decisions.jsonl", "b.txt", cwd=tmp_path).returncode == 1
    _patch(shown.stdout, tmp_path)
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()
    assert (tmp_path / "a.txt").read_bytes() == b"\xef\xbb\xbf" + text.replace("la", "is", 1).encode("utf-8")
