"""Property tests on arbitrary Unicode: combining marks, right-to-left text,
astral characters and every newline style."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.config import Config
from cleaner.engine import check_text, fix_text
from cleaner.fixer import apply_once
from cleaner.review.replay import replay_text

NEWLINES = ["\n", "\r\n", "\r"]
TOKENS = [
    "the", "The", "cat", "la", "is", "when", "it", "recalled", "return", "junk", "tbe", "arid", "modem",
    "co-", "operation", "hyphen-", "ated", "U.S.S.R.", "l'Humanité", "O'Callaghan", "“", "”", "‘", "’",
    '"', "'", "(", ")", "[", "]", ".", ",", ";", "!", "?", "—", "-", "…", "  ", "\t", " ", " ",
    "e\u0301", "a\u0308\u0323", "שלום", "مرحبا", "\u200f", "\u200e", "😀", "𝔘𝔫𝔦", "\U0001F1EB\U0001F1F7",
    "\ufeff", "\ufffd", "Ã©", "â€™", "ﬁ", "½", "1", "1ike", "0ne", "12", "p.", "42", "<i>", "</i>",
    "&amp;", "\x0c", "\u2028", "\u00ad",
]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@st.composite
def transcripts(draw):
    parts = draw(st.lists(
        st.one_of(st.sampled_from(TOKENS), st.sampled_from(NEWLINES),
                  st.text(st.characters(codec="utf-8"), max_size=4),
                  st.just("junk junk junk junk")),
        max_size=60))
    return " ".join(parts) if draw(st.booleans()) else "".join(parts)


@SETTINGS
@given(text=transcripts())
def test_check_never_crashes_and_spans_are_in_bounds(text):
    for f in check_text(text):
        assert 0 <= f.start <= f.end <= len(text)
        assert f.text == text[f.start:f.end]
        if f.fix:
            assert all(0 <= e.start <= e.end <= len(text) for e in f.fix.edits)


@SETTINGS
@given(text=transcripts(), unsafe=st.booleans())
def test_one_pass_changes_only_the_edited_spans(text, unsafe):
    findings = check_text(text)   # what fix_text works from
    fixed, applied = apply_once(text, findings, unsafe)
    edits = sorted(e for f in applied for e in f.fix.edits)
    # Rebuild the result from the untouched stretches and the replacements alone.
    cursor, pieces = 0, []
    for e in edits:
        assert e.start >= cursor
        pieces += [text[cursor:e.start], e.replacement]
        cursor = e.end
    pieces.append(text[cursor:])
    assert fixed == "".join(pieces)
    assert fix_text(text, unsafe=unsafe, config=Config(max_passes=1)).text == fixed


@SETTINGS
@given(text=transcripts(), unsafe=st.booleans())
def test_fix_is_idempotent(text, unsafe):
    once = fix_text(text, unsafe=unsafe)
    if once.passes >= Config().max_passes:
        return   # stopped by the pass limit, not at a fixpoint
    assert fix_text(once.text, unsafe=unsafe).text == once.text


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=transcripts(), bom=st.booleans())
def test_diff_applied_with_patch_gives_what_fix_writes(run, tmp_path_factory, text, bom):
    text = text + "\njunk junk junk junk\nend"
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    work = tmp_path_factory.mktemp("diff")
    (work / "a.txt").write_bytes(data)
    (work / "b.txt").write_bytes(data)
    import os

    old = os.getcwd()
    os.chdir(work)
    try:
        code, diff, _ = run("fix", "--diff", "a.txt")
        run("fix", "b.txt")
    finally:
        os.chdir(old)
    assert (work / "a.txt").read_bytes() == data       # --diff writes nothing
    if code == 2:
        return                                          # e.g. a binary file: skipped on both paths
    proc = subprocess.run(["patch", "-p1", "-s", "--no-backup-if-mismatch"], input=diff.encode("utf-8"),
                          cwd=work, capture_output=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (work / "a.txt").read_bytes() == (work / "b.txt").read_bytes()


@SETTINGS
@given(text=transcripts())
def test_replaying_decisions_is_deterministic(text):
    decisions_mod = pytest.importorskip("cleaner.review.decisions")
    findings = check_text(text)
    decisions = [
        decisions_mod.Decision(f.rule, f.text, decisions_mod.context_hash(text, f.start, f.end),
                               "accept" if f.suggestions else "skip",
                               replacement=f.suggestions[0] if f.suggestions else None,
                               suggestion=1 if f.suggestions else None)
        for f in findings
    ]
    first = replay_text(text, findings, decisions)
    again = replay_text(text, list(findings), list(decisions))
    reordered = replay_text(text, findings, list(reversed(decisions)))
    assert first == again
    assert first[0] == reordered[0] or len({d.key for d in decisions}) < len(decisions)


# --- long runs of letters and long lines without a space (issue 19) ----------------------

LETTERS = "abcdefghijklmnopqrstuvwxyz"
LONG_SETTINGS = settings(max_examples=25, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@st.composite
def long_runs(draw):
    """A run of letters far longer than any word (random, one letter repeated, mixed case,
    with digits, or pieces joined by hyphens or apostrophes), between words of prose."""
    size = draw(st.integers(40, 2000))
    kind = draw(st.sampled_from(["random", "same", "mixed", "digits", "hyphens", "apostrophes", "dots"]))
    if kind == "same":
        run = draw(st.sampled_from(LETTERS)) * size
    elif kind in ("hyphens", "apostrophes"):
        pieces = draw(st.lists(st.text(LETTERS, min_size=1, max_size=6), min_size=20, max_size=60))
        run = ("-" if kind == "hyphens" else "'").join(pieces)
    else:
        alphabet = {"random": LETTERS, "mixed": LETTERS + LETTERS.upper(), "digits": LETTERS + "0123456789",
                    "dots": "oce."}[kind]
        run = "".join(draw(st.lists(st.sampled_from(alphabet), min_size=size, max_size=size)))
    return draw(st.sampled_from(["", "The king ", "Tbe kingwas "])) + run + draw(st.sampled_from(["", " was crowned.\n", "\n\n"]))


@st.composite
def lines_without_spaces(draw):
    """One long line with no blank in it: letters, digits and marks, up to 20,000 characters."""
    parts = draw(st.lists(st.one_of(st.text(LETTERS, min_size=1, max_size=200), st.sampled_from(list(".,-'’;:_/+=()"))),
                          min_size=1, max_size=40))
    return "".join(parts) * draw(st.integers(1, 20))


def _properties_hold(text: str, unsafe: bool) -> None:
    from cleaner.context import LONGEST_WORD, WORD

    findings = check_text(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text) and f.text == text[f.start:f.end]
        assert f.line >= 1 and f.column >= 1
    too_long = [m.span() for m in WORD.finditer(text) if len(m.group()) > LONGEST_WORD]
    # One finding per span (merge.py): another rule flagging exactly the token lists SPL806 as `also`.
    assert sorted((f.start, f.end) for f in findings if "SPL806" in (f.rule, *f.also)) == too_long
    once = fix_text(text, unsafe=unsafe)
    if once.passes < Config().max_passes:
        assert fix_text(once.text, unsafe=unsafe).text == once.text


@LONG_SETTINGS
@given(text=long_runs(), unsafe=st.booleans())
def test_long_runs_of_letters(text, unsafe):
    _properties_hold(text, unsafe)


@LONG_SETTINGS
@given(text=lines_without_spaces(), unsafe=st.booleans())
def test_long_lines_without_spaces(text, unsafe):
    _properties_hold(text, unsafe)


@LONG_SETTINGS
@given(text=lines_without_spaces(), size=st.integers(200, 5000))
def test_lines_without_spaces_fix_the_same_in_pieces(text, size):
    from cleaner import chunks

    config = Config(select=("LAY", "PUN", "CHR", "SPL806"))
    assert chunks.fix_large(text, config=config, size=size).text == fix_text(text, config=config).text
    assert chunks.check_large(text, config, size) == check_text(text, config)
