"""Token alignment and the error counts built on it.

Tokens are whitespace-separated. Two token sequences are aligned with a
Levenshtein alignment over tokens (rapidfuzz works on lists of strings); a
token is correct where it is aligned one-to-one with an identical token.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

TOKEN = re.compile(r"\S+")


def tokens_with_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def tokens(text: str) -> list[str]:
    return text.split()


def kept_map(source: list[str], target: list[str]) -> list[int | None]:
    """For each source token, the index of the identical target token it is aligned to, else None."""
    mapping: list[int | None] = [None] * len(source)
    for op in Levenshtein.opcodes(source, target):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                mapping[op.src_start + k] = op.dest_start + k
    return mapping


def gold_map(source: list[str], target: list[str]) -> list[tuple[int, int]]:
    """For each source token, the target span [start, end) it lines up with.

    Equal and substituted tokens map to one target token; a deleted source token
    maps to the empty span at its position. Inserted target tokens belong to
    no source token."""
    spans: list[tuple[int, int]] = [(0, 0)] * len(source)
    for op in Levenshtein.opcodes(source, target):
        n_src = op.src_end - op.src_start
        if op.tag in ("equal", "replace") and n_src == op.dest_end - op.dest_start:
            for k in range(n_src):
                spans[op.src_start + k] = (op.dest_start + k, op.dest_start + k + 1)
        else:
            for k in range(n_src):
                spans[op.src_start + k] = (op.dest_start, op.dest_start)
    return spans


def erroneous(ocr: list[str], gold: list[str]) -> list[bool]:
    """True for each OCR token that is not aligned one-to-one with an identical gold token."""
    return [m is None for m in kept_map(ocr, gold)]


@dataclass
class EditCounts:
    """Word and character edits of a hypothesis against the reference, and the reference size."""

    word_edits: int = 0
    words: int = 0
    char_edits: int = 0
    chars: int = 0

    def __iadd__(self, other: "EditCounts") -> "EditCounts":
        self.word_edits += other.word_edits
        self.words += other.words
        self.char_edits += other.char_edits
        self.chars += other.chars
        return self

    @property
    def wer(self) -> float:
        return self.word_edits / self.words if self.words else 0.0

    @property
    def cer(self) -> float:
        return self.char_edits / self.chars if self.chars else 0.0


def edit_counts(hyp: list[str], ref: list[str]) -> EditCounts:
    """WER and CER counts over whitespace-normalised text.

    Characters are compared block by block along the token alignment (runs of
    non-equal tokens merged), which keeps long documents fast; it is an upper
    bound of the full character distance and equal to it in nearly all cases."""
    counts = EditCounts(words=len(ref), chars=len(" ".join(ref)))
    counts.word_edits = Levenshtein.distance(hyp, ref)
    blocks: list[list[int]] = []
    for op in Levenshtein.opcodes(hyp, ref):
        if op.tag == "equal":
            continue
        if blocks and blocks[-1][1] == op.src_start and blocks[-1][3] == op.dest_start:
            blocks[-1][1], blocks[-1][3] = op.src_end, op.dest_end
        else:
            blocks.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    for a, b, c, d in blocks:
        h, r = " ".join(hyp[a:b]), " ".join(ref[c:d])
        if h and r:
            counts.char_edits += Levenshtein.distance(h, r)
        else:
            # A whole run inserted or deleted takes its separating space with it.
            counts.char_edits += len(h or r) + 1
    return counts


def changed_region(old: list[str], new: list[str]) -> tuple[int, int, int]:
    """Smallest region that differs: old[i:j] became new[i:k] (common prefix and suffix removed)."""
    i = 0
    limit = min(len(old), len(new))
    while i < limit and old[i] == new[i]:
        i += 1
    s = 0
    while s < limit - i and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return i, len(old) - s, len(new) - s


def fix_verdict(old: list[str], gold: list[str], spans: list[tuple[int, int]],
                lo: int, hi: int, new_window: list[str]) -> tuple[bool, bool] | None:
    """Judge replacing old[lo:hi] by `new_window`: (token-exact right, character-exact right).

    `spans` is gold_map(old, gold); old[lo:hi] should hold the changed tokens
    plus a few tokens of context. Token-exact: the change removes as many token
    errors as it touches tokens, so the new tokens are exactly what the gold has
    (whatever the alignment of ambiguous repeats). Character-exact: every
    character the change edits moves the window closer to the gold, so the fix
    is right even when a neighbouring character (often punctuation the gold
    normalised) is still off. None when nothing token-visible changed."""
    old_window = old[lo:hi]
    i, j, k = changed_region(old_window, new_window)
    if i == j and i == k:
        return None
    # The gold window includes gold tokens inserted right at its edges.
    g_lo = spans[lo - 1][1] if lo > 0 else 0
    g_hi = spans[hi][0] if hi < len(old) else len(gold)
    gold_window = gold[g_lo:g_hi]
    before = Levenshtein.distance(old_window, gold_window)
    after = Levenshtein.distance(new_window, gold_window)
    token_right = after < before and after == before - max(j - i, k - i)
    old_s, new_s, gold_s = " ".join(old_window), " ".join(new_window), " ".join(gold_window)
    char_gain = Levenshtein.distance(old_s, gold_s) - Levenshtein.distance(new_s, gold_s)
    char_right = char_gain > 0 and char_gain == Levenshtein.distance(old_s, new_s)
    return token_right, char_right


def fix_is_right(old: list[str], gold: list[str], spans: list[tuple[int, int]],
                 lo: int, hi: int, new_window: list[str]) -> bool | None:
    """Token-exact verdict of fix_verdict (None when nothing token-visible changed)."""
    verdict = fix_verdict(old, gold, spans, lo, hi, new_window)
    return None if verdict is None else verdict[0]
