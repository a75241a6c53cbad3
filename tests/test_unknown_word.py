"""SPL803: unknown words reported by how noisy the document is."""
from cleaner.config import Config
from cleaner.engine import check_text

ONLY = Config(select=("SPL803",))
CLEAN = (
    "The prisoner was charged at the police court with having stolen a watch from the shop of a "
    "jeweller in the high street on the evening of last week, and the statement made by the constable "
    "who took him into custody was read to the magistrate, who remanded him for a week in order that "
    "further inquiries might be made about the matter and the witnesses called. "
)


def findings(text):
    return [(f.text, f.severity.value) for f in check_text(text, ONLY)]


def test_noisy_document_gets_warnings():
    text = CLEAN + "Then the wva dsogen gtiag womnau secniiiness came to the court again.\n"
    found = findings(text)
    assert ("dsogen", "warning") in found and ("gtiag", "warning") in found


def test_clean_document_is_silent_about_a_rare_word():
    assert findings(CLEAN * 3 + "He spoke of the zeugmatic style.\n") == []


def test_short_text_is_not_judged():
    assert findings("the dsogen gtiag womnau\n") == []


def test_repeated_word_is_the_documents_own():
    text = CLEAN + "The gtiag and the dsogen and the womnau met the dsogen again.\n"
    assert "dsogen" not in [w for w, _ in findings(text)]


def test_pieces_of_hyphenated_words_are_left_to_hyphenation_rules():
    text = CLEAN + "The wva dsogen gtiag womnau came and the imita-tion was good.\n"
    assert "tion" not in [w for w, _ in findings(text)]


def test_early_modern_document_is_left_to_spl801():
    old = ("And hee said unto them, thou hast done well, for the king hath sent for thee and thy men "
           "and they doth come hither ere night. ")
    text = old * 4 + CLEAN + "Then the wva dsogen gtiag womnau secniiiness came to the court again.\n"
    assert findings(text) == []


def test_foreign_passage_gets_no_warning():
    # The Latin clause is a passage for LNG001 (3 lower-case words or more since the
    # thresholds were fitted on TUNE), so the English word rules are silent there.
    text = CLEAN + "The wva dsogen came. Hic jacet John Qui dedet suum graa, et siligine tue comedebat.\n"
    found = dict(findings(text))
    assert found.get("dsogen") == "warning" and "siligine" not in found


def test_word_with_an_apostrophe_inside_is_judged_too():
    text = CLEAN + "Then the wva dsogen gtiag womnau di'crent came, o'er the don't and the prisoner's way.\n"
    found = [w for w, _ in findings(text)]
    assert "di'crent" in found and "don't" not in found and "prisoner's" not in found
