"""Word-level findings list the spelling engine's ranked readings (issue 14),
fixes stay as they were, and fix passes settle when two spellings are each
other's best reading."""
from __future__ import annotations

from dataclasses import replace

from cleaner import check_text, fix_text
from cleaner.config import DEFAULT_CONFIG
from cleaner.context import Context
from cleaner.engine import rule_options
from cleaner.rulebook import default_rules
from cleaner.spelling.suggest import MAX_SUGGESTIONS, match_case, merged, with_suggestions

# Real OCR lines of the kinds the flag-only rules report (a lone letter, a lone pair, no vowel, a digit).
TEXT = ("and the e man said t that he was thc best of them. The death ot Frederick was sad.\n"
        "I 1ike it, said he; the king wcnt home to liis house.\n")


def _context(text=TEXT):
    return Context(text, DEFAULT_CONFIG, rule_options())


def _by_rule(text=TEXT):
    """Each rule's first finding with the engine's readings added, before same-span findings merge."""
    ctx = _context(text)
    found = {}
    for rule in default_rules():
        if rule.suggest_words:
            for f in with_suggestions(list(rule.check(ctx)), ctx):
                found.setdefault(rule.code, f)
    return found


def test_flag_only_rules_now_suggest_the_right_word():
    found = _by_rule()
    assert "of" in found["SPL804"].suggestions            # "ot"
    assert "went" in found["SCN504"].suggestions          # "wcnt"
    assert found["SCN504"].fix is None and found["SPL804"].fix is None  # still no fix


def test_word_findings_list_up_to_five_distinct_readings_rule_fix_first():
    for f in check_text(TEXT):
        rule = next(r for r in default_rules() if r.code == f.rule)
        if not rule.suggest_words:
            continue
        assert 1 <= len(f.suggestions) <= MAX_SUGGESTIONS
        assert len({s.casefold() for s in f.suggestions}) == len(f.suggestions)
        assert f.text not in f.suggestions
        if f.fix is not None and len(f.fix.edits) == 1 and (f.fix.edits[0].start, f.fix.edits[0].end) == (f.start, f.end):
            assert f.suggestions[0] == f.fix.edits[0].replacement


def test_lone_letter_keeps_its_deletion_first_and_reads_the_letter_in_its_span():
    f = _by_rule()["SPL802"]
    assert f.suggestions[0] == ""
    assert all(s.startswith(" ") for s in f.suggestions[1:])  # the span holds the blank before the letter


def test_suggestions_leave_each_rules_fix_and_own_suggestions_alone():
    ctx = _context()
    compared = 0
    for rule in default_rules():
        if not rule.suggest_words:
            continue
        plain = list(rule.check(ctx))
        for before, after in zip(plain, with_suggestions(plain, ctx), strict=True):
            assert after.fix == before.fix
            assert after.suggestions[:len(before.suggestions)] == before.suggestions
            compared += 1
    assert compared >= 8


def test_merged_findings_keep_the_fixes_they_had_without_engine_readings():
    plain_rules = tuple(replace(r, suggest_words=False) for r in default_rules())
    for text in (TEXT, "the e man said ot that he wcnt home\n"):
        plain = check_text(text, rules=plain_rules)
        rich = check_text(text)
        assert [(f.rule, f.start, f.end, f.fix) for f in plain] == [(f.rule, f.start, f.end, f.fix) for f in rich]
        assert all(r.suggestions[:len(p.suggestions)] == p.suggestions for p, r in zip(plain, rich, strict=True))
        assert sum(len(r.suggestions) > len(p.suggestions) for p, r in zip(plain, rich, strict=True)) >= 3


def test_case_and_merge_helpers():
    assert match_case("Tbe", "the") == "The" and match_case("TBE", "the") == "THE" and match_case("tbe", "the") == "the"
    assert merged(("a",), ["A", "b", "c", "d", "e", "f"]) == ("a", "b", "c", "d", "e")
    assert merged(("x", "y"), [], limit=1) == ("x", "y")


def test_fix_passes_settle_when_two_spellings_read_as_each_other():
    # 'debutante' and 'debutant' are both unknown and each is the other's best reading:
    # the second pass would undo the first, for ever.
    text = "to introduce the debutante to them.\n"
    result = fix_text(text, unsafe=True)
    assert result.passes <= 2
    assert result.text in (text, text.replace("debutante", "debutant"))


def test_a_word_that_is_its_own_best_reading_is_not_reported():
    for f in check_text("seen to it all bissell : leastways, I found the thing.\n"):
        assert not (f.rule == "SPL801" and f.fix and f.fix.edits[0].replacement == f.text)
