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


def end_key(word: str, length: int) -> str:
    """The first two and last two letters of `word` and a length: an edit
    inside a word (two letters or more from either end) keeps the ends, so a
    word of that length with other ends cannot be what such an edit makes."""
    return word[:2] + word[-2:] + chr(max(length, 0))


class EndKeys:
    """The end keys of a set of words as a table of hash bits (256 kB where a
    set of the keys takes 6 MB): `key in ends` may say yes for a key no word
    has (a few per cent), which only costs strings, never no for one a word has."""

    BITS = 1 << 21

    def __init__(self, words) -> None:
        table = bytearray(self.BITS >> 3)
        mask = self.BITS - 1
        for word in words:
            h = hash(end_key(word, len(word))) & mask
            table[h >> 3] |= 1 << (h & 7)
        self.table = table

    def __contains__(self, key: str) -> bool:
        h = hash(key) & (self.BITS - 1)
        return bool(self.table[h >> 3] >> (h & 7) & 1)


def edit_places(word: str, length: int, ends, count: int, first_inner: int, last_inner: int) -> range | list[int]:
    """Places 0..count-1 of one kind of edit giving `length`: all of them, or
    only those outside first_inner..last_inner when no word of the set has
    the ends such an inner edit keeps."""
    if ends is None or end_key(word, length) in ends:
        return range(count)
    return [i for i in range(count) if i < first_inner or i > last_inner]


def edit_strings(word: str, ends=None) -> set[str]:
    """Every string one plain edit away (the word itself may be among them).

    With `ends` (the end keys of a set of words), edits inside the word are
    left out for a length that no word of the set with these ends has: fewer
    strings, the same words of that set."""
    n = len(word)
    splits = [(word[:i], word[i:]) for i in range(n + 1)]
    found = {a + b[1:] for a, b in (splits[i] for i in edit_places(word, n - 1, ends, n, 2, n - 3))}
    found.update([a + b[1] + b[0] + b[2:] for a, b in (splits[i] for i in edit_places(word, n, ends, n - 1, 2, n - 4))])
    found.update([a + c + b[1:] for a, b in (splits[i] for i in edit_places(word, n, ends, n, 2, n - 3))
                  for c in LETTERS])
    found.update([a + c + b for a, b in (splits[i] for i in edit_places(word, n + 1, ends, n + 1, 2, n - 2))
                  for c in LETTERS])
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
