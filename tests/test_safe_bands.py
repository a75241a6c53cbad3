"""Which spelling corrections are safe: the measured bands of SPL801 and SEG851/852.

The bands (benchmarks/README.md, "Safe bands") are options of the rule files;
these tests pin how applicability_for reads them, with the options the rule
files ship, and one real sentence per band end to end.
"""
from __future__ import annotations

import pytest

from cleaner.engine import fix_text
from cleaner.model import Applicability
from cleaner.rulebook import rule_by_code
from cleaner.spelling.analysis import Verdict
from cleaner.spelling.candidates import Scored
from cleaner.spelling.judgement import applicability_for, edit_shape

SAFE, UNSAFE = Applicability.SAFE, Applicability.UNSAFE


def options(code: str) -> dict:
    return rule_by_code(code).impl.options


def verdict(word: str, replacement: str, sure: float, channel: float, kind: str = "word", **extra) -> Verdict:
    best = Scored(replacement.lower(), channel, -5.0, 0, -5.0 - channel, kind)
    return Verdict(0, len(word), word, kind, best, None, sure, replacement, 0,
                   over_runner=sure, over_keep=sure, **extra)


@pytest.mark.parametrize("word, replacement, shape", [
    ("evidenee", "evidence", "inner"),
    ("tbe", "the", "inner"),
    ("aiid", "and", "inner"),
    ("kingwas", "king was", "inner"),
    ("lor", "for", "end-letter"),
    ("Tlie", "The", "inner"),
    ("thatj", "that", "end-added"),
    ("efore", "before", "end-added"),
    ("ofa", "of", "end-added"),
])
def test_edit_shape(word, replacement, shape):
    assert edit_shape(word, replacement) == shape


def test_rule_file_options_are_the_measured_bands():
    spl = options("SPL801")
    assert (spl["safe_confidence"], spl["safe_max_channel"]) == (5.0, 3.5)
    assert (spl["safe_inner_confidence"], spl["safe_inner_max_channel"]) == (2.5, 2.8)
    assert (spl["safe_long_letters"], spl["safe_long_confidence"]) == (8, 2.0)
    assert (spl["safe_alone_runner"], spl["safe_alone_keep"], spl["safe_alone_max_channel"]) == (6.0, 0.0, 2.5)


@pytest.mark.parametrize("v, expected", [
    # Inside the word, first and last letters as printed: from confidence 2.5 up to channel 2.8.
    (verdict("seeond", "second", 2.6, 2.8), SAFE),
    (verdict("seeond", "second", 2.4, 2.8), UNSAFE),
    (verdict("seeond", "second", 2.6, 2.9), UNSAFE),
    # A replaced first or last letter needs the general band (or a long word).
    (verdict("lor", "for", 4.9, 2.5), UNSAFE),
    (verdict("lor", "for", 5.0, 3.5), SAFE),
    (verdict("lor", "for", 5.0, 3.6), UNSAFE),
    # Long words: eight letters or more from confidence 2.0, channel up to 3.5, any shape but an added end.
    (verdict("governmenf", "government", 2.1, 3.4), SAFE),
    (verdict("governmenf", "government", 1.9, 3.4), UNSAFE),
    (verdict("governmenf", "government", 2.1, 3.6), UNSAFE),
    (verdict("remaiu", "remain", 2.1, 3.4), UNSAFE),
    (verdict("evidenee", "evidence", 2.1, 3.4), SAFE),
    # A letter added or dropped at an end is never safe, however sure.
    (verdict("thatj", "that", 9.0, 1.0), UNSAFE),
    (verdict("efore", "before", 9.0, 1.0), UNSAFE),
    # Never safe whatever the band: older spellings, restored ligatures, capitals inside a sentence.
    (verdict("evidenee", "evidence", 9.0, 1.0, archaic=True), UNSAFE),
    (verdict("ngers", "fingers", 9.0, 1.0), UNSAFE),
    (verdict("Evidenee", "evidence", 9.0, 1.0, mid_capital=True), UNSAFE),
])
def test_spl801_bands(v, expected):
    assert applicability_for(v, options("SPL801")) is expected


def test_runner_up_and_keep_both_count():
    v = verdict("evidenee", "evidence", 6.0, 3.0)
    assert applicability_for(v, options("SPL801")) is SAFE
    from dataclasses import replace
    assert applicability_for(replace(v, over_keep=1.0), options("SPL801")) is UNSAFE
    assert applicability_for(replace(v, over_runner=1.0), options("SPL801")) is UNSAFE


def test_no_rival_band():
    from dataclasses import replace
    alone = replace(verdict("lor", "for", 0.0, 2.5), over_runner=6.0, over_keep=0.1)
    assert applicability_for(alone, options("SPL801")) is SAFE
    # A rival reading within a million to one, a word as printed likelier than the reading,
    # or a dearer misreading: not safe on this band.
    assert applicability_for(replace(alone, over_runner=5.9), options("SPL801")) is UNSAFE
    assert applicability_for(replace(alone, over_keep=-0.1), options("SPL801")) is UNSAFE
    dear = replace(alone, best=replace(alone.best, channel=2.6))
    assert applicability_for(dear, options("SPL801")) is UNSAFE
    # Never for a letter added at an end, nor for splits and joins.
    assert applicability_for(replace(alone, word="thatj", replacement="that"), options("SPL801")) is UNSAFE
    for code, kind in (("SEG851", "split"), ("SEG852", "join")):
        assert applicability_for(replace(alone, kind=kind), options(code)) is UNSAFE


def test_segmentation_bands():
    # A split (SEG851) is safe from confidence 2.5; the single-word bands are off for it.
    assert applicability_for(verdict("kingwas", "king was", 2.6, 2.5, "split"), options("SEG851")) is SAFE
    assert applicability_for(verdict("kingwas", "king was", 2.4, 2.5, "split"), options("SEG851")) is UNSAFE
    assert applicability_for(verdict("notwithstandingthe", "notwithstanding the", 2.4, 2.5, "split"),
                             options("SEG851")) is UNSAFE
    # A join (SEG852) is never safe, however sure or long.
    for sure in (2.6, 5.0, 9.0):
        assert applicability_for(verdict("illite rate", "illiterate", sure, 2.5, "join"), options("SEG852")) is UNSAFE


def test_safe_fix_end_to_end():
    text = ("The prisoner was remanded for a week, and the magistrate said the evidenee was clear. "
            "It will be hard work, but thenl shall be paid.\n")
    fixed = fix_text(text).text
    assert "the evidence was clear" in fixed      # inner misreading, confident: safe
    assert "thenl shall" in fixed                 # a letter at the end: left for --unsafe
    assert "then shall" in fix_text(text, unsafe=True).text
