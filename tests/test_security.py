"""Rule, config, baseline and decisions files are data: nothing in them is run
as code, and no path in them can make cleaner write outside the project."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cleaner.rulebook import RuleError, load_rule

PACKAGE = Path(__file__).resolve().parent.parent / "cleaner"
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "rules_data" not in p.parts)
JUNK = "junk junk junk junk"


def code_lines(path: Path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.split("#", 1)[0]
        if stripped.strip():
            yield number, stripped


@pytest.mark.parametrize("forbidden", [
    r"\beval\(", r"\bexec\(", r"\bcompile\([^)]*['\"]exec['\"]", r"__import__\(",
    r"\bpickle\.loads?\(", r"\byaml\.load\(", r"\bshell\s*=\s*True",
    r"\bos\.system\(", r"\bgetattr\(\s*(?:importlib|sys\.modules)",
])
def test_no_code_execution_from_data(forbidden):
    pattern = re.compile(forbidden)
    hits = [f"{p.relative_to(PACKAGE)}:{n}" for p in SOURCES for n, line in code_lines(p) if pattern.search(line)]
    assert hits == []


def test_marshal_only_for_the_word_table_cache():
    # marshal.loads builds plain objects and runs nothing; it is used only for
    # cleaner's own prebuilt word tables in the per-user cache folder.
    hits = [f"{p.relative_to(PACKAGE)}" for p in SOURCES for _, line in code_lines(p) if "marshal.load" in line]
    assert set(hits) <= {"spelling/lexicon.py"}


def test_imports_by_name_only_of_our_own_modules():
    # The plug-in registries import their own package's modules, found on disk
    # by pkgutil; no module name ever comes from a rule or config file.
    allowed = re.compile(r"importlib\.import_module\(f\"\{__name__\}\.\{_module\.name\}\"\)")
    hits = []
    for path in SOURCES:
        for number, line in code_lines(path):
            if "import_module" in line and not allowed.search(line):
                hits.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert hits == []


RULE = '''code = "TST901"
name = "test-rule"
kind = "{kind}"
severity = "warning"
message = "m"
summary = "s"
doc = "d"
{extra}
[examples]
fail = [{{ text = "x" }}]
pass = ["y"]
'''


@pytest.mark.parametrize("kind, extra", [
    ("python", 'check = "os.system"'),
    ("python", 'check = "cleaner.document.write_atomic"'),
    ("os.path", ""),
    ("../../evil", ""),
    ("python", 'check = "__import__"'),
])
def test_rule_files_cannot_name_code(tmp_path, kind, extra):
    path = tmp_path / "TST901.toml"
    path.write_text(RULE.format(kind=kind, extra=extra), encoding="utf-8")
    with pytest.raises(RuleError, match="TST901.toml: key '(kind|check)': unknown"):
        load_rule(path)


def test_config_file_is_parsed_as_data(run, tmp_path, monkeypatch):
    # TOML cannot hold code; a config naming a module is just an unknown value.
    (tmp_path / "a.txt").write_text("ok\n", encoding="utf-8")
    (tmp_path / ".cleaner.toml").write_text('select = ["__import__(\'os\').system(\'touch PWNED\')"]\n',
                                            encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run("check", "a.txt")
    assert not (tmp_path / "PWNED").exists()


def test_baseline_paths_cannot_climb_out(run, tmp_path):
    from cleaner.report.baseline import Baseline, BaselineError

    for bad in ("../outside.txt", "/etc/passwd", "a/../../x.txt", "C:/x.txt"):
        path = tmp_path / "baseline.json"
        entry = {"path": bad, "rule": "JNK701", "text": JUNK, "context": "0"}
        path.write_text(json.dumps({"version": 2, "tool": "cleaner", "entries": [entry]}), encoding="utf-8")
        with pytest.raises(BaselineError, match="unsafe path"):
            Baseline.load(str(path))


def test_decisions_paths_are_never_written(run, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    target = project / "a.txt"
    target.write_text(f"ok\n{JUNK}\n", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text(f"precious\n{JUNK}\n", encoding="utf-8")
    decisions = project / "decisions.jsonl"
    lines = [{"rule": "JNK701", "text": JUNK, "context": "x", "choice": "accept",
              "replacement": "", "suggestion": 1, "path": p}
             for p in ("../outside.txt", str(outside), "/etc/passwd")]
    decisions.write_text("".join(json.dumps(d) + "\n" for d in lines), encoding="utf-8")
    run("fix", "--decisions", decisions, target)
    assert outside.read_text(encoding="utf-8") == f"precious\n{JUNK}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside.txt", "project"]
