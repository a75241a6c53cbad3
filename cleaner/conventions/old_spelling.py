"""Early modern English: recognising a document spelt before standard spelling,
and a correction that only modernises a spelling.

A document is early modern on the evidence of its own words, not a word list:

- verb endings `-eth` / `-est` on words the dictionary lacks but whose stem it
  knows (`readeth`, `knowest`);
- `u` / `v` used the old way (`vpon`, `vnto`, `haue`, `euer`): the word is
  unknown, and swapping u and v makes it known;
- long s (`ſ`) and `vv` for `w` (`vvhich`);
- older spellings of known words: a final `e` (`selfe`, `owne`), `ie` for `y`
  (`countrie`), `y` for `i` (`tyme`).

Each counts once per distinct word; `MIN_SHARE` (3%) of the document's distinct
words (and `MIN_WORDS` at least) make it early modern. Measured on the TUNE OCR
and gold: early modern ICDAR2017 pages 3.2-10.8%, the most garbled BLN600
newspaper page 2.1% (misreadings such as "honse" look like a final e), GHT
novels 1.1% at most. It is a constant here, not a rule option, because it
describes the document for every rule that asks (`Conventions.early_modern`).

In such a document a correction whose every edit is orthographic (a vowel or
`e` added or dropped, a letter doubled or undoubled, i/y, u/v/w, i/j, c/k, s/z,
t/d, one vowel for another; at most `MAX_EDITS`), so that both share one
consonant frame, is a modern spelling, not a repaired misreading: at most info,
never a safe fix. So is any correction of a past tense in `-t` whose `-ed` form
is known (`fetcht`, `dropt`).
"""
from __future__ import annotations

from rapidfuzz.distance import Levenshtein

# Fitted on the TUNE split (benchmarks/conventions_tune.py): modern documents reach
# 2.1% at most (a garbled BLN600 page), early modern ones 3.2% at least.
MIN_SHARE = 0.03
MIN_WORDS = 5
MAX_EDITS = 3
VOWELS = frozenset("aeiouy")


def _evidence(lower: str, known) -> bool:
    if "\u017f" in lower or "vv" in lower:
        return True
    if known(lower) or len(lower) < 4:
        return False
    if lower.endswith(("eth", "est")) and len(lower) >= 6:
        stem = lower[:-3]
        if known(stem) or known(stem + "e") or known(stem + "s") or stem.endswith(stem[-1] * 2) and known(stem[:-1]):
            return True
    if lower.startswith("v") and lower[1:2] not in VOWELS and known("u" + lower[1:]):
        return True
    if "u" in lower[1:-1] and known(lower[0] + lower[1:-1].replace("u", "v") + lower[-1]):
        return True
    if lower.endswith("e") and known(lower[:-1]):
        return True
    if lower.endswith("ie") and known(lower[:-2] + "y"):
        return True
    return "y" in lower and known(lower.replace("y", "i"))


def is_early_modern(words: list[str], known) -> bool:
    """`words`: the document's words; `known(lower)`: the English dictionary."""
    distinct = {w.lower() for w in words if w.isalpha() or "\u017f" in w}
    if not distinct:
        return False
    evidence = sum(1 for w in distinct if _evidence(w, known))
    return evidence >= MIN_WORDS and evidence >= MIN_SHARE * len(distinct)


# Letters early modern spelling used for one another, written as one.
SAME_SOUND = str.maketrans({"y": "i", "j": "i", "v": "u", "w": "u", "k": "c", "z": "s", "d": "t"})


def _skeleton(word: str) -> str:
    """The word's consonant frame: twin letters as one, doubled letters once, vowels
    after the first letter dropped ("schollers" and "scholars" are both "schlrs")."""
    folded = word.translate(SAME_SOUND)
    frame = folded[:1] + "".join(c for c in folded[1:] if c not in VOWELS)
    return "".join(c for k, c in enumerate(frame) if k == 0 or c != frame[k - 1])


def modernises(word: str, correction: str) -> bool:
    """Whether `correction` differs from `word` only by old-spelling changes."""
    word, correction = word.lower(), correction.lower()
    if word == correction or " " in correction:
        return False
    return Levenshtein.distance(word, correction) <= MAX_EDITS and _skeleton(word) == _skeleton(correction)


def old_past_tense(word: str, known) -> bool:
    """`-t` for `-ed` ("fetcht", "dropt", "kist"): the word's `-ed` form is known."""
    lower = word.lower()
    if len(lower) < 4 or not lower.endswith("t") or known(lower):
        return False
    stem = lower[:-1]
    return known(stem + "ed") or known(stem + stem[-1] + "ed")
