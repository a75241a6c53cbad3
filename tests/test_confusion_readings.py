"""RWE601's readings beyond its own table: learned pairs of real words
(rules/data/word_confusions.tsv) that a cheap channel path joins."""
from types import SimpleNamespace

import pytest

from cleaner.config import Config
from cleaner.engine import check_text, fix_text
from cleaner.kinds.confusion import Kind
from cleaner.model import Applicability
from cleaner.rulebook import RuleError, rule_by_code

ONLY = Config(select=("RWE601",))


def kind():
    return rule_by_code("RWE601").impl


def test_table_pairs_are_listed_and_learned_ones_are_not():
    readings = {meant: listed for meant, _, listed in kind().readings("bad")}
    assert readings["had"] is True
    learned = {meant: listed for meant, _, listed in kind().readings("an")}
    assert learned.get("and") is False


def test_one_letter_words_get_no_learned_readings():
    # "o" for "of", "t" for "fit": mostly fragments of split words.
    assert kind().readings("o") == ()
    assert kind().readings("t") == ()


def test_editorial_pairs_are_not_readings():
    # "which" printed where an edition has "that" is no OCR slip: no cheap channel path.
    assert "that" not in {meant for meant, _, _ in kind().readings("which")}


def test_rare_learned_readings_are_dropped():
    # "the" stood for "they" 7 times in some 16k: too rare to judge on every "the".
    assert "they" not in {meant for meant, _, _ in kind().readings("the")}


def test_learned_reading_fixes_and_stays_unsafe():
    text = "I could not nd it anywhere.\n"
    [finding] = check_text(text, ONLY)
    assert finding.fix.applicability is Applicability.UNSAFE
    assert fix_text(text, config=ONLY).text == text
    assert fix_text(text, unsafe=True, config=ONLY).text == "I could not find it anywhere.\n"


def test_context_keeps_a_fitting_word():
    assert check_text("He had an apple.\n", ONLY) == []
    assert check_text("The band played on.\n", ONLY) == []


def test_learned_readings_need_a_priors_file():
    rule = SimpleNamespace(options={"pairs": {"la": ["is"]}, "learned_max_cost": 3.0},
                           applicability=Applicability.UNSAFE)
    with pytest.raises(RuleError):
        Kind(rule)


def test_without_learned_cost_only_the_table_counts():
    rule = SimpleNamespace(options={"pairs": {"la": ["is"]}, "priors": "word_confusions.tsv"},
                           applicability=Applicability.UNSAFE)
    assert Kind(rule).readings("an") == ()
