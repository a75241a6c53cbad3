"""CLI behaviour: exit codes, errors, byte preservation, atomic writes."""
from __future__ import annotations

import json
import os
import stat

import pytest

JUNK = "junk junk junk junk\n"


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_clean_file_exits_zero(run, tmp_path):
    f = write(tmp_path / "a.txt", b"A plain sentence.\n")
    code, out, _ = run("check", f)
    assert code == 0
    assert "no findings" in out


def test_findings_exit_one_and_text_format(run, tmp_path):
    f = write(tmp_path / "a.txt", f"Fine.\n{JUNK}".encode())
    code, out, _ = run("check", f)
    assert code == 1
    assert f"{f}:2:1: JNK701 " in out or "a.txt:2:1: JNK701 " in out


def test_fail_on_error_ignores_warnings(run, tmp_path):
    f = write(tmp_path / "a.txt", f"Fine.\n{JUNK}".encode())
    assert run("check", "--fail-on", "error", f)[0] == 0


def test_json_contract_keys(run, tmp_path):
    f = write(tmp_path / "a.txt", f"Fine.\r\n{JUNK}".encode())
    code, out, _ = run("check", "--format", "json", f)
    data = json.loads(out)
    # The contract's keys stay; issue 16 added evidence and also_flagged_by.
    assert set(data[0]) == {"path", "rule", "name", "severity", "message", "start", "end", "line",
                            "column", "end_line", "end_column", "text", "suggestions", "fix",
                            "evidence", "also_flagged_by"}
    # CRLF counts as two code points.
    assert data[0]["start"] == len("Fine.\r\n")
    assert data[0]["fix"]["applicability"] == "safe"


def test_missing_path_is_error(run, tmp_path):
    code, _, err = run("check", tmp_path / "nope.txt")
    assert code == 2
    assert "nope.txt" in err and "no such file" in err


def test_invalid_utf8_names_byte_offset_and_hint(run, tmp_path):
    f = write(tmp_path / "bad.txt", b"abc\xff\n" + JUNK.encode())
    code, _, err = run("fix", f)
    assert code == 2
    assert "bad.txt" in err and "byte 3" in err and "--encoding" in err
    assert len(err.strip().splitlines()) == 1
    assert f.read_bytes() == b"abc\xff\n" + JUNK.encode()


def test_other_files_still_processed_after_error(run, tmp_path):
    bad = write(tmp_path / "bad.txt", b"\xff")
    good = write(tmp_path / "good.txt", JUNK.encode())
    code, out, _ = run("check", bad, good)
    assert code == 2
    assert "JNK701" in out


def test_nul_file_skipped_with_note(run, tmp_path):
    f = write(tmp_path / "bin.txt", b"\x00\x01junk junk junk\n")
    code, _, err = run("check", f)
    assert code == 0
    assert "skipped" in err


def test_empty_file_is_fine(run, tmp_path):
    assert run("check", write(tmp_path / "e.txt", b""))[0] == 0


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("final", [True, False])
def test_fix_keeps_bytes_outside_edits(run, tmp_path, newline, bom, final):
    lines = [b"First line  here.", b"junk junk junk", "Caf\u00e9 last.".encode()]
    data = bom + newline.join(lines) + (newline if final else b"")
    f = write(tmp_path / "a.txt", data)
    code, _, _ = run("fix", f)
    assert code == 1
    expected = bom + newline.join([lines[0], lines[2]]) + (newline if final else b"")
    assert f.read_bytes() == expected
    # A second fix changes nothing.
    assert run("fix", f)[0] == 0
    assert f.read_bytes() == expected


def test_fix_keeps_mode_and_leaves_unchanged_files_alone(run, tmp_path):
    f = write(tmp_path / "a.txt", JUNK.encode() + b"ok\n")
    os.chmod(f, 0o640)
    clean = write(tmp_path / "b.txt", b"ok\n")
    mtime = clean.stat().st_mtime_ns
    run("fix", tmp_path)
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert clean.stat().st_mtime_ns == mtime
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cleaner-")]


def test_diff_writes_nothing(run, tmp_path):
    f = write(tmp_path / "a.txt", JUNK.encode() + b"ok\n")
    code, out, _ = run("fix", "--diff", f)
    assert code == 1
    assert out.startswith("--- a/") and "-junk junk junk junk" in out
    assert f.read_bytes() == JUNK.encode() + b"ok\n"


def test_output_file_leaves_input(run, tmp_path):
    f = write(tmp_path / "a.txt", JUNK.encode() + b"ok\n")
    out = tmp_path / "out.txt"
    assert run("fix", f, "-o", out)[0] == 1
    assert out.read_bytes() == b"ok\n"
    assert f.read_bytes() == JUNK.encode() + b"ok\n"


def test_latin1_roundtrip(run, tmp_path):
    data = "Caf\u00e9 ok.\njunk junk junk\n".encode("latin-1")
    f = write(tmp_path / "a.txt", data)
    assert run("fix", "--encoding", "latin-1", f)[0] == 1
    assert f.read_bytes() == "Caf\u00e9 ok.\n".encode("latin-1")


def test_directory_glob(run, tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.txt", JUNK.encode())
    write(tmp_path / "sub" / "a.md", JUNK.encode())
    _, out, _ = run("check", "--format", "json", tmp_path)
    assert [os.path.basename(x["path"]) for x in json.loads(out)] == ["a.txt"]
    _, out, _ = run("check", "--format", "json", "--glob", "*.md", tmp_path)
    assert [os.path.basename(x["path"]) for x in json.loads(out)] == ["a.md"]


def test_rules_and_explain(run):
    code, out, _ = run("rules")
    assert code == 0 and "JNK701" in out
    code, out, _ = run("explain", "JNK701")
    assert code == 0 and "Flagged:" in out
    assert run("explain", "XXX999")[0] == 2


def test_unknown_option_is_usage_error(run):
    assert run("check", "--no-such-option", ".")[0] == 2


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    f = write(tmp_path / "a.txt", JUNK.encode())
    proc = subprocess.run([sys.executable, "-m", "cleaner", "check", str(f)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "JNK701" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_fix_exit_zero_and_exit_non_zero_on_fix(run, tmp_path):
    f = write(tmp_path / "a.txt", JUNK.encode() + b"ok\n")
    assert run("fix", "--exit-zero", f)[0] == 0
    assert f.read_bytes() == b"ok\n"
    write(f, JUNK.encode() + b"ok\n")
    assert run("fix", "--exit-zero", "--exit-non-zero-on-fix", f)[0] == 1
    assert run("fix", "--exit-zero", tmp_path / "missing.txt")[0] == 2
