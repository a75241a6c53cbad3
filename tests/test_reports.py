"""Issue 16: reports people can act on. Every finding reaches JSON on its own,
one finding per defect, plain messages that quote the flagged text, snippets
windowed for long lines, honest counts and a baseline that survives edits."""
from __future__ import annotations

import json
from pathlib import Path

from cleaner import check_text, fix_text

DATA = Path(__file__).parent / "data"
PARAGRAPHS = DATA / "paragraphs-30-errors.txt"   # 3 lines, 30 misreadings
MISREAD = ("illeual", "tbe", "rnagistrates", "connty", "tlie", "repoit", "offieers", "wliole", "attentiou",
           "descrihed", "cargocs", "horsehack", "viliage", "witbin", "sliould", "sbould", "informatiou",
           "convictiou", "gentiemen", "tlieir", "labonrer", "profitahle", "experieuce", "argnment",
           "goverument", "wisbed", "treasnry", "clergymau", "montb")


def _json(run, *args):
    code, out, err = run("check", "--format", "json", "--isolated", *args)
    return code, json.loads(out), err


# ----- nothing hidden ---------------------------------------------------------

def test_paragraph_per_line_document_with_30_errors_gives_30_json_findings(run):
    code, found, _ = _json(run, PARAGRAPHS)
    assert code == 1
    assert len(found) == 30
    assert sorted({f["text"] for f in found}) == sorted(set(MISREAD))
    assert len({f["start"] for f in found}) == 30          # each with its own span ...
    assert all(f["fix"]["edits"][0]["start"] == f["start"] for f in found if f["fix"])   # ... and fix
    assert not any("more like it" in f["message"] for f in found)


def test_sarif_and_github_list_every_finding_too(run):
    _, out, _ = run("check", "--format", "sarif", "--isolated", PARAGRAPHS)
    assert len(json.loads(out)["runs"][0]["results"]) == 30
    _, out, _ = run("check", "--format", "github", "--isolated", PARAGRAPHS)
    assert len(out.splitlines()) == 30


# ----- one finding per defect ------------------------------------------------------

def test_tbe_gives_one_finding_with_the_other_rule_named(run, tmp_path):
    f = tmp_path / "tbe.txt"
    f.write_text("He went to tbe market and bought bread for the family.\n")
    _, found, _ = _json(run, f)
    assert [x["text"] for x in found] == ["tbe"]
    assert found[0]["suggestions"][0] == "the"
    assert found[0]["also_flagged_by"] == ["SCN502"] or found[0]["rule"] == "SCN502"


def test_merged_finding_applies_the_best_ranked_fix():
    text = "The cloth was laid on the floor-oloth of the hall.\n"
    found = [f for f in check_text(text) if f.text == "oloth"]
    assert len(found) == 1 and found[0].suggestions[0] == "cloth" and "010th" in found[0].suggestions
    assert "floor-cloth" in fix_text(text, unsafe=True).text


def test_aU_is_one_finding():
    found = [f for f in check_text("We saw aU the people who came in.\n") if f.text == "aU"]
    assert len(found) == 1 and found[0].suggestions[0] == "all"


# ----- plain messages, the text in view ---------------------------------------------

def test_messages_quote_the_flagged_text_and_keep_model_figures_in_evidence(run):
    _, found, _ = _json(run, PARAGRAPHS)
    for f in found:
        assert f"“{f['text']}”" in f["message"], f["message"]
        assert "10^" not in f["message"] and "confidence" not in f["message"]
        assert "channel 10^" in f["evidence"]


def test_flag_only_messages_name_their_text():
    text = "He said xq to the man and left.\nIt was a f0rm of words.\n"
    for f in check_text(text):
        assert f.text.strip() in f.message or "space" in f.message, (f.rule, f.message)


# ----- a baseline that survives edits -----------------------------------------------

def test_baseline_on_one_line_paragraphs_reports_only_the_new_finding(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts").mkdir()
    a = tmp_path / "texts" / "a.txt"
    a.write_text(PARAGRAPHS.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "texts" / "b.txt").write_text("Fine text.\nreturn return return return\n")
    assert run("baseline", "--isolated", "texts", "--output", "b.json")[0] == 0
    # One word changes in the middle of the first paragraph (gold -> goId in the issue).
    a.write_text(a.read_text(encoding="utf-8").replace("a farthing", "a fartbing"), encoding="utf-8")
    code, found, err = _json(run, "--baseline", "b.json", "texts")
    assert [f["text"] for f in found] == ["fartbing"] and code == 1
    assert "31 known findings hidden" in err   # 30 in a.txt, 1 in b.txt
    # Only the checked files' findings count as hidden.
    code, found, err = _json(run, "--baseline", "b.json", "texts/b.txt")
    assert found == [] and code == 0 and "1 known finding hidden" in err
