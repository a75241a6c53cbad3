"""Transcription conventions (issue 15): printed line breaks, hyphen characters,
printed character forms and passages in other languages, on real snippets."""
from __future__ import annotations

import pytest

from cleaner import Config, check_text, fix_text
from cleaner.config.files import ConfigError, parse_table
from cleaner.context import Context
from cleaner.conventions import conventions_of

# A newspaper column as an ALTO export keeps it (our own text, set at 38 columns
# and hyphenated as a compositor would).
COLUMN = """\
The meeting of the Literary and Philo-
sophical Society was held on Tuesday
evening in the lecture hall, when a
paper on the early history of the dis-
trict was read by the Rev. Mr. Ander-
son. He described the ancient road
which ran across the moor to the
river, and the remains of the settle-
ment discovered there by the labourers
employed on the new waterworks. The
chairman thanked the lecturer for his
interesting and instructive address.
"""


def codes(text, config=None):
    return [f.rule for f in check_text(text, config)]


def test_printed_lines_paragraph_keeps_its_line_end_hyphens():
    ctx = Context(COLUMN, Config())  # the conventions live as long as their context
    assert conventions_of(ctx).line_breaks == "as-printed"
    assert not [c for c in codes(COLUMN) if c.startswith("HYP")]
    assert fix_text(COLUMN, unsafe=True).text == COLUMN


def test_printed_lines_can_be_declared_reflowed():
    found = codes(COLUMN, Config(line_breaks="reflowed"))
    assert found.count("HYP301") >= 3
    fixed = fix_text(COLUMN, config=Config(line_breaks="reflowed")).text
    assert "Philosophical" in fixed and "district" in fixed


def test_reflowed_text_with_a_broken_word_is_still_checked():
    text = ("The meeting of the society was held on Tuesday evening in the lecture hall, when a paper on the "
            "early history of the dis-\ntrict was read by the vicar, who described the ancient road across the moor.\n")
    ctx = Context(text, Config())
    assert conventions_of(ctx).line_breaks == "reflowed"
    assert "HYP301" in codes(text)


@pytest.mark.parametrize("hyphen", ["-", "\u2010", "\u2011", "\u00ad"])
def test_every_hyphen_character_breaks_a_word_at_a_line_end(hyphen):
    text = f"We read the first pa{hyphen}\nragraph of the letter again.\n"
    found = check_text(text, Config(line_breaks="reflowed"))
    assert [f.rule for f in found] == ["HYP301"]
    assert fix_text(text, config=Config(line_breaks="reflowed")).text.startswith("We read the first paragraph")


@pytest.mark.parametrize("hyphen", ["-", "\u2010"])
def test_every_hyphen_character_breaks_a_word_inside_a_line(hyphen):
    # "pa‐ ragraph", "ex‐ ercised": U+2010 is a word break, not part of a word to correct.
    text = f"The first pa{hyphen} ragraph was ex{hyphen} ercised with care.\n"
    found = check_text(text)
    assert {f.rule for f in found} == {"HYP302"}
    assert fix_text(text, unsafe=True).text == "The first paragraph was exercised with care.\n"


GERMAN_QUOTE = (
    "The preface closes with a verse from the old hymn, which the author gives in the original: "
    "\"Ich weiß nicht, was soll es bedeuten, dass ich so traurig bin; ein Märchen aus alten Zeiten, "
    "das kommt mir nicht aus dem Sinn.\" He adds that the translation which follows is his own.\n"
)


def test_german_quotation_inside_english_is_reported_once_and_left_alone():
    found = check_text(GERMAN_QUOTE)
    language = [f for f in found if f.rule == "LNG001"]
    assert len(language) == 1 and "German" in language[0].message
    assert language[0].severity.value == "info"
    quote = GERMAN_QUOTE.index("Ich"), GERMAN_QUOTE.index("Sinn") + 4
    assert not [f for f in found if f.rule != "LNG001" and quote[0] <= f.start < quote[1]]
    assert fix_text(GERMAN_QUOTE, unsafe=True).text == GERMAN_QUOTE


def test_english_misreadings_outside_the_quotation_are_still_found():
    text = GERMAN_QUOTE.replace("translation which follows", "translation wliich follows")
    found = check_text(text)
    assert any(f.text == "wliich" for f in found)


