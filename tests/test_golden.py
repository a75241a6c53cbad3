"""The seed transcript: exactly its three defects are fixed, nothing else."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import SAMPLES, SEED

FIXED = SAMPLES / "stalin-reassures-hitler-1933.fixed.txt"
DIFF = SAMPLES / "stalin-reassures-hitler-1933.diff"


def test_unsafe_fix_changes_exactly_the_three_defects(run, tmp_path):
    out = tmp_path / "out.txt"
    code, _, err = run("fix", "--unsafe", SEED, "-o", out)
    assert code == 1, err
    assert out.read_bytes() == FIXED.read_bytes()


def test_seed_is_left_alone_by_unsafe_fix_to_output(run, tmp_path):
    before = SEED.read_bytes()
    run("fix", "--unsafe", SEED, "-o", tmp_path / "x.txt")
    assert SEED.read_bytes() == before


def test_diff_matches_golden_and_applies_with_patch(run, tmp_path, monkeypatch):
    work = tmp_path / "samples"
    work.mkdir()
    shutil.copy(SEED, work / SEED.name)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("fix", "--unsafe", "--diff", f"samples/{SEED.name}")
    assert code == 1
    assert out == DIFF.read_text(encoding="utf-8")
    assert (work / SEED.name).read_bytes() == SEED.read_bytes()  # --diff writes nothing
    if shutil.which("patch"):
        subprocess.run(["patch", "-p1", "-s"], input=out.encode(), cwd=tmp_path, check=True)
        assert (work / SEED.name).read_bytes() == FIXED.read_bytes()


def test_corrected_file_checks_clean(run):
    code, out, _ = run("check", FIXED)
    assert code == 0, out


def test_seed_check_reports_the_three_defects(run):
    code, out, _ = run("check", "--format", "json", SEED)
    assert code == 1
    findings = json.loads(out)
    # Every finding, info level included: the seed has three defects and nothing else to report.
    flagged = sorted(f["text"] for f in findings)
    assert flagged == ["la", "return return return return return", "unansweringly"]
    by_text = {f["text"]: f for f in findings}
    assert by_text["la"]["suggestions"][0] == "is"
    assert by_text["unansweringly"]["suggestions"][0] == "unswervingly"


@pytest.mark.parametrize("name", ["Izvestia", "TASS", "Vossische", "Zeitung", "L’Humanité", "O’Callaghan"])
def test_names_are_not_flagged(run, name):
    _, out, _ = run("check", "--format", "json", SEED)
    assert not [f for f in json.loads(out) if name in f["text"]]
