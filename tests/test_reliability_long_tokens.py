"""One long run of letters, or a long line with no space, costs bounded time and memory
(issue 19). The CLI runs in a subprocess under an address-space cap and a time limit:
before the length limit on words, 10,000 letters took 24 GB and a 5 MB line with no
space ended in MemoryError under a 3 GB cap. The limits separate "explodes" from
"works"; the measured figures are in benchmarks/results/2026-12-06-long-tokens.md."""
from __future__ import annotations

import json
import random
import re
import string
import subprocess
import sys
from collections import Counter

import pytest

from cleaner import chunks
from cleaner.config import Config
from cleaner.context import LONGEST_WORD
from cleaner.engine import check_text, fix_text

resource = pytest.importorskip("resource")

MEMORY_CAP = 1536 << 20   # bytes of address space: the run needs about 0.1-0.4 GB
TIME_LIMIT = 120          # seconds; the runs take about a second on an idle machine


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _cleaner(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], preexec_fn=_cap_memory,
                          capture_output=True, text=True, timeout=TIME_LIMIT, stdin=subprocess.DEVNULL)


def _letters(n: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choices(string.ascii_lowercase, k=n))


def _check_and_fix(path, text: str, expected: int) -> None:
    """check reports every too-long token once, as SPL806, and fix leaves the file as it was."""
    checked = _cleaner("check", "--format", "json", path)
    assert checked.returncode == 1, checked.stderr[-2000:]
    long_ones = [f for f in json.loads(checked.stdout) if f["rule"] == "SPL806"]
    assert len(long_ones) == expected, checked.stdout[:2000]
    fixed = _cleaner("fix", path)
    assert fixed.returncode in (0, 1), fixed.stderr[-2000:]
    assert "Traceback" not in fixed.stderr and "internal error" not in fixed.stderr
    assert path.read_text(encoding="utf-8") == text


def test_a_10000_letter_word_is_reported_once_in_bounded_memory(tmp_path):
    text = f"Hello {_letters(10_000, 1)} world.\n"
    path = tmp_path / "word.txt"
    path.write_text(text, encoding="utf-8")
    _check_and_fix(path, text, expected=1)


def test_a_5_mb_line_without_spaces_is_checked_and_fixed_in_bounded_memory(tmp_path):
    text = _letters(5_000_000, 2) + "\n"
    path = tmp_path / "line.txt"
    path.write_text(text, encoding="utf-8")
    _check_and_fix(path, text, expected=1)


def test_a_long_token_is_reported_once_with_its_span_and_nothing_else_searches_it():
    word = "e" * 5_000
    text = f"The king {word} was crowned.\nThe kingwas crowned.\n"
    findings = check_text(text)
    long_ones = [f for f in findings if f.rule == "SPL806"]
    assert len(long_ones) == 1
    f = long_ones[0]
    assert (f.start, f.end, f.line, f.column) == (9, 9 + len(word), 1, 10) and f.fix is None
    assert f.severity.value == "warning" and len(f.message) < 300
    # No other rule flags the long token, and words around it are still judged.
    assert not [g for g in findings if g.rule != "SPL806" and g.start < f.end and g.end > f.start]
    assert any(g.rule == "SEG851" for g in findings)


def test_the_longest_real_words_are_still_words():
    words = "pneumonoultramicroscopicsilicovolcanoconiosis supercalifragilisticexpialidocious"
    assert max(map(len, words.split())) < LONGEST_WORD
    assert not [f for f in check_text(f"A case of {words}.\n") if f.rule == "SPL806"]


def _blank_runs(text: str) -> Counter:
    return Counter(len(m.group()) - 1 for m in re.finditer(r"\n\n+", text))


@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n", "\n\n\n\n\n"])
def test_piece_boundaries_keep_the_blank_lines_of_the_whole_text(gap):
    # A junk line that starts a piece is deleted with a blank line beside it, as in the
    # whole text; then LAY204 sees the whole run of blank lines, as in the whole text.
    # Before, 12 of 60 seams kept 4 or 5 blank lines where the rest had 2.
    para = ("The king was crowned in the abbey and the people were glad of it. It was a fine day "
            "and the bells rang out over the city until the evening came.\n") * 3
    text = "".join(para + gap + "return return return return return\n" + gap for _ in range(60))
    whole = fix_text(text)
    pieced = chunks.fix_large(text, size=2_000)
    assert len(chunks.pieces(text, 2_000)) > 10
    assert _blank_runs(pieced.text) == _blank_runs(whole.text)
    assert pieced.text == whole.text
    assert chunks.check_large(text, None, 2_000) == check_text(text)


def test_cuts_inside_one_huge_line_change_nothing_at_the_cut():
    # Cut after a sentence end, a piece used to end with a space that LAY201 took for
    # trailing white space: every cut glued two sentences ("it.The").
    text = "The king was crowned in the abbey and the people were glad of it. " * 200 + "\n"
    assert len(chunks.pieces(text, 2_000)) > 5
    assert chunks.fix_large(text, size=2_000).text == fix_text(text).text
    config = Config(select=("LAY", "PUN"))
    assert chunks.check_large(text, config, 2_000) == check_text(text, config)


def test_a_line_of_short_pieces_without_spaces_is_cut_into_pieces():
    rng = random.Random(3)
    text = "-".join(_letters(rng.randint(2, 6), k) for k in range(3_000)) + "\n"
    spans = chunks.pieces(text, 2_000)
    assert len(spans) > 5 and "".join(text[a:b] for a, b in spans) == text
    for a, _b in spans[1:]:
        assert text[a - 1] == "-" and text[a].isalpha()


def test_a_long_token_reaches_json_sarif_github_and_baselines(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    word = _letters(3_000, 4)
    (tmp_path / "a.txt").write_text(f"Hello {word} world.\n", encoding="utf-8")
    code, out, _ = run("check", "--isolated", "--format", "json", "a.txt")
    assert code == 1 and [f["rule"] for f in json.loads(out)] == ["SPL806"]
    code, out, _ = run("check", "--isolated", "--format", "sarif", "a.txt")
    sarif = json.loads(out)["runs"][0]
    assert [r["ruleId"] for r in sarif["results"]] == ["SPL806"]
    assert "SPL806" in [r["id"] for r in sarif["tool"]["driver"]["rules"]]
    code, out, _ = run("check", "--isolated", "--format", "github", "a.txt")
    assert out.count("::warning ") == 1 and "SPL806" in out and len(out) < 2_000
    assert run("baseline", "--isolated", "a.txt", "--output", "b.json")[0] == 0
    assert run("check", "--isolated", "--baseline", "b.json", "a.txt")[0] == 0
    (tmp_path / "a.txt").write_text(f"Hello {word} world.\nAnd {_letters(100, 5)} again.\n", encoding="utf-8")
    code, out, _ = run("check", "--isolated", "--baseline", "b.json", "--format", "json", "a.txt")
    assert code == 1 and [(f["rule"], f["line"]) for f in json.loads(out)] == [("SPL806", 2)]