def test_latin_inscription_is_named():
    text = ("On the north wall of the chancel is a brass plate with the words: Hic jacet sepultus vir "
            "nobilis qui obiit anno domini, cujus animae propitietur Deus. The plate was restored in 1862.\n")
    language = [f for f in check_text(text) if f.rule == "LNG001"]
    assert len(language) == 1 and "Latin" in language[0].message
    assert "jacket" not in fix_text(text, unsafe=True).text


def test_a_single_foreign_phrase_is_not_a_passage():
    text = "He had a certain joie de vivre about him, and the air of a man of the world.\n"
    assert "LNG001" not in codes(text)


def test_stray_ligature_is_a_finding_but_a_consistent_one_is_the_print():
    stray = "The ﬁrst chapter tells of the flood, the fire and the final flight of the family.\n"
    assert "CHR108" in codes(stray)
    kept = "The ﬁrst chapter tells of the ﬂood, the ﬁre and the ﬁnal ﬂight of the family.\n"
    assert "CHR108" not in codes(kept)
    assert "CHR108" in codes(kept, Config(characters="normalised"))


def test_space_before_punctuation_set_throughout_is_the_print():
    text = ("Of the Use of Riches ; with some Remarks upon the same : by a Gentleman , "
            "who has , for many Years , obſerved them .\n")
    assert not [c for c in codes(text) if c.startswith("PUN40")]
    assert [c for c in codes(text, Config(characters="normalised")) if c.startswith("PUN40")]


def test_settings_are_strict():
    settings = parse_table({"line-breaks": "as-printed", "characters": "normalised"}, "pyproject.toml", ".")
    config = settings.config_for("a.txt")
    assert (config.line_breaks, config.characters) == ("as-printed", "normalised")
    with pytest.raises(ConfigError, match="line-breaks"):
        parse_table({"line-breaks": "sometimes"}, "pyproject.toml", ".")


def test_misread_word_broken_at_a_printed_line_end_is_found_and_fixed_in_place():
    text = COLUMN.replace("dis-\ntrict", "dis-\ntrlct")
    found = [f for f in check_text(text) if f.rule.startswith("SPL")]
    assert [f.text for f in found] == ["dis-\ntrlct"]
    assert fix_text(text).text == COLUMN


def test_command_line_options(tmp_path):
    from cleaner.cli.app import main

    path = tmp_path / "column.txt"
    path.write_text(COLUMN, encoding="utf-8")
    assert main(["check", "--isolated", str(path)]) == 0
    assert main(["check", "--isolated", "--line-breaks", "reflowed", str(path)]) == 1
    assert main(["check", "--isolated", "--line-breaks", "sometimes", str(path)]) == 2


# Our own sentences in the spelling of an English print of about 1600.
EARLY_MODERN = (
    "Whereas the Souldiers of that Countrey haue alwayes vsed to goe to the warres in the Spring, "
    "the Captaine sayd vnto them, that hee who loueth his owne life more then the honour of his Prince "
    "is not worthy to beare armes; for he that feareth death dyeth euery day, and he that despiseth it "
    "liueth in peace. And when they had fetcht the mony from the Towne, they gaue it to the schollers "
    "of the Colledge.\n"
)


def test_early_modern_sentence_is_recognised_and_its_old_spellings_are_at_most_info():
    from cleaner.engine import rule_options

    ctx = Context(EARLY_MODERN, Config(), rule_options())
    assert conventions_of(ctx).early_modern
    found = check_text(EARLY_MODERN)
    assert not [f for f in found if f.severity.value != "info"]
    assert not [f for f in found if f.fix and f.fix.applicability.value == "safe"]
    assert fix_text(EARLY_MODERN).text == EARLY_MODERN


def test_modern_text_is_not_early_modern():
    from cleaner.engine import rule_options

    ctx = Context(GERMAN_QUOTE + COLUMN, Config(), rule_options())
    assert not conventions_of(ctx).early_modern


def test_a_correction_that_only_modernises_is_told_from_a_misreading():
    from cleaner.conventions.old_spelling import modernises, old_past_tense
    from cleaner.spelling.lexicon import get_lexicon

    assert modernises("schollers", "scholars") and modernises("Countrey", "Country") and modernises("mony", "money")
    assert old_past_tense("fetcht", get_lexicon().is_known) and not old_past_tense("fetch", get_lexicon().is_known)
    assert not modernises("tbe", "the") and not modernises("rnay", "may") and not modernises("bcen", "been")
