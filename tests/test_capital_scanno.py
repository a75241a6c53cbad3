"""SCN506: Av for w and I for l at the start of a word."""
from cleaner.config import Config
from cleaner.engine import check_text, fix_text

ONLY = Config(select=("SCN506",))


def test_sentence_initial_keeps_its_capital():
    assert fix_text("Avhich was it? He Avas there.\n", unsafe=True, config=ONLY).text == "Which was it? He was there.\n"


def test_repeated_word_is_a_name():
    assert check_text("Avis came. Then Avis left, and Avis sang.\n", ONLY) == []
