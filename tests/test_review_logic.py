"""The review state machine, keys, recorded decisions and word-list writes, without a terminal."""
from __future__ import annotations

import json

import pytest

from cleaner.config import Config
from cleaner.engine import check_text
from cleaner.model import Applicability, Edit, Finding, Fix, Severity
from cleaner.positions import LineIndex
from cleaner.review.decisions import Decision, DecisionsError, context_hash, dumps, loads
from cleaner.review.keys import perform
from cleaner.review.replay import replay_text
from cleaner.review.session import ReviewError, ReviewSession
from cleaner.review.wordlist import append_words, register, save_words, target_for


def finding(text: str, word: str, rule: str = "TST901", suggestions=(), occurrence: int = 0,
            fix_edits=None) -> Finding:
    """A finding over the `occurrence`-th appearance of `word` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    end = start + len(word)
    index = LineIndex(text)
    line, col = index.line_col(start)
    end_line, end_col = index.line_col(end)
    fix = None
    if fix_edits is not None:
        fix = Fix(tuple(fix_edits), Applicability.UNSAFE)
    elif suggestions:
        fix = Fix((Edit(start, end, suggestions[0]),), Applicability.UNSAFE)
    return Finding(rule, "test", Severity.WARNING, f"{word!r} looks wrong", start, end, line, col,
                   end_line, end_col, word, tuple(suggestions), fix)


TEXT = "Teh cat sat on teh mat.\nA wrod here, teh end.\n"


def session(text=TEXT, findings=None, **kw):
    if findings is None:
        findings = [finding(text, "Teh", suggestions=("The", "Ten")),
                    finding(text, "teh", suggestions=("the", "ten")),
                    finding(text, "wrod", rule="TST902", suggestions=("word", "wood")),
                    finding(text, "teh", suggestions=("the", "ten"), occurrence=1)]
    return ReviewSession(text, findings, **kw)


def test_accept_top_and_offsets_follow():
    s = session()
    assert s.current.finding.text == "Teh"
    s.accept(1)
    assert s.text.startswith("The cat")
    s.edit("THE")   # longer replacement: every later offset moves by one
    assert s.text == "The cat sat on THE mat.\nA wrod here, teh end.\n"
    f = s.current.finding
    assert s.text[f.start:f.end] == "wrod" and (f.line, f.column) == (2, 3)
    s.accept(2)
    f = s.current.finding
    assert s.text[f.start:f.end] == "teh" and f.fix.edits[0].start == f.start
    s.accept(1)
    assert s.done
    assert s.text == "The cat sat on THE mat.\nA wood here, the end.\n"
    assert (s.accepted, s.edited, s.skipped, s.dropped) == (3, 1, 0, 0)


def test_choose_suggestion_two_and_bad_number():
    s = session()
    s.accept(2)
    assert s.text.startswith("Ten cat")
    with pytest.raises(ReviewError):
        s.accept(3)


def test_overlapping_finding_is_dropped_not_applied():
    text = "a bad word here\n"
    wide = finding(text, "bad word", rule="TST902", suggestions=("good word",))
    narrow = finding(text, "word", suggestions=("ward",))
    s = ReviewSession(text, [wide, narrow])
    s.accept(1)
    assert s.done and s.dropped == 1
    assert s.text == "a good word here\n"


def test_counter_moves_by_one_per_decision_and_the_drop_is_named():
    # Issue 16: the counter jumped 4/8 -> 6/8 when a change dropped a finding, and the summary
    # blamed an accepted change that never happened. Now dropped findings leave the total and
    # the message after the change names them.
    text = "a bad word here and a wrod there\n"
    wide = finding(text, "bad word", rule="TST902", suggestions=("good word",))
    narrow = finding(text, "word", suggestions=("ward",))
    later = finding(text, "wrod", suggestions=("word",))
    s = ReviewSession(text, [wide, narrow, later])
    assert s.position == (1, 3)
    message = s.accept(1)
    assert "dropped TST901 'word': overlapped this change" in message
    assert s.position == (2, 2) and s.dropped == 1 and s.unflagged == 0
    s.skip()
    assert s.done and (s.accepted, s.skipped, s.dropped) == (1, 1, 1)


def test_a_place_still_flagged_by_another_rule_stays_in_review():
    text = "one aused two\n"
    first = finding(text, "one", suggestions=("One",))
    aused = finding(text, "aused", rule="TST902", suggestions=("caused",))
    # After the change the fresh check flags the place under another rule (as after a merge).
    fresh = finding("One aused two\n", "aused", rule="TST903", suggestions=("caused", "paused"))
    s = ReviewSession(text, [first, aused], recheck=lambda new: [fresh])
    s.accept(1)
    assert not s.done and s.current.finding.rule == "TST903" and s.unflagged == 0
    assert s.choices(s.current) == ["caused", "paused"]


def test_fix_reaching_beyond_span_is_used_for_top_choice():
    text = "Fine.\nreturn return return\nNext.\n"
    found = check_text(text, Config(select=("JNK701",)))
    s = ReviewSession(text, found)
    assert s.current.finding.rule == "JNK701"
    s.accept(1)
    assert s.text == "Fine.\nNext.\n"


def test_text_changed_under_finding_is_refused():
    text = "one two three\n"
    stale = finding(text, "two", suggestions=("2",))
    stale = Finding(**{**stale.__dict__, "text": "tw0"})   # does not match the text any more
    s = ReviewSession(text, [stale])
    s.accept(1)
    assert s.text == text and s.unflagged == 1 and s.dropped == 0 and s.done


def test_recheck_drops_findings_no_longer_reported():
    s = session(recheck=lambda text: [])
    s.accept(1)
    # Issue 16: "dropped" means overlapped a change; these were merely no longer flagged.
    assert s.done and s.unflagged == 3 and s.dropped == 0


def test_recheck_keeps_confirmed_findings_with_fresh_data():
    text = "teh and teh\n"

    def recheck(new):
        return [finding(new, "teh", suggestions=("the",))] if "teh" in new else []
    s = ReviewSession(text, [finding(text, "teh", suggestions=("the",)),
                             finding(text, "teh", suggestions=("the",), occurrence=1)], recheck=recheck)
    s.accept(1)
    assert s.current.finding.start == len("the and ")
    s.accept(1)
    assert s.text == "the and the\n"


def test_skip_and_skip_rule():
    s = session()
    s.skip()
    assert s.current.finding.text == "teh"
    s.skip_rule()   # the rest of TST901
    assert [p.finding.rule for p in s.pending] == ["TST902"]
    assert s.skipped == 3 and s.text == TEXT


def test_ignore_word_collects_word_and_skips_same_word():
    text = "Izvestia and izvestia, not Pravda.\n"
    s = ReviewSession(text, [finding(text, "Izvestia", rule="SPL801"),
                             finding(text, "izvestia", rule="SPL801"),
                             finding(text, "Pravda", rule="SPL801")])
    s.ignore_word()
    assert s.words == ("Izvestia",)
    assert [p.finding.text for p in s.pending] == ["Pravda"]
    assert {d.choice for d in s.decisions} == {"ignore"}


def test_ignore_refuses_more_than_one_word():
    text = "return return return\n"
    s = ReviewSession(text, [finding(text, "return return return", rule="JNK701", suggestions=("",))])
    with pytest.raises(ReviewError):
        s.ignore_word()


def test_accept_all_identical_and_undo_as_one_step():
    s = session()
    s.skip()
    s.accept_all()   # both lower-case "teh" with the same top suggestion
    assert s.text == "Teh cat sat on the mat.\nA wrod here, the end.\n"
    assert s.accepted == 2 and [p.finding.text for p in s.pending] == ["wrod"]
    s.undo()
    assert s.text == TEXT and s.current.finding.text == "teh" and s.accepted == 0
    s.undo()
    assert s.current.finding.text == "Teh" and s.skipped == 0


def test_undo_with_nothing_to_undo():
    with pytest.raises(ReviewError):
        session().undo()


def test_no_suggestion_needs_edit():
    text = "odd ~word\n"
    s = ReviewSession(text, [finding(text, "~word", rule="CHR107")])
    assert s.choices(s.current) == []
    with pytest.raises(ReviewError):
        s.accept(1)
    s.edit("word")
    assert s.text == "odd word\n"


# ----- keys -----------------------------------------------------------------

def test_keys_map_to_actions():
    s = session()
    assert perform(s, "\r", None).message.startswith("accepted")
    assert perform(s, "2", None).message == "accepted 'ten'"
    assert perform(s, "e", lambda prompt: "").message == "edit cancelled"
    assert perform(s, "e", lambda prompt: "word").message == "replaced with 'word'"
    assert perform(s, "u", None).message == "undone"
    assert perform(s, "n", None).message == "skipped"
    assert perform(s, "?", None).help
    assert perform(s, "z", None).message.startswith("unknown key")
    assert perform(s, "q", None).stop == "save"
    assert perform(s, "x", None).stop == "discard"
    assert perform(s, "\x03", None).stop == "discard"
    assert s.text == "The cat sat on ten mat.\nA wrod here, teh end.\n"


def test_key_errors_become_messages():
    s = session()
    assert perform(s, "u", None).message == "nothing to undo"
    assert "no suggestion 9" in perform(s, "9", None).message


# ----- recorded decisions ---------------------------------------------------

def test_decisions_round_trip_jsonl_and_array():
    d = [Decision("SPL801", "la", "abc", "accept", "is", 1, "a.txt"),
         Decision("JNK701", "x x x", "def", "skip")]
    assert loads(dumps(d)) == d
    assert loads(json.dumps([json.loads(line) for line in dumps(d).splitlines()])) == d
    with pytest.raises(DecisionsError):
        loads('{"rule": "A", "text": "b", "context": "c", "choice": "maybe"}\n')
    with pytest.raises(DecisionsError):
        loads("{not json\n", "d.jsonl")


def test_replay_applies_recorded_choices_only_where_context_matches():
    s = session()
    s.accept(2)
    s.skip()
    s.edit("word")
    s.accept(1)
    fresh = [p.finding for p in session().pending]
    assert replay_text(TEXT, fresh, s.decisions) == (s.text, 3)
    # Same words elsewhere (different surroundings) are not touched.
    other = "Teh dog.\n"
    assert replay_text(other, [finding(other, "Teh", suggestions=("The", "Ten"))], s.decisions) == (other, 0)


def test_context_hash_depends_on_surroundings():
    assert context_hash("a la b", 2, 4) == context_hash("a la b", 2, 4)
    assert context_hash("a la b", 2, 4) != context_hash("x la b", 2, 4)


# ----- word lists -------------------------------------------------------------

def test_append_words_keeps_existing_bytes(tmp_path):
    words = tmp_path / "words.txt"
    words.write_bytes(b"# names\r\nTASS")
    assert append_words(str(words), ["Izvestia", "tass"]) == ["Izvestia"]
    assert words.read_bytes() == b"# names\r\nTASS\r\nIzvestia\r\n"


def test_target_uses_config_words_key(tmp_path):
    (tmp_path / ".cleaner.toml").write_text('select = ["SPL"]\nwords = ["lists/names.txt"]\n')
    target = target_for(str(tmp_path / "a.txt"))
    assert target.words_file == str(tmp_path / "lists" / "names.txt") and not target.register


def test_register_inserts_one_line_before_first_table(tmp_path):
    config = tmp_path / "cleaner.toml"
    original = '# my settings\nselect = ["JNK"]\n\n[per-file-ignores]\n"a/*" = ["SPL"]\n'
    config.write_text(original)
    target = target_for(str(tmp_path / "a.txt"))
    assert target.register and target.words_file == str(tmp_path / "cleaner-words.txt")
    added, note = save_words(target, ["Izvestia"])
    assert added == ["Izvestia"] and "listed" in note
    assert config.read_text() == original.replace("[per-file", 'words = ["cleaner-words.txt"]\n[per-file', 1)
    assert (tmp_path / "cleaner-words.txt").read_text() == "Izvestia\n"


def test_register_in_pyproject_goes_under_tool_cleaner(tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text('[project]\nname = "x"\n\n[tool.cleaner]\nselect = ["JNK"]\n')
    assert register(str(config), str(tmp_path / "cleaner-words.txt"))
    assert config.read_text() == ('[project]\nname = "x"\n\n[tool.cleaner]\nwords = ["cleaner-words.txt"]\n'
                                  'select = ["JNK"]\n')



# ----- one finding per place --------------------------------------------------

def test_review_sees_every_place():
    from cleaner.review.findings import review_findings

    text = "One,, two,, three,, four.\n"
    config = Config(select=("PUN404",))
    assert len(check_text(text, config)) == 3          # reports list every place too (issue 16)
    found = review_findings(text, config)
    assert len(found) == 3 and all(len(f.fix.edits) == 1 for f in found)


# ----- fix --decisions (in process, real JNK701 rule) -------------------------

JUNKY = "Fine.\nreturn return return\nMiddle.\nagain again again\nEnd.\n"


def recorded(tmp_path):
    from cleaner.review.decisions import save

    s = ReviewSession(JUNKY, check_text(JUNKY, Config(select=("JNK701",))))
    s.accept(1)
    s.skip()
    path = tmp_path / "d.jsonl"
    save(str(path), s.decisions)
    return path, s.text


def test_fix_decisions_replays_in_place_diff_and_output(run, tmp_path):
    decisions, expected = recorded(tmp_path)
    target = tmp_path / "a.txt"
    target.write_text(JUNKY)
    code, out, _ = run("fix", "--decisions", decisions, "--diff", target)
    assert code == 1 and "-return return return" in out and "-again" not in out
    assert target.read_text() == JUNKY
    other = tmp_path / "out.txt"
    assert run("fix", "--decisions", decisions, "-o", other, target)[0] == 1
    assert other.read_text() == expected and target.read_text() == JUNKY
    code, _, err = run("fix", "--decisions", decisions, target)
    assert code == 1 and "replayed 1 decision" in err
    assert target.read_text() == expected == "Fine.\nMiddle.\nagain again again\nEnd.\n"
    assert run("fix", "--decisions", decisions, target)[0] == 0   # nothing left to replay


def test_fix_decisions_bad_file_is_one_line_error(run, tmp_path):
    bad = tmp_path / "d.jsonl"
    bad.write_text("{oops\n")
    target = tmp_path / "a.txt"
    target.write_text(JUNKY)
    code, _, err = run("fix", "--decisions", bad, target)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "d.jsonl:1" in err
    assert target.read_text() == JUNKY


def test_undo_of_ignore_forgets_the_word():
    text = "Izvestia said.\n"
    s = ReviewSession(text, [finding(text, "Izvestia", rule="SPL801")])
    s.ignore_word()
    assert s.words == ("Izvestia",) and s.done
    s.undo()
    assert s.words == () and s.current.finding.text == "Izvestia"
