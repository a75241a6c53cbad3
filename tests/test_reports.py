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


def test_a_flood_is_an_extra_note_line_not_a_replacement(run, tmp_path):
    f = tmp_path / "flood.txt"
    f.write_text("".join(f"Line {i} ends here , and goes on .\n" for i in range(30)))
    # Declared normalised: under `characters = auto` a space before every comma is the print's own.
    _, out, _ = run("check", "--isolated", "--select", "PUN401", "--characters", "normalised", f)
    assert "note: PUN401 fires 60 times on 30 of 30 lines (100%)" in out
    at = next(line for line in out.splitlines() if "60 times in this file, at " in line)
    assert len(at.split(", at ")[1].split(", ")) == 60       # every position, in one entry
    assert out.splitlines()[-1].startswith("Found 60 findings")


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


def test_a_flag_only_winner_gets_the_fix_of_its_own_top_suggestion():
    from dataclasses import replace

    from cleaner.merge import merge_group
    from cleaner.model import Applicability

    text = "The cloth was laid on the floor-oloth of the hall.\n"
    spl = next(f for f in check_text(text) if f.text == "oloth")
    scn = replace(spl, rule="SCN501", suggestions=("010th",),
                  fix=replace(spl.fix, edits=(replace(spl.fix.edits[0], replacement="010th"),)))
    flag_only = replace(spl, fix=None)        # SPL801 with its reading but no fix (an early-modern text)
    merged = merge_group([scn, flag_only])
    assert merged.rule == "SPL801" and merged.also == ("SCN501",)
    assert merged.suggestions[0] == "cloth" and merged.fix.edits[0].replacement == "cloth"
    assert merged.fix.applicability is Applicability.UNSAFE


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


# ----- nothing hidden ---------------------------------------------------------

def test_text_format_groups_identical_repeats_and_lists_every_position(run, tmp_path):
    prose = "".join(f"Line {n} of plain prose.\n" for n in range(12))
    f = tmp_path / "lig.txt"
    f.write_text(prose + "The ﬁrst, the ﬁrst again, and the ﬁrst once more.\n", encoding="utf-8")
    # Declared normalised: under `characters = auto` ligatures used throughout are the print's own.
    _, out, _ = run("check", "--isolated", "--characters", "normalised", f)
    assert out.count("CHR108") == 2          # one entry: its header and its caret line
    assert "3 times in this file, at 13:5, 13:15, 13:35" in out
    _, found, _ = _json(run, "--characters", "normalised", f)
    assert [x["rule"] for x in found] == ["CHR108"] * 3


# ----- one finding per defect ------------------------------------------------------

# ----- plain messages, the text in view ---------------------------------------------

def test_show_evidence_option(run):
    _, out, _ = run("check", "--isolated", "--format", "concise", PARAGRAPHS)
    assert "channel 10^" not in out
    _, out, _ = run("check", "--isolated", "--format", "concise", "--show-evidence", PARAGRAPHS)
    assert "channel 10^" in out


def test_default_text_shows_a_windowed_snippet_with_the_span_marked(run):
    _, out, _ = run("check", "--isolated", PARAGRAPHS)
    lines = out.splitlines()
    at = lines.index(next(x for x in lines if "“tlie” is not" in x))
    assert lines[at].startswith(f"{PARAGRAPHS.relative_to(Path.cwd()) if PARAGRAPHS.is_relative_to(Path.cwd()) else PARAGRAPHS}:1:")
    source, carets = lines[at + 2], lines[at + 3]
    assert source.startswith("1 | …") and "tlie sheriff" in source
    assert carets.index("^^^^") == source.index("tlie") and "^^^^^" not in carets
    assert max(len(x) for x in lines if " | " in x) < 110     # the 600-character lines are windowed


def test_concise_format_is_one_line_per_finding(run):
    _, out, _ = run("check", "--isolated", "--format", "concise", PARAGRAPHS)
    lines = out.splitlines()
    assert len(lines) == 31 and lines[-1].startswith("Found 30 findings")
    assert "(suggestions: the, be, tube, tribe, tie)" in out and "(suggestion: magistrates) [also SCN502]" in out


def test_statistics_counts_per_rule(run, tmp_path):
    f = tmp_path / "s.txt"
    f.write_text("He went to tbe market.\nreturn return return return\nA line , with space.\n")
    _, out, _ = run("check", "--isolated", "--statistics", f)
    rows = [line.split() for line in out.splitlines() if line.strip() and line.split()[0].isdigit()]
    assert {(r[0], r[1]) for r in rows} == {("1", "SPL801"), ("1", "JNK701"), ("1", "PUN401")}
    assert "-->" not in out and "|" not in out
    _, out, _ = run("check", "--isolated", "--statistics", "--format", "json", f)
    assert {(r["code"], r["count"]) for r in json.loads(out)} == {("SPL801", 1), ("JNK701", 1), ("PUN401", 1)}


