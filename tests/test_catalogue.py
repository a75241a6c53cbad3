"""The defect catalogue end to end: the seed transcript, noise control,
document evidence, strict kinds and the generated rule documentation."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Config, check_text, fix_text
from cleaner.cli.docgen import render
from cleaner.model import Severity
from cleaner.rulebook import Rule, RuleError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "stalin-reassures-hitler-1933.txt"
SEED_DEFECTS = ("la recalled", "unansweringly", "return return return return return")


def _loud(findings):
    return [f for f in findings if f.severity.rank >= 1]


def test_seed_has_no_loud_finding_outside_its_three_defects():
    text = SEED.read_text(encoding="utf-8")
    spans = [(text.index(d), text.index(d) + len(d)) for d in SEED_DEFECTS]
    stray = [f for f in _loud(check_text(text)) if not any(s <= f.start < e for s, e in spans)]
    assert not stray, [(f.rule, f.text, f.message) for f in stray]


def test_corrected_seed_is_quiet():
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("it la recalled", "it is recalled").replace("unansweringly", "unswervingly")
    text = text.replace("\nreturn return return return return\n", "\n")
    assert not _loud(check_text(text)), [(f.rule, f.text) for f in _loud(check_text(text))]


def test_flood_lists_every_finding_and_fix_fixes_everything():
    # Issue 16: a file full of one problem still lists each place (reports group for display only).
    text = "".join(f"Line {i} ends here , and goes on .\n" for i in range(30))
    # Written normalised on purpose: under `characters = auto` a space before every
    # comma would be taken as the document's own printed convention.
    normalised = Config(characters="normalised")
    findings = [f for f in check_text(text, normalised) if f.rule == "PUN401"]
    assert len(findings) == 60 and len({f.start for f in findings}) == 60
    fixed = fix_text(text, unsafe=True, config=normalised).text  # PUN401 is unsafe since calibration
    assert " ," not in fixed and " ." not in fixed


def test_repeated_word_reported_at_every_place():
    prose = "A plain line of prose.\n" * 40
    text = prose + "The ﬁrst, the ﬁrst again, and the ﬁrst once more.\n"
    findings = [f for f in check_text(text, Config(characters="normalised")) if f.rule == "CHR108"]
    assert len(findings) == 3 and all(f.fix and len(f.fix.edits) == 1 for f in findings)
    assert "ﬁ" not in fix_text(text, config=Config(characters="normalised")).text


def test_hyphen_join_uses_document_evidence():
    text = "The flibbergast was here.\nAnother flibber-\ngast came.\n"
    finding = next(f for f in check_text(text) if f.rule == "HYP301")
    assert finding.severity.value == "warning" and finding.fix.applicability.value == "safe"
    assert "Another flibbergast\ncame." in fix_text(text).text


def test_compound_written_elsewhere_keeps_its_hyphen():
    text = "A well-known man.\nA well-\nknown woman.\n"
    assert not [f for f in check_text(text) if f.rule.startswith("HYP")]


def test_multi_paragraph_quotation_convention():
    ok = "“It began so.\n\n“And it went on.\n\n“And it ended.”\n"
    bad = "“It began so.\n\nAnd it went on.\n"
    assert not [f for f in check_text(ok) if f.rule == "PUN412"]
    assert [f for f in check_text(bad) if f.rule == "PUN412"]


def test_mojibake_message_shows_ftfy_explanation():
    finding = next(f for f in check_text("schÃ¶n\n") if f.rule == "CHR110")
    assert "ftfy" in finding.message and "schön" in finding.message


def test_new_user_text_is_cleaned_by_safe_fixes():
    text = ("Tbe transcrip-\ntion of the the letter , with ﬁne care.It w\u00ADas good &amp; true .\n"
            "He said “ yes ” to the w\u043Erld.\n")
    # Doubled words, spacing of punctuation and entities measured below 99% on real OCR: unsafe since calibration.
    assert fix_text(text).text == ("Tbe transcription\nof the the letter , with fine care.It was good &amp; true .\n"
                                   "He said “yes” to the world.\n")
    assert fix_text(text, unsafe=True).text == ("The transcription\nof the letter, with fine care. It was good & true.\n"
                                                "He said “yes” to the world.\n")


def _rule(kind: str, **options) -> Rule:
    return Rule(code="TST999", name="test", kind=kind, severity=Severity.WARNING, applicability=None,
                message="m", summary="s", doc="d", enabled=True, fail_examples=(("x", None),),
                pass_examples=(), options=options)



@pytest.mark.parametrize("kind,options,key", [
    ("charset", {"chars": "x", "where": "nowhere"}, "where"),
    ("charset", {}, "chars"),
    ("charset", {"chars": "x", "replacement": ""}, "applicability"),
    ("pairing", {"pairs": ["(("]}, "pairs"),
    ("repetition", {"words": ["The"]}, "words"),
])
def test_kinds_reject_bad_options_naming_the_key(kind, options, key):
    from cleaner.kinds import KINDS

    with pytest.raises(RuleError) as err:
        KINDS[kind](_rule(kind, **options))
    assert err.value.args[1] == key


def test_docs_rules_md_is_up_to_date():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render(), "run: python -m cleaner.cli.docgen > docs/rules.md"


def test_select_one_class_only():
    text = "the the end , here\n"
    codes = {f.rule for f in check_text(text, Config(select=("WRD",)))}
    assert codes == {"WRD801"}
