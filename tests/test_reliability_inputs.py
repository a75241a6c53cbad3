"""Every kind of input is handled without a traceback: empty, large, one huge
line, binary, special files, unreadable, missing, duplicates, deep trees, and
files in other encodings."""
from __future__ import annotations

import json
import os
import sys
import time
import tracemalloc

import pytest

from cleaner import chunks, document, fix_text
from cleaner.config import Config
from cleaner.config.discovery import discover
from cleaner.engine import check_text

JUNK = "junk junk junk junk"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def make(path, data: bytes):
    path.write_bytes(data)
    return path


def one_line_each(err: str) -> None:
    assert "Traceback" not in err
    for line in err.strip().splitlines():
        assert line.startswith("cleaner: ") or line == "", line


# --- empty, large, one huge line ---------------------------------------------

def test_empty_file_check_and_fix(run, tmp_path):
    f = make(tmp_path / "e.txt", b"")
    assert run("check", f)[0] == 0
    assert run("fix", f)[0] == 0
    assert f.read_bytes() == b""


def test_only_newlines_and_only_bom(run, tmp_path):
    for data in (b"\n", b"\r\n\r\n", b"\r", b"\xef\xbb\xbf"):
        f = make(tmp_path / "x.txt", data)
        assert run("fix", "--select", "JNK701", f)[0] == 0
        assert f.read_bytes() == data


def _prose(megabytes: float) -> str:
    paragraph = ("The committee met on Tuesday and agreed the minutes of the last meeting. "
                 "It then turned to the accounts, which were found in order.\n")
    block = paragraph * 5 + "\n"
    return block * int(megabytes * 1_000_000 / len(block))


def test_large_file_memory_is_a_few_times_its_size(tmp_path):
    # 2 MB here (the 100 MB figure is in benchmarks/big_inputs.py). Pieces of
    # 200k characters stand in for the 1M used on real files.
    from cleaner.run.runner import fix_file

    text = _prose(2)
    path = make(tmp_path / "big.txt", text.encode())
    size = path.stat().st_size
    # Rules that build per-word state; all rules on 2 MB would make the suite slow.
    config = Config(select=("JNK", "SCN", "SPL", "HYP"))
    fix_file(str(make(tmp_path / "warm.txt", _prose(0.01).encode())), config, unsafe=False)
    old = chunks.CHUNK_CHARS
    chunks.CHUNK_CHARS = 200_000
    try:
        tracemalloc.start()   # after warming: word models loaded once are not per-file cost
        result = fix_file(str(path), config, unsafe=False)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        chunks.CHUNK_CHARS = old
    assert result.error is None
    assert peak < 8 * size, f"peak {peak / size:.1f}x the file size"


def test_pieces_cover_the_text_and_keep_positions():
    text = _prose(0.3).replace("agreed the minutes", "agreed\njunk junk junk junk\nthe minutes", 40)
    text = text.replace("\n", "\r\n", 1000)
    spans = chunks.pieces(text, 20_000)
    assert len(spans) > 5
    assert "".join(text[a:b] for a, b in spans) == text
    config = Config(select=("JNK701",))
    assert chunks.check_large(text, config, 20_000) == check_text(text, config)
    whole = chunks.fix_large(text, config=config)
    pieced = chunks.fix_large(text, config=config, size=20_000)
    assert pieced.text == whole.text
    assert pieced.remaining == whole.remaining


def test_a_line_without_spaces_is_one_piece():
    text = "word" * 100_000
    assert chunks.pieces(text, 1000) == [(0, len(text))]


def test_single_huge_line_is_cut_at_sentence_ends_with_right_columns():
    sentence = "The committee met at noon, and agreed the minutes of the last meeting. "
    line = sentence * 3000
    for k, (clean, damaged) in enumerate([("noon,", "noon,and"), ("agreed", "agr33d"), ("minutes", "m1nutes"),
                                          ("meeting", "meet1ng"), ("committee", "c0mmittee")]):
        at = line.index(clean, (k * 2 + 1) * 20_000)
        line = line[:at] + damaged + line[at + len(clean):]
    text = "Heading\n" + line + "\nlast line\n"
    spans = chunks.pieces(text, 20_000)
    assert len(spans) > 5
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(text[b - 1] == " " and text[b].isupper() for _, b in spans[1:-2])   # after a sentence end
    config = Config(select=("PUN413", "SCN501"))
    whole = check_text(text, config)
    assert len(whole) == 5 and {f.line for f in whole} == {2}
    assert chunks.check_large(text, config, 20_000) == whole    # offsets, lines and columns
    pieced = chunks.fix_large(text, unsafe=True, config=config, size=20_000)
    assert pieced.text == chunks.fix_large(text, unsafe=True, config=config).text
    assert pieced.remaining == fix_text(text, unsafe=True, config=config).remaining