def test_color_option(run, tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("return return return return\n")
    assert "\x1b[" in run("check", "--isolated", "--color", "always", f)[1]
    assert "\x1b[" not in run("check", "--isolated", "--color", "never", f)[1]
    assert "\x1b[" not in run("check", "--isolated", f)[1]        # auto: not a terminal


# ----- readable diffs -------------------------------------------------------------

def test_word_diff_shows_a_window_around_each_change(run):
    code, out, _ = run("fix", "--isolated", "--unsafe", "--word-diff", PARAGRAPHS)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) >= 20 and all(len(x) < 250 for x in lines)    # the paragraphs are 500-600
    assert any("[-tlie-]{+the+} sheriff" in x for x in lines)
    assert PARAGRAPHS.read_text(encoding="utf-8").count("tlie ") == 1     # nothing written


# ----- honest counts ---------------------------------------------------------------

def test_fixable_counts_match_what_fix_applies(run, tmp_path):
    f = tmp_path / "n.txt"
    f.write_text(PARAGRAPHS.read_text(encoding="utf-8") + "return return return return\n")
    _, out, _ = run("check", "--isolated", f)
    summary = out.splitlines()[-1]
    safe = int(summary.split(" fixable with")[0].rsplit(" ", 1)[1])
    more = int(summary.split(" more with")[0].rsplit(" ", 1)[1])
    g = tmp_path / "n2.txt"
    g.write_bytes(f.read_bytes())
    _, _, err = run("fix", "--isolated", f)
    assert f"applied {safe} fix" in err
    _, _, err = run("fix", "--isolated", "--unsafe", g)
    assert f"applied {safe + more} fix" in err


def test_fixes_found_by_later_passes_are_said_so(run, tmp_path):
    # "&amp;amp;": the first fix leaves "&amp;", which only a second pass sees.
    f = tmp_path / "amp.txt"
    f.write_text("It was good &amp;amp; true.\n")
    result = fix_text(f.read_text(), unsafe=True)
    assert len(result.applied) == 2 and result.later == 1
    _, _, err = run("fix", "--isolated", "--unsafe", f)
    assert "applied 2 fixes (1 in later passes, after earlier fixes changed the text)" in err


# ----- a baseline that survives edits -----------------------------------------------

# ----- CLI ---------------------------------------------------------------------------

def test_check_reads_standard_input(run, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"He went to tbe market.\n")))
    code, found, _ = _json(run, "-")
    assert code == 1 and [f["text"] for f in found] == ["tbe"] and found[0]["path"] == "-"


def test_fix_dash_writes_the_corrected_text_to_stdout(run, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Fine.\nreturn return return\nEnd.\n")))
    code, out, err = run("fix", "--isolated", "-")
    assert out == "Fine.\nEnd.\n" and code == 1


def test_missing_path_is_an_error_not_all_clean(run, tmp_path):
    code, out, err = run("check", tmp_path / "nope.txt")
    assert code == 2 and "nope.txt" in err and "All clean" not in out + err


def test_version(run):
    from cleaner import __version__

    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"cleaner {__version__}"


def test_help_texts_are_clean(run):
    for command in ("check", "fix", "review", "baseline", "explain"):
        code, out, _ = run(command, "--help")
        assert code == 0
        usage = next(line for line in out.splitlines() if "Usage:" in line)
        assert "{" not in usage and ("[PATH...]" in usage or "[CODE]" in usage), usage
        for glitch in ("githu b", " .", "Worker processes .", "exit code 1 ."):
            assert glitch not in out.replace(" ...", ""), (command, glitch)


def test_a_note_on_stderr_while_the_word_model_is_built_on_a_terminal(tmp_path):
    import os
    import sys

    import pytest

    pexpect = pytest.importorskip("pexpect")
    f = tmp_path / "a.txt"
    f.write_text("He went to tbe market.\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "TERM": "dumb"}
    child = pexpect.spawn(sys.executable, ["-m", "cleaner", "check", str(f)], env=env, encoding="utf-8",
                          timeout=180)
    child.expect("building the word model")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    # The second run finds the model in the cache and says nothing about it.
    child = pexpect.spawn(sys.executable, ["-m", "cleaner", "check", str(f)], env=env, encoding="utf-8",
                          timeout=180)
    child.expect(pexpect.EOF)
    assert "building" not in child.before
