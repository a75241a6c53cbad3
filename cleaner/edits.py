"""Plain one-letter edits of a word, fast.

Candidate generation needs only the few edit strings that are real words, so
the strings are built in bulk (set comprehensions, no per-edit cost) and
intersected with the set of offerable words at C speed; only the survivors
are then classified to learn which edit made them and what it costs.

`classify` reproduces, for one survivor, what walking the edits one by one
would give: the channel cost of the edit (from the learned table, else the
generic rate for its shape) and the edit's place in that walk, so that ties
in cost are broken in the same order as before.

The walk, for each position i of the word: drop letter i (an extra printed
letter), replace letter i by each of a-z, swap letters i and i+1, insert each
of a-z before position i (a letter the scan lost); then one more insertion
round at the end of the word.
"""
from __future__ import annotations

LETTERS = "abcdefghijklmnopqrstuvwxyz"
_LETTER_INDEX = {c: k for k, c in enumerate(LETTERS)}
# Order of the edit shapes at one position of the walk.
DROP, REPLACE, SWAP, INSERT = range(4)


def edit_strings(word: str) -> set[str]:
    """Every string one plain edit away (the word itself may be among them)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found.update([a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1])
    found.update([a + c + b[1:] for a, b in splits if b for c in LETTERS])
    found.update([a + c + b for a, b in splits for c in LETTERS])
    return found


def classify(word: str, other: str, table: dict, generic: dict) -> tuple[tuple[int, int, int], float] | None:
    """(place in the edit walk, channel cost) of the first plain edit that
    turns `word` into `other`; None when no single plain edit does."""
    n, m = len(word), len(other)
    if m == n - 1:
        for i in range(n):
            if word[:i] == other[:i] and word[i + 1:] == other[i:]:
                # Every position in a run of equal letters drops the same letter: same cost.
                return (i, DROP, 0), table.get((word[i], ""), generic["ins"])
        return None
    if m == n:
        diffs = [i for i in range(n) if word[i] != other[i]]
        if len(diffs) == 1:
            i = diffs[0]
            letter = _LETTER_INDEX.get(other[i])
            if letter is None:
                return None
            return (i, REPLACE, letter), table.get((word[i], other[i]), generic["sub"])
        if len(diffs) == 2:
            i, j = diffs
            if j == i + 1 and word[i] == other[j] and word[j] == other[i]:
                return (i, SWAP, 0), 2 * generic["sub"]
        return None
    if m == n + 1:
        for i in range(m):
            if other[:i] == word[:i] and other[i + 1:] == word[i:]:
                letter = _LETTER_INDEX.get(other[i])
                if letter is None:
                    return None  # every insertion place gives the same letter
                return (i, INSERT, letter), table.get(("", other[i]), generic["del"])
        return None
    return None
