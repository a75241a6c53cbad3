"""Candidate corrections for a suspicious word, and their noisy-channel rank.

Generation (per distinct word, cached for the run):
1. learned OCR rewrites (rn -> m, li -> h, tb -> th ...), up to two cheap
   ones combined, plus every plain edit at distance one;
2. for long words without a cheap candidate, a fuzzy search (rapidfuzz) over
   the vocabulary of similar length, up to distance 2 or 3;
3. words frequent in the document itself (the document lexicon), so that a
   misread name is corrected to the name the document uses elsewhere.

Rank: log10 P(observed | candidate) from the channel model plus
log10 P(candidate | left, right) from the context model, plus a bonus for
candidates the document uses.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .channel import channel_cost, default_confusions
from .lexicon import get_lexicon

LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Rewrites this cheap (log10 units) may be stacked two deep.
CHEAP_REWRITE = 2.6
# Rewrites dearer than this are never used to generate candidates.
MAX_REWRITE = 4.5
# Fuzzy search runs only when no generated candidate explains the word this cheaply.
FUZZY_WHEN_ABOVE = 4.0
# Candidates dearer than this in the channel are dropped.
MAX_CHANNEL = 7.0
# ... or, for long words, this much per letter (long words tolerate more damage).
CHANNEL_PER_LETTER = 0.9
# A document word must occur this often to be offered as a correction.
DOC_MIN_COUNT = 2
# Weight of the document bonus per log10 of occurrences.
DOC_BONUS = 1.5
# Channel cost of a lost word space ("kingwas" for "king was").
SPACE_LOST = 2.5


@dataclass(frozen=True)
class Scored:
    word: str          # lower-case candidate (two words for a split)
    channel: float     # -log10 P(observed | candidate)
    context: float     # log10 P(candidate | neighbours)
    doc_count: int     # occurrences of the candidate in the document/corpus
    score: float
    origin: str = "word"  # "word", "split" (words run together) or "join" (a split word)


def _offerable(word: str) -> bool:
    lex = get_lexicon()
    return lex.in_dictionary(word) or lex.zipf(word) >= 2.5


def _edits1(word: str):
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for a, b in splits:
        if b:
            yield a + b[1:]
            for c in LETTERS:
                if c != b[0]:
                    yield a + c + b[1:]
        if len(b) > 1:
            yield a + b[1] + b[0] + b[2:]
        for c in LETTERS:
            yield a + c + b


def _rewrites(word: str, max_cost: float):
    """Strings reachable from `word` by one learned rewrite of at most max_cost."""
    index = default_confusions().by_first
    for i in range(len(word)):
        for observed, intended, cost in index.get(word[i], ()):
            if cost > max_cost:
                break  # rows are sorted by cost
            if observed and word.startswith(observed, i):
                yield word[:i] + intended + word[i + len(observed):]


@lru_cache(maxsize=100_000)
def lexicon_candidates(word: str) -> tuple[tuple[str, float], ...]:
    """(candidate, channel cost) for a lower-case word, from the lexicon only."""
    found: set[str] = set()
    for one in _rewrites(word, MAX_REWRITE):
        found.add(one)
    for one in list(_rewrites(word, CHEAP_REWRITE)):
        found.update(_rewrites(one, CHEAP_REWRITE))
    found.update(_edits1(word))
    found.discard(word)
    scored = {c: channel_cost(word, c) for c in found if _offerable(c)}
    if len(word) >= 7 and min(scored.values(), default=99) > FUZZY_WHEN_ABOVE:
        for c in _fuzzy(word):
            if c not in scored:
                scored[c] = channel_cost(word, c)
    return tuple(sorted(((c, s) for c, s in scored.items() if s <= max(MAX_CHANNEL, CHANNEL_PER_LETTER * len(word))), key=lambda x: x[1]))


def _fuzzy(word: str) -> list[str]:
    pool = get_lexicon().vocabulary_by_length
    limit = 2 if len(word) < 10 else 3
    found = []
    for length in range(len(word) - limit, len(word) + limit + 1):
        choices = pool.get(length)
        if choices:
            found += [c for c, _d, _i in process.extract(
                word, choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=15)]
    return found


def doc_candidates(word: str, doc_words: list[str]) -> list[tuple[str, float]]:
    """Frequent document words within a few edits of `word`."""
    if len(word) < 4 or not doc_words:
        return []
    hits = process.extract(word, doc_words, scorer=Levenshtein.distance, score_cutoff=2, limit=5)
    return [(c, channel_cost(word, c)) for c, d, _ in hits if c != word and d <= max(1, len(word) // 4)]


def split_candidates(word: str) -> list[tuple[str, float]]:
    """Two known words run together: 'kingwas' -> 'king was'."""
    lex = get_lexicon()
    found = []
    for i in range(2, len(word) - 1):
        first, second = word[:i], word[i:]
        if _split_part_ok(first, lex) and _split_part_ok(second, lex):
            found.append((f"{first} {second}", SPACE_LOST))
    return found


def _split_part_ok(part: str, lex) -> bool:
    # Short parts need to be common words, or any split would look plausible.
    need = 4.5 if len(part) <= 2 else 3.5 if len(part) <= 3 else 3.0
    return lex.in_dictionary(part) and lex.zipf(part) >= need


def rank(
    word: str,
    left: str | None,
    right: str | None,
    extra: list[tuple[str, float]] = (),
    doc_counts=None,
) -> list[Scored]:
    """All candidates for `word` (lower-case) scored in this context, best first."""
    lex = get_lexicon()
    pool = dict(lexicon_candidates(word))
    for cand, cost in list(extra) + split_candidates(word):
        pool[cand] = min(cost, pool.get(cand, cost))
    ranked = []
    for cand, cost in pool.items():
        if " " in cand:
            first, second = cand.split(" ", 1)
            context = lex.context_score(left, first, None) + lex.context_score(first, second, right)
        else:
            context = lex.context_score(left, cand, right)
        count = doc_counts.get(cand, 0) if doc_counts is not None else 0
        bonus = DOC_BONUS * math.log10(1 + count) if count else 0.0
        origin = "split" if " " in cand else "word"
        ranked.append(Scored(cand, cost, context, count, context - cost + bonus, origin))
    ranked.sort(key=lambda s: (-s.score, s.word))
    return ranked
