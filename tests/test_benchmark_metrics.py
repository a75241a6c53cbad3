"""The benchmark's alignment and metric code, on tiny hand-made strings (no eval data needed)."""
from __future__ import annotations

import pytest

from benchmarks.align import changed_region, edit_counts, erroneous, fix_is_right, gold_map, kept_map
from benchmarks.eval_data import detokenize, parse_icdar, split_of
from benchmarks.metrics import Scored, correction, detection, flagged_tokens
from benchmarks.peers import match_case, spans_on_line


def test_erroneous_marks_substitutions_and_extra_tokens():
    assert erroneous("tne cat the sat".split(), "the cat sat".split()) == [True, False, True, False]


def test_kept_map_and_gold_map():
    assert kept_map(["a", "b", "c"], ["a", "x", "c"]) == [0, None, 2]
    assert gold_map(["a", "b", "c"], ["a", "x", "c"]) == [(0, 1), (1, 2), (2, 3)]
    # A deleted token lines up with an empty span.
    assert gold_map(["a", "junk", "c"], ["a", "c"])[1] == (1, 1)


def test_edit_counts_words_and_chars():
    counts = edit_counts("tne cat".split(), "the cat".split())
    assert (counts.word_edits, counts.words) == (1, 2)
    assert (counts.char_edits, counts.chars) == (1, 7)
    merged = edit_counts("to day".split(), ["today"])
    assert merged.word_edits == 2 and merged.char_edits == 1
    deleted = edit_counts("a junk b".split(), "a b".split())
    assert deleted.char_edits == len(" junk")


def test_changed_region():
    assert changed_region(list("abcd"), list("abXd")) == (2, 3, 3)
    assert changed_region(list("abcd"), list("abcd")) == (4, 4, 4)


@pytest.mark.parametrize(
    "old, new, gold, right",
    [
        ("he saw tne cat", "he saw the cat", "he saw the cat", True),
        ("he saw the cat", "he saw tho cat", "he saw the cat", False),   # harmed a correct token
        ("he saw tne cat", "he saw tie cat", "he saw the cat", False),   # wrong to wrong
        ("we met to day here", "we met today here", "we met today here", True),
        ("we met today here", "we met to day here", "we met to day here", True),
        ("and the the end", "and the end", "and the end", True),        # ambiguous repeat
        ("he saw tne cat", "he saw tne cat", "he saw the cat", None),    # nothing changed
    ],
)
def test_fix_is_right(old, new, gold, right):
    o, n, g = old.split(), new.split(), gold.split()
    assert fix_is_right(o, g, gold_map(o, g), 0, len(o), n) is right


def test_flagged_tokens_overlap_and_empty_spans():
    spans = [(0, 2, "ab"), (3, 5, "cd"), (6, 8, "ef")]
    assert flagged_tokens(spans, [(1, 4)]) == [True, True, False]
    assert flagged_tokens(spans, [(2, 3)]) == [False, False, False]  # whitespace only
    assert flagged_tokens(spans, [(5, 5)]) == [False, True, False]   # insertion point at a token end


def test_detection_precision_recall():
    doc = Scored.build("tne cat sat on", "the cat sat on")
    result = detection(doc, [(0, 3), (8, 11)])
    assert (result.tp, result.fp, result.fn) == (1, 1, 0)
    assert result.precision == 0.5 and result.recall == 1.0


def test_correction_gain_and_harm():
    doc = Scored.build("tne cat sat on tbe mat", "the cat sat on the mat")
    fixed = correction(doc, "the cat sad on tbe mat")
    assert fixed.before.word_edits == 2 and fixed.after.word_edits == 2
    assert (fixed.correct, fixed.harmed, fixed.changed) == (4, 1, 2)
    assert fixed.harm == 0.25
    assert correction(doc, "the cat sat on the mat").wer_gain == 1.0


def test_icdar_no_gold_stretch_is_not_scored():
    ocr = "PAGE 12 tne cat"
    raw = (f"[OCR_toInput] {ocr}\r\n[OCR_aligned] {ocr}\r\n"
           "[ GS_aligned] ####### the cat\r\n")
    doc = parse_icdar("x", raw)
    scored = Scored.build(doc.ocr, doc.gold, doc.ocr_unscored)
    assert scored.scored == [False, False, True, True]
    assert scored.scored_gold() == ["the", "cat"]
    result = correction(scored, "PAGE 12 the cat")
    assert result.before.word_edits == 1 and result.after.word_edits == 0


def test_icdar_gap_characters_are_removed():
    raw = "[OCR_toInput] tbe\r\n[OCR_aligned] tb@e\r\n[ GS_aligned] th@e\r\n"
    assert parse_icdar("y", raw).gold == "the"


def test_split_is_stable_hash_parity():
    assert {split_of(str(n)) for n in range(20)} == {"tune", "dev"}
    assert split_of("abc") == split_of("abc")


def test_peer_helpers():
    assert match_case("Tne", "the") == "The"
    assert match_case("TNE", "the") == "THE"
    text = "one teh\ntwo teh, teh"
    assert spans_on_line(text, 2, "teh") == [(12, 15), (17, 20)]


def test_ght_detokenize():
    assert detokenize('" Yes , but , your mother , " said Nora .') == '"Yes, but, your mother," said Nora.'
    assert detokenize("Mr. Pinch 's ( old ) house") == "Mr. Pinch's (old) house"


def test_wilson_lower_bound():
    from benchmarks.calibrate import wilson_lower

    assert wilson_lower(0, 0) == 0.0
    assert 0.88 < wilson_lower(30, 30) < 0.89
    assert wilson_lower(990, 1000) > 0.98


def test_fix_verdict_char_exact_credits_partial_token_match():
    from benchmarks.align import fix_verdict

    old, gold = "and Wil- liams, said".split(), "and Williams said".split()
    new = "and Williams, said".split()
    assert fix_verdict(old, gold, gold_map(old, gold), 0, len(old), new) == (False, True)
