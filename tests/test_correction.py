"""Behaviour of the spelling-correction core: non-words, real-word
confusions, segmentation, and the protections that keep clean text quiet."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Config, Severity, check_text, fix_text
from cleaner.spelling.candidates import rank
from cleaner.spelling.channel import channel_cost, parse_confusions
from cleaner.spelling.lexicon import get_lexicon

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "stalin-reassures-hitler-1933.txt"
SPELLING = Config(select=("SPL", "RWE", "SEG"))


def _fixes(text: str, config: Config = SPELLING) -> list[tuple[str, str]]:
    return [(f.text, f.fix.edits[0].replacement) for f in check_text(text, config) if f.fix]


def test_lexicon_knows_words_and_frequencies():
    lex = get_lexicon()
    assert lex.is_known("the") and lex.is_known("unswervingly")
    assert not lex.is_known("unansweringly")
    assert lex.zipf("the") > lex.zipf("unswervingly") > 0
    # "it is" is a listed pair, "it la" is not: context prefers "is".
    assert lex.context_score("it", "is", None) > lex.context_score("it", "la", None)


def test_channel_prefers_ocr_confusions():
    assert channel_cost("rnay", "may") < channel_cost("rnay", "ray")
    assert channel_cost("tbe", "the") < channel_cost("tbe", "tie")
    assert channel_cost("same", "same") == 0


def test_channel_table_parses_generic_rows():
    table = parse_confusions("*\t*\t10\t3.0\n*\t\t5\t4.0\n\t*\t5\t2.5\nrn\tm\t7\t1.5\n")
    assert table.generic == {"sub": 3.0, "ins": 4.0, "del": 2.5}
    assert table.table[("rn", "m")] == 1.5


def test_unansweringly_ranks_unswervingly_first():
    best = rank("unansweringly", "holds", "to")[0]
    assert best.word == "unswervingly"


@pytest.mark.parametrize("text,wrong,right", [
    ("He went to tbe house.", "tbe", "the"),
    ("and wlien he came home", "wlien", "when"),
    ("Moscow holds unansweringly to the doctrine.", "unansweringly", "unswervingly"),
    ("It will be clear when it la recalled that he wrote.", "la", "is"),
    ("He said that lie would go.", "lie", "he"),
])
def test_seed_fixes(text, wrong, right):
    assert (wrong, right) in _fixes(text)


@pytest.mark.parametrize("text", [
    "The paper Izvestia wrote that the Vossische Zeitung was sold.",
    "Einde O'Callaghan transcribed it for the U.S.S.R. archive.",
    "See www.marxists.org for the text.",
    "The ship sailed to La Rochelle.",
    "They crossed the arid plains.",
    "He had a bad cold.",
    "She hath seene the controversie.",
])
def test_clean_text_has_no_warnings(text):
    loud = [f for f in check_text(text, SPELLING) if f.severity.rank >= Severity.WARNING.rank]
    assert not loud, [(f.rule, f.text) for f in loud]


def test_names_and_configured_words_are_untouched():
    assert _fixes("We met Vossische and Izvestia men.") == []
    assert _fixes("The glorbix works.", Config(select=("SPL",), words=frozenset({"glorbix"}))) == []


def test_recurring_word_is_the_documents_own():
    text = "The frobnitz broke. A new frobnitz came. The frobnitz works."
    assert not [f for f in check_text(text, SPELLING) if f.text == "frobnitz"]


def test_rare_form_is_corrected_to_the_document_word():
    text = ("Vossische Zeitung reported it. Later the Vossische Zeitung said so. "
            "It was printed in the vossischc paper.")
    assert ("vossischc", "vossische") in _fixes(text)


def test_merged_words_are_split():
    assert ("kingwas", "king was") in _fixes("The kingwas crowned in the abbey.")


def test_split_word_is_joined():
    assert ("illite rate", "illiterate") in _fixes("He let an illite rate man see it.")


def test_hyphenation_halves_are_left_to_the_hyphenation_rules():
    assert _fixes("the transcrip- tion of the text") == []


def test_golden_sample():
    text = SAMPLE.read_text(encoding="utf-8")
    result = fix_text(text, unsafe=True)
    changed = sorted((f.rule, f.text, f.fix.edits[0].replacement) for f in result.applied
                     if f.rule.startswith(("SPL", "RWE", "SEG")))
    assert changed == [("RWE601", "la", "is"), ("SPL801", "unansweringly", "unswervingly")]
    assert "return return" not in result.text
    loud = [f for f in check_text(result.text) if f.severity.rank >= Severity.WARNING.rank]
    assert not loud, [(f.rule, f.text) for f in loud]


def test_lost_ligature_letters_are_restored_but_not_safely():
    # "fi" printed as nothing is a learned rewrite that may sit anywhere in the word.
    assert channel_cost("rst", "first") < channel_cost("rst", "rest")
    found = {f.text: f for f in check_text("It was the rst time that the ngers of his hand moved.\n", SPELLING)}
    assert found["rst"].fix.edits[0].replacement == "first"
    assert found["ngers"].fix.edits[0].replacement == "fingers"
    assert all(f.fix.applicability.value == "unsafe" for f in found.values())


def test_misread_capital_inside_a_sentence_reads_lower_case_and_is_unsafe():
    text = "The big dog contented himself Avith treating the other dogs kindly.\n"
    [finding] = [f for f in check_text(text, SPELLING) if f.text == "Avith"]
    assert finding.fix.edits[0].replacement == "with"
    assert finding.fix.applicability.value == "unsafe"


def test_prefixed_forms_of_listed_words_are_words():
    # No list has every "re-" or "un-" form; a prefix before a listed word of five
    # letters or more makes a word. Shorter rests stay unknown: "overthe" is a lost space.
    text = "The redistributors were unskilful and the goods were repassed overthe river.\n"
    flagged = [f.text for f in check_text(text, Config(select=("SPL", "SEG"))) if f.severity >= Severity.INFO]
    assert flagged == ["overthe"]


@pytest.mark.parametrize("text", ["She was a debutante of the season.", "She was a debutant of the season.",
                                  "The debutant and the debutante met."])
def test_two_rare_forms_never_swap_back_and_forth(text):
    # Both forms are rare words the lists leave out, and each is the other's best reading:
    # the second `fix --unsafe` must change nothing (it used to swap them back).
    once = fix_text(text, unsafe=True).text
    assert fix_text(once, unsafe=True).text == once
    flagged = [f for f in check_text(text, SPELLING) if f.text.lower().startswith("debutant")]
    assert flagged and all(f.suggestions for f in flagged)   # still suggested, for a person to choose
