"""Baselines: only new findings are reported; inserted lines and shifted
findings stay matched; stale entries are counted; stored paths are safe."""
from __future__ import annotations

import json

import pytest

JUNK = "junk junk junk junk\n"
OTHER = "spam spam spam spam spam\n"


def findings(run, *args):
    code, out, err = run("check", "--format", "json", "--isolated", *args)
    return code, [(f["line"], f["rule"], f["text"]) for f in json.loads(out)], err


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("First line.\n" + JUNK + "Last line.\n")
    return tmp_path


def test_baseline_hides_known_findings(run, project):
    code, _, err = run("baseline", "--isolated", "texts", "--output", "baseline.json")
    assert code == 0 and "recorded 1 finding" in err
    data = json.loads((project / "baseline.json").read_text())
    assert data["version"] == 2
    assert data["entries"][0]["path"] == "texts/a.txt"
    assert set(data["entries"][0]) == {"path", "rule", "text", "context"}
    code, found, err = findings(run, "--baseline", "baseline.json", "texts")
    assert code == 0 and found == [] and "1 known finding hidden" in err


def test_inserted_lines_do_not_bring_old_findings_back(run, project):
    run("baseline", "--isolated", "texts", "--output", "baseline.json")
    a = project / "texts" / "a.txt"
    a.write_text("A new opening line.\nAnd another.\n\n" + a.read_text() + OTHER)
    code, found, _ = findings(run, "--baseline", "baseline.json", "texts")
    assert [rule for _, rule, _ in found] == ["JNK701"] and found[0][2].startswith("spam")
    assert code == 1


def test_a_second_identical_defect_is_new(run, project):
    run("baseline", "--isolated", "texts", "--output", "baseline.json")
    a = project / "texts" / "a.txt"
    a.write_text(a.read_text() + JUNK)
    _, found, _ = findings(run, "--baseline", "baseline.json", "texts")
    assert len(found) == 1


def test_stale_entries_are_reported(run, project):
    run("baseline", "--isolated", "texts", "--output", "baseline.json")
    (project / "texts" / "a.txt").write_text("First line.\nLast line.\n")
    code, found, err = findings(run, "--baseline", "baseline.json", "texts")
    assert code == 0 and found == []
    assert "1 baseline entry no longer matches" in err


def test_baseline_paths_relative_to_its_folder(run, project, monkeypatch):
    (project / "ci").mkdir()
    assert run("baseline", "--isolated", "texts", "--output", "ci/b.json")[0] == 2  # texts/ is outside ci/
    run("baseline", "--isolated", "texts", "--output", "b.json")
    monkeypatch.chdir(project / "texts")
    code, found, _ = findings(run, "--baseline", "../b.json", "a.txt")
    assert code == 0 and found == []


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside.txt", "a/../../x.txt", "C:/x.txt", ""])
def test_unsafe_stored_paths_rejected(run, project, path):
    entry = {"path": path, "rule": "JNK701", "text": "x", "context": "0"}
    (project / "b.json").write_text(json.dumps({"version": 2, "tool": "cleaner", "entries": [entry]}))
    code, _, err = run("check", "--baseline", "b.json", "texts")
    assert code == 2 and "unsafe path" in err


@pytest.mark.parametrize("body", ["not json", "[]", '{"version": 9, "entries": []}',
                                  '{"version": 2, "entries": [{"path": "a.txt"}]}'])
def test_bad_baseline_is_one_line_error(run, project, body):
    (project / "b.json").write_text(body)
    code, out, err = run("check", "--baseline", "b.json", "texts")
    assert code == 2 and "b.json" in err and len(err.strip().splitlines()) == 1 and out == ""


def test_missing_baseline(run, project):
    code, _, err = run("check", "--baseline", "none.json", "texts")
    assert code == 2 and "none.json" in err
