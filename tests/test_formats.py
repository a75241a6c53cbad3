"""Output formats: SARIF validates against the official schema, GitHub workflow
commands have the runner's syntax and escaping, text colour only on a terminal."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from cleaner.model import Applicability, Edit, Finding, Fix, Severity
from cleaner.report.github import escape_data, escape_property, format_github_line
from cleaner.report.text import format_text, use_color

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
JUNK = "junk junk junk junk\n"


def finding(**kw):
    base = dict(rule="JNK701", name="junk-line", severity=Severity.WARNING, message="Junk line",
                start=6, end=26, line=2, column=1, end_line=3, end_column=1, text=JUNK,
                suggestions=("",), fix=Fix((Edit(6, 26, ""),), Applicability.SAFE), path="a.txt")
    base.update(kw)
    return Finding(**base)


@pytest.fixture
def sample(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Fine.\r\n" + JUNK + "Caf\u00e9 \u00fcber, 1ike this.\n", encoding="utf-8")
    return tmp_path / "a.txt"


def test_sarif_validates_and_has_rules_regions_fixes(run, sample):
    code, out, _ = run("check", "--format", "sarif", "a.txt")
    assert code == 1
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "JNK701" in ids
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    junk = next(r for r in run_["results"] if r["ruleId"] == "JNK701")
    assert rules[junk["ruleIndex"]]["id"] == "JNK701"
    loc = junk["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "a.txt"
    region = loc["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 1)
    assert region["charOffset"] == len("Fine.\r\n")
    assert region["charLength"] in (len(JUNK) - 1, len(JUNK))   # with or without its line break
    change = junk["fixes"][0]["artifactChanges"][0]
    deleted = change["replacements"][0]["deletedRegion"]
    assert deleted["charOffset"] == 7 and deleted["charLength"] == len(JUNK)
    assert change["replacements"][0]["insertedContent"]["text"] == ""


def test_sarif_clean_run_validates(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.txt").write_text("A plain sentence.\n")
    code, out, _ = run("check", "--format", "sarif", "ok.txt")
    assert code == 0
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert log["runs"][0]["results"] == []


GITHUB = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
                    r"title=[A-Z]{3}\d{3}::[^\r\n]*$")


def test_github_annotations_syntax(run, sample):
    code, out, _ = run("check", "--format", "github", "a.txt")
    assert code == 1
    lines = out.splitlines()
    assert lines and all(GITHUB.match(line) for line in lines), lines
    junk = next(line for line in lines if "title=JNK701" in line)
    # The junk line ends on its own line, not at column 1 of the next one.
    assert junk.startswith("::warning file=a.txt,line=2,col=1,endLine=2,endColumn=20,title=JNK701::")


def test_github_levels_and_escaping():
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    line = format_github_line(finding(path="dir,x/a:b.txt", severity=Severity.INFO, message="odd\nmessage"))
    assert line.startswith("::notice file=dir%2Cx/a%3Ab.txt,line=2,")
    assert line.endswith("::odd%0Amessage (suggestion: (delete))")
    assert format_github_line(finding(severity=Severity.ERROR)).startswith("::error ")


def test_json_contract_unchanged(run, sample):
    _, out, _ = run("check", "--format", "json", "a.txt")
    data = json.loads(out)
    # The contract's keys stay; issue 16 added evidence and also_flagged_by.
    assert set(data[0]) == {"path", "rule", "name", "severity", "message", "start", "end", "line",
                            "column", "end_line", "end_column", "text", "suggestions", "fix",
                            "evidence", "also_flagged_by"}


def test_output_file(run, sample):
    code, out, _ = run("check", "--format", "json", "--output-file", "report.json", "a.txt")
    assert code == 1 and out == ""
    assert json.loads((sample.parent / "report.json").read_text(encoding="utf-8"))[0]["path"] == "a.txt"


def test_text_colour_only_on_terminal(monkeypatch):
    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_color(Tty())
    assert not use_color(object())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Tty())
    assert "\x1b[" in format_text([finding()], 1, color=True)
    assert "\x1b[" not in format_text([finding()], 1, color=False)


def test_piped_text_has_no_escape_codes(run, sample):
    _, out, _ = run("check", "a.txt")
    assert "\x1b[" not in out and "a.txt:2:1: JNK701" in out


def test_exit_zero(run, sample):
    assert run("check", "--exit-zero", "a.txt")[0] == 0
    assert run("check", "--exit-zero", "missing.txt")[0] == 2
