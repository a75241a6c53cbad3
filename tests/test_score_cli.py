"""`cleaner score` formats and the `check --max-error-rate` gate (exit codes, reasons,
the estimate in JSON and SARIF)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from test_score import CLEAN, GARBLED

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture
def texts(tmp_path, monkeypatch):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "garbled.txt").write_text(GARBLED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_score_text_has_one_line_per_file_with_interval_words_and_rules(run, texts):
    code, out, err = run("score", "clean.txt", "garbled.txt")
    assert code == 0, err
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["clean.txt", "garbled.txt"]
    garbled = lines[1]
    assert "50 words" in garbled and "top: SPL801 (" in garbled
    assert garbled.count("%") == 3  # estimate and the two ends of its interval


def test_score_sort_puts_the_worst_file_first(run, texts):
    _, out, _ = run("score", "clean.txt", "garbled.txt", "--sort")
    assert [line.split()[0] for line in out.splitlines()] == ["garbled.txt", "clean.txt"]


def test_score_json_and_csv_agree(run, texts):
    _, out, _ = run("score", ".", "--format", "json", "--sort")
    items = json.loads(out)
    assert [i["path"] for i in items] == ["garbled.txt", "clean.txt"]
    for item in items:
        low, high = item["interval"]
        assert low <= item["estimated_wer"] <= high
        assert item["words"] > 0
    assert items[0]["top_rules"][0]["rule"] == "SPL801"
    _, out, _ = run("score", ".", "--format", "csv", "--sort")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["path"] for r in rows] == ["garbled.txt", "clean.txt"]
    assert [float(r["estimated_wer"]) for r in rows] == pytest.approx([i["estimated_wer"] for i in items], abs=1e-4)
    assert rows[0]["top_rules"].startswith("SPL801:")


def test_score_missing_file_exits_2_and_scores_the_rest(run, texts):
    code, out, err = run("score", "clean.txt", "nope.txt")
    assert code == 2
    assert "nope.txt" in err and "Traceback" not in err
    assert out.startswith("clean.txt")


@pytest.mark.parametrize("limit", ["20%", "0.2"])
def test_gate_fails_only_the_file_over_the_limit(run, texts, limit):
    code, _, err = run("check", "clean.txt", "--max-error-rate", limit)
    assert code == 0, err
    assert run("check", "garbled.txt", "--fail-on", "error")[0] == 0
    code, out, err = run("check", "garbled.txt", "--max-error-rate", limit, "--fail-on", "error")
    # No finding reaches --fail-on, yet the document is over the limit: exit 1 with a one-line reason.
    assert code == 1
    reasons = [line for line in err.splitlines() if "max-error-rate" in line]
    assert len(reasons) == 1 and reasons[0].startswith("cleaner: garbled.txt: estimated word error rate")


def test_gate_from_pyproject_and_exit_zero(run, texts):
    (texts / "pyproject.toml").write_text('[tool.cleaner]\nmax-error-rate = "20%"\nfail-on = "error"\n')
    assert run("check", "garbled.txt")[0] == 1
    assert run("check", "clean.txt")[0] == 0
    assert run("check", "garbled.txt", "--exit-zero")[0] == 0
    # The command line replaces the file's limit.
    assert run("check", "garbled.txt", "--max-error-rate", "100%")[0] == 0


@pytest.mark.parametrize("bad", ["lots", "150%", "-1"])
def test_bad_limit_is_a_one_line_error(run, texts, bad):
    code, _, err = run("check", "clean.txt", "--max-error-rate", bad)
    assert code == 2
    assert "max-error-rate" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_bad_limit_in_config_names_the_file(run, texts):
    (texts / "cleaner.toml").write_text("max-error-rate = true\n")
    code, _, err = run("check", "clean.txt")
    assert code == 2 and "cleaner.toml" in err and "max-error-rate" in err


def test_json_stays_a_list_unless_estimates_are_asked_for(run, texts):
    _, out, _ = run("check", "garbled.txt", "--format", "json", "--max-error-rate", "20%")
    assert isinstance(json.loads(out), list)
    _, plain, _ = run("check", "garbled.txt", "--format", "json")
    code, out, _ = run("check", "garbled.txt", "clean.txt", "--format", "json", "--estimate",
                       "--max-error-rate", "20%")
    document = json.loads(out)
    assert code == 1
    assert document["findings"] == json.loads(plain)
    files = {f["path"]: f for f in document["files"]}
    assert set(files) == {"garbled.txt", "clean.txt"}
    assert files["garbled.txt"]["over_limit"] and not files["clean.txt"]["over_limit"]
    assert files["garbled.txt"]["max_error_rate"] == pytest.approx(0.2)


def test_sarif_carries_the_estimate_as_artifact_properties(run, texts):
    _, out, _ = run("check", "garbled.txt", "clean.txt", "--format", "sarif")
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    artifacts = {a["location"]["uri"]: a["properties"] for a in log["runs"][0]["artifacts"]}
    assert set(artifacts) == {"garbled.txt", "clean.txt"}
    assert artifacts["garbled.txt"]["estimatedWordErrorRate"] > artifacts["clean.txt"]["estimatedWordErrorRate"]
    low, high = artifacts["garbled.txt"]["estimatedWordErrorRateInterval"]
    assert low <= artifacts["garbled.txt"]["estimatedWordErrorRate"] <= high


def test_score_follows_the_line_break_convention(run, tmp_path, monkeypatch):
    # A newspaper column with its printed line-end hyphens: declared reflowed, the kept
    # hyphens are findings and raise the estimate; declared as printed, they are not.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "column.txt").write_text(
        "The committee met in the metro-\npolitan hall on Tuesday and de-\ncided that the new regulations\n"
        "would come into force at once, al-\nthough several members objected.\n", encoding="utf-8")
    scores = {}
    for mode in ("reflowed", "as-printed"):
        code, out, _ = run("score", "column.txt", "--format", "json", "--line-breaks", mode)
        assert code == 0
        scores[mode] = json.loads(out)[0]
    assert "HYP301" in [r["rule"] for r in scores["reflowed"]["top_rules"]]
    assert "HYP301" not in [r["rule"] for r in scores["as-printed"]["top_rules"]]
    assert scores["as-printed"]["estimated_wer"] < scores["reflowed"]["estimated_wer"]