def test_long_single_line_finishes(run, tmp_path):
    # The 10 MB figure is in benchmarks/README.md; here 300 kB must stay well inside a minute.
    words = "the quick brown fox jumps over the lazy dog and then rests a while "
    f = make(tmp_path / "line.txt", (words * (300_000 // len(words))).encode())
    start = time.monotonic()
    code, _, err = run("check", f)
    assert code in (0, 1)
    one_line_each(err)
    assert time.monotonic() - start < 60


# --- binary, special files --------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "cp1252"])
def test_binary_file_is_skipped_with_a_note(run, tmp_path, encoding):
    f = make(tmp_path / "b.txt", b"PK\x03\x04\x00\x00junk junk junk junk\n")
    code, out, err = run("fix", "--encoding", encoding, f)
    assert code == 0
    assert "b.txt" in err and "skipped" in err
    one_line_each(err)
    assert f.read_bytes() == b"PK\x03\x04\x00\x00junk junk junk junk\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_skipped_without_blocking(run, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    make(tmp_path / "a.txt", f"{JUNK}\n".encode())
    code, out, err = run("check", "--format", "json", tmp_path)   # would hang if opened blocking
    assert code == 1
    assert "pipe.txt" in err and "not a regular file" in err
    assert [os.path.basename(f["path"]) for f in json.loads(out)] == ["a.txt"]
    code, _, err = run("check", fifo)
    assert code == 0 and "skipped" in err


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="POSIX device")
def test_device_file_is_skipped(run):
    code, _, err = run("fix", "/dev/null")
    assert code == 0 and "skipped" in err


# --- unreadable, missing ------------------------------------------------------------

def test_unreadable_file_is_an_error_and_others_go_on(run, tmp_path, monkeypatch):
    bad = make(tmp_path / "a.txt", f"{JUNK}\n".encode())
    good = make(tmp_path / "b.txt", f"{JUNK}\n".encode())
    real_open = os.open

    def deny(path, *args, **kwargs):
        if str(path) == str(bad):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(document.os, "open", deny)   # root can read anything: simulate
    code, out, err = run("check", bad, good)
    assert code == 2
    assert "a.txt: permission denied" in err
    assert "b.txt" in out
    one_line_each(err)


@pytest.mark.skipif(IS_ROOT or os.name != "posix", reason="root can read anything")
def test_unreadable_file_for_real(run, tmp_path):
    bad = make(tmp_path / "a.txt", b"x\n")
    os.chmod(bad, 0)
    try:
        code, _, err = run("check", bad)
    finally:
        os.chmod(bad, 0o644)
    assert code == 2 and "permission denied" in err


def test_unreadable_directory_is_an_error(run, tmp_path, monkeypatch):
    import cleaner.config.discovery as files

    locked = tmp_path / "locked"
    locked.mkdir()
    make(locked / "a.txt", b"x\n")
    make(tmp_path / "b.txt", f"{JUNK}\n".encode())
    real_scandir = os.scandir

    def deny(path):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(files.os, "scandir", deny)
    code, out, err = run("check", tmp_path)
    assert code == 2
    assert "locked: cannot read directory (Permission denied)" in err
    assert "b.txt" in out
    one_line_each(err)


def test_missing_path_and_broken_link(run, tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    code, _, err = run("check", tmp_path / "nope.txt", tmp_path / "dangling.txt")
    assert code == 2
    assert "nope.txt: no such file" in err
    assert "dangling.txt: broken symbolic link" in err
    one_line_each(err)


def test_directory_named_as_file_to_output(run, tmp_path):
    code, _, err = run("fix", "-o", tmp_path / "out.txt", tmp_path / "missing.txt")
    assert code == 2
    one_line_each(err)


# --- the same file twice --------------------------------------------------------------

def test_same_file_by_several_paths_is_checked_once(run, tmp_path, monkeypatch):
    f = make(tmp_path / "a.txt", f"{JUNK}\n".encode())
    (tmp_path / "link.txt").symlink_to(f)
    os.link(f, tmp_path / "hard.txt")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--format", "json", "a.txt", "./a.txt", str(f), "link.txt", "hard.txt",
                       ".", "../" + tmp_path.name + "/a.txt")
    assert code == 1
    assert len(json.loads(out)) == 1


def test_fixing_a_file_named_twice_writes_once(run, tmp_path):
    f = make(tmp_path / "a.txt", f"ok\n{JUNK}\n".encode())
    code, _, err = run("fix", f, f, tmp_path)
    assert code == 1
    assert err.count("applied") == 1
    assert f.read_bytes() == b"ok\n"


# --- deep trees -------------------------------------------------------------------------

def test_very_deep_directory_tree(run, tmp_path):
    depth = sys.getrecursionlimit() + 200
    folder = deep = str(tmp_path / "tree")
    chain = [folder]
    os.mkdir(folder)
    for _ in range(depth):
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
        chain.append(deep)
    leaf = make(type(tmp_path)(deep) / "a.txt", f"{JUNK}\n".encode())
    try:
        found = discover([folder])
        assert found.errors == [] and len(found.files) == 1
        code, _, err = run("check", folder)
        assert code == 1
        one_line_each(err)
    finally:
        # shutil.rmtree (and so pytest's clean-up) recurses; remove it bottom-up here.
        leaf.unlink()
        for path in reversed(chain):
            os.rmdir(path)


def test_symlinked_folder_loop_is_not_followed(tmp_path):
    (tmp_path / "sub").mkdir()
    make(tmp_path / "sub" / "a.txt", b"x\n")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    found = discover([str(tmp_path)])
    assert [os.path.basename(p) for p in found.files] == ["a.txt"]


# --- encodings ----------------------------------------------------------------------------

def test_utf8_is_the_default(run, tmp_path):
    f = make(tmp_path / "a.txt", "Caf\u00e9 \u201cok\u201d.\n".encode() + JUNK.encode() + b"\n")
    assert run("fix", f)[0] == 1
    assert f.read_bytes() == "Caf\u00e9 \u201cok\u201d.\n".encode()


def test_cp1252_read_and_written_in_its_own_encoding(run, tmp_path):
    clean = "\u201cCaf\u00e9\u201d \u2014 5 \u20ac.\r\n"
    f = make(tmp_path / "a.txt", (clean + JUNK + "\r\n").encode("cp1252"))
    assert run("fix", "--select", "JNK701", "--encoding", "cp1252", f)[0] == 1
    assert f.read_bytes() == clean.encode("cp1252")


def test_latin1_spellings_of_the_name(run, tmp_path):
    for name in ("latin-1", "latin1", "ISO-8859-1", "iso8859_1"):
        f = make(tmp_path / "a.txt", ("Caf\u00e9.\n" + JUNK + "\n").encode("latin-1"))
        assert run("fix", "--select", "JNK701", "--encoding", name, f)[0] == 1
        assert f.read_bytes() == "Caf\u00e9.\n".encode("latin-1")


def test_utf8_sig_never_adds_a_bom(run, tmp_path):
    f = make(tmp_path / "a.txt", f"ok\n{JUNK}\n".encode())
    run("fix", "--select", "JNK701", "--encoding", "utf-8-sig", f)
    assert f.read_bytes() == b"ok\n"


@pytest.mark.parametrize("data, offset", [
    (b"abc\xffdef\n", 3),
    (b"\xef\xbb\xbfab\xc3(\n", 5),          # offset counts the BOM
    (b"ok\n" * 10 + b"\xe2\x82\n", 30),     # truncated sequence
])
def test_invalid_utf8_names_the_byte_and_writes_nothing(run, tmp_path, data, offset):
    f = make(tmp_path / "bad.txt", data)
    code, _, err = run("fix", f)
    assert code == 2
    assert f"bad.txt: not valid utf-8 at byte {offset}" in err
    one_line_each(err)
    assert len(err.strip().splitlines()) == 1
    assert f.read_bytes() == data


def test_byte_undefined_in_cp1252(run, tmp_path):
    f = make(tmp_path / "a.txt", b"ab\x81c\n")
    code, _, err = run("check", "--encoding", "cp1252", f)
    assert code == 2 and "byte 2" in err
    one_line_each(err)


def test_unknown_encoding(run, tmp_path):
    f = make(tmp_path / "a.txt", b"x\n")
    code, _, err = run("check", "--encoding", "klingon", f)
    assert code == 2 and "unknown encoding 'klingon'" in err
    one_line_each(err)


def test_unencodable_fix_is_an_error_not_a_mangled_file():
    doc = document.Document("a.txt", "x", "iso8859-1", b"", 0, 1)
    with pytest.raises(document.DocumentError, match="cannot encode"):
        doc.encode("\u2014")


def test_replacement_character_is_reported(run, tmp_path):
    f = make(tmp_path / "a.txt", "A caf\ufffd in town.\n".encode())
    code, out, _ = run("check", "--format", "json", f)
    found = [x for x in json.loads(out) if "\ufffd" in x["text"]]
    assert code == 1 and found, "U+FFFD must be reported as a defect"
    assert found[0]["rule"].startswith("CHR")
