"""The per-document error-rate estimate (cleaner/score.py): its inputs, its
interval and how it orders clean and garbled text."""
from __future__ import annotations

import json

import pytest

from cleaner import engine, score

CLEAN = (
    "The committee met on Tuesday and agreed that the new library should open in the spring. "
    "Members thanked the architect for her careful plans and asked the treasurer to report "
    "on the cost of the shelves, the lamps and the reading tables before the next meeting.\n"
)
# The same passage as a poor OCR engine reads it: letter confusions, stray marks, split words.
GARBLED = (
    "Tbe cornmittee rnet on Tuesdav aud agreed tliat the ncw 1ibrary sbould opeu in the spriug. "
    "Mem bers thauked tbe arcbitect f or her carefu1 plans aud askcd tbe treasnrer to rep ort "
    "on tlie cost of tbe sbelves, tbe 1amps aud tbe readiug tab1es bef ore the ncxt meeting.\n"
)


def estimate(text):
    return score.estimate(text, engine.check_text(text))


def test_garbled_text_is_estimated_worse_than_clean_text():
    clean, garbled = estimate(CLEAN), estimate(GARBLED)
    assert clean.wer < garbled.wer
    assert clean.low <= clean.wer <= clean.high
    assert garbled.low <= garbled.wer <= garbled.high
    # The garbled passage has over 20 wrong words in 50: its interval cannot reach a clean text's rate.
    assert garbled.low > clean.wer


def test_features_count_tokens_by_what_they_are():
    text = "A w1th tbe x \u201cquoted\u201d 4to. \u00a32 s"
    values, n = score.features(text, [])
    assert n == 8
    assert values["flagged"] == 0.0
    assert values["not_plain_word"] == pytest.approx(1 / 8)  # w1th; 4to. and £2 read as numbers
    assert values["stray_letter"] == pytest.approx(2 / 8)    # x and s; A is a word
    assert values["quotes"] == pytest.approx(2 / 8)


def test_flagged_share_follows_the_findings():
    text = "Tbe cat sat on tbe mat."
    findings = engine.check_text(text)
    values, n = score.features(text, findings)
    flagged = {f.text for f in findings}
    assert n == 6
    assert values["flagged"] == pytest.approx(sum(t.strip(".") in flagged for t in text.split()) / 6)


def test_empty_text_has_no_estimate():
    result = score.estimate("  \n", [])
    assert (result.wer, result.words, result.top_rules) == (0.0, 0, ())


def test_top_rules_are_the_most_frequent_then_by_code():
    result = estimate(GARBLED)
    counts = [n for _, n in result.top_rules]
    assert 1 <= len(result.top_rules) <= 3
    assert counts == sorted(counts, reverse=True)


def test_the_shipped_model_names_only_known_features_and_an_interval():
    model = json.loads(score.model_path().read_text(encoding="utf-8"))
    assert set(model["weights"]) <= set(score.FEATURES)
    assert {"scale", "model_error", "relative_error", "rate_floor", "coverage"} <= set(model["interval"])


def test_interval_widens_for_short_documents():
    model = score.load_model()
    short = score.interval(0.1, 50, model)
    long = score.interval(0.1, 50_000, model)
    assert short[1] - short[0] > long[1] - long[0]
    assert score.interval(0.0, 100, model)[0] == 0.0
