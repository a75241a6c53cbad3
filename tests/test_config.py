"""Configuration files: discovery by walking up, strictness, CLI overrides,
per-file ignores, excludes, word lists, and in-text suppressions."""
from __future__ import annotations

import json

import pytest

JUNK = "junk junk junk junk\n"
ODD = "The reporter wrote about the flurbish gazette yesterday, and the editor agreed.\n"


def rules_in(run, *args):
    code, out, err = run("check", "--format", "json", *args)
    return code, sorted({f["rule"] for f in json.loads(out or "[]")}), err


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts" / "letters").mkdir(parents=True)
    (tmp_path / "texts" / "a.txt").write_text(JUNK + ODD)
    (tmp_path / "texts" / "letters" / "b.txt").write_text(JUNK + ODD)
    return tmp_path


def test_no_config_reports_everything(run, project):
    # b.txt without the odd word: in both files it would be the run's own word (corpus lexicon).
    (project / "texts" / "letters" / "b.txt").write_text(JUNK)
    code, rules, _ = rules_in(run, "texts")
    assert code == 1 and {"JNK701", "SPL801"} <= set(rules)


@pytest.mark.parametrize("name, header", [
    ("pyproject.toml", "[tool.cleaner]\n"),
    ("cleaner.toml", ""),
    (".cleaner.toml", ""),
])
def test_config_file_found_by_walking_up(run, project, name, header):
    (project / name).write_text(header + 'ignore = ["JNK"]\n')
    code, rules, _ = rules_in(run, "texts/letters/b.txt")
    assert "JNK701" not in rules and code == 0


def test_pyproject_without_table_is_passed_over(run, project):
    (project / "texts" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (project / "cleaner.toml").write_text('ignore = ["JNK"]\n')
    assert "JNK701" not in rules_in(run, "texts/a.txt")[1]


def test_nearest_config_wins(run, project):
    (project / "cleaner.toml").write_text('ignore = ["JNK"]\n')
    (project / "texts" / "letters" / "cleaner.toml").write_text('select = ["JNK"]\n')
    _, out, _ = run("check", "--format", "json", "texts")
    by_file = {}
    for f in json.loads(out):
        by_file.setdefault(f["path"].replace("\\", "/"), set()).add(f["rule"])
    assert "JNK701" not in by_file.get("texts/a.txt", set())
    assert by_file["texts/letters/b.txt"] == {"JNK701"}


def test_unknown_key_names_key_and_file(run, project):
    (project / "cleaner.toml").write_text('selekt = ["JNK"]\n')
    code, out, err = run("check", "texts/a.txt")
    assert code == 2 and out == ""
    assert "selekt" in err and "cleaner.toml" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("body, needle", [
    ('select = "JNK"\n', "select"),
    ('select = ["NOPE99"]\n', "NOPE99"),
    ('fail-on = "fatal"\n', "fail-on"),
    ('words = ["missing.txt"]\n', "missing.txt"),
    ("select = [\n", "invalid TOML"),
])
def test_bad_values_are_one_line_errors(run, project, body, needle):
    (project / "cleaner.toml").write_text(body)
    code, _, err = run("check", "texts/a.txt")
    assert code == 2 and needle in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_cli_overrides_config(run, project):
    (project / "cleaner.toml").write_text('select = ["JNK"]\nfail-on = "error"\n')
    code, rules, _ = rules_in(run, "texts/a.txt")
    assert rules == ["JNK701"] and code == 0          # fail-on from the file
    code, rules, _ = rules_in(run, "--select", "SPL", "--fail-on", "info", "texts/a.txt")
    assert rules == ["SPL801"] and code == 1


def test_explicit_config_and_isolated(run, project):
    (project / "cleaner.toml").write_text('ignore = ["JNK"]\n')
    (project / "other.toml").write_text('ignore = ["SPL"]\n')
    rules = rules_in(run, "--config", "other.toml", "texts/a.txt")[1]
    assert "JNK701" in rules and "SPL801" not in rules
    assert {"JNK701", "SPL801"} <= set(rules_in(run, "--isolated", "texts/a.txt")[1])
    assert run("check", "--config", "nope.toml", "texts/a.txt")[0] == 2


def test_per_file_ignores_and_exclude(run, project):
    (project / "cleaner.toml").write_text(
        '[per-file-ignores]\n"texts/letters/*.txt" = ["JNK"]\n')
    _, out, _ = run("check", "--format", "json", "texts")
    flagged = {(f["path"].replace("\\", "/"), f["rule"]) for f in json.loads(out)}
    assert ("texts/a.txt", "JNK701") in flagged
    assert ("texts/letters/b.txt", "JNK701") not in flagged
    (project / "cleaner.toml").write_text('exclude = ["letters"]\n')
    _, out, _ = run("check", "--format", "json", "texts")
    assert {f["path"].replace("\\", "/") for f in json.loads(out)} == {"texts/a.txt"}
    # Named explicitly, an excluded file is still skipped (pre-commit passes files by name).
    _, out, _ = run("check", "--format", "json", "texts/letters/b.txt")
    assert json.loads(out) == []
    _, out, _ = run("check", "--format", "json", "--per-file-ignores", "a.txt:JNK,SPL", "--isolated", "texts/a.txt")
    assert json.loads(out) == []


def test_word_lists_relative_to_config(run, project):
    (project / "conf").mkdir()
    (project / "conf" / "names.txt").write_text("# house words\nFlurbish\n\n")
    (project / "cleaner.toml").write_text('words = ["conf/names.txt"]\n')
    assert "SPL801" not in rules_in(run, "texts/a.txt")[1]
    assert "SPL801" in rules_in(run, "--isolated", "texts/a.txt")[1]
    assert "SPL801" not in rules_in(run, "--isolated", "--words", "conf/names.txt", "texts/a.txt")[1]


def test_ignore_comments_and_sic(run, project):
    f = project / "c.txt"
    f.write_text(
        "Too  many spaces here. # cleaner: ignore\n"
        "Too  many spaces here. # cleaner: ignore[SPL]\n"
        "Too  many spaces here. # cleaner: ignore[LAY202, JNK]\n"
        "Too  many spaces here. # cleaner: ignore[LAY]\n"
        "The flurbish [sic] gazette arrived.\n")
    _, out, _ = run("check", "--format", "json", "--isolated", "c.txt")
    flagged = [(x["line"], x["rule"]) for x in json.loads(out)]
    assert flagged == [(2, "LAY202")]


def test_suppression_unit():
    from cleaner import Config, check_text

    text = "Fine.\nToo  many spaces here.\n"
    config = Config(select=("LAY202",))
    assert check_text(text, config)
    assert not check_text(text.replace("here.", "here. cleaner: ignore[LAY]"), config)
    assert check_text(text.replace("here.", "here. cleaner: ignore[CHR]"), config)
    assert check_text(text.replace("Fine.", "Fine. cleaner: ignore"), config)   # only its own line
