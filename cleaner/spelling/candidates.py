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

from cleaner.context import LONGEST_WORD
from cleaner.spelling.channel import channel_cost, channel_cost_up_to, channel_cost_within, default_confusions
from cleaner.spelling.edits import DROP, REPLACE, classify, edit_places, edit_strings
from cleaner.spelling.lexicon import get_lexicon

# Rewrites this cheap (log10 units) may be stacked two deep.
CHEAP_REWRITE = 2.6
# Two rewrites are tried only when no single edit explains the word this cheaply.
TWO_REWRITES_WHEN_ABOVE = 2.5
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
# Document words offered for a word are at most this many edits away (one
# for words shorter than eight letters, see doc_edit_limit).
DOC_MAX_EDITS = 2
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


def _rewrites(word: str, max_cost: float) -> list[tuple[str, float]]:
    """(string, cost) reachable from `word` by one learned rewrite of at most
    max_cost, position by position, cheapest rewrite first at each."""
    confusions = default_confusions()
    rows, span = confusions.by_window(max_cost), confusions.longest_observed
    return [(word[:i] + intended + word[i + length:], cost)
            for i in range(len(word)) for _place, length, intended, cost in rows[word[i:i + span]]]


@lru_cache(maxsize=1)
def _lost_segments() -> tuple[tuple[int, str, float], ...]:
    """(place, intended, cost) of the learned rewrites that restore two or more
    letters printed as nothing; one lost letter is a plain edit."""
    return tuple((place, intended, cost) for place, _observed, intended, cost
                 in default_confusions().by_observed.get("", ()) if len(intended) > 1 and cost <= MAX_REWRITE)


# Generated candidates this many, cheapest first, get the exact channel cost.
REFINE = 8


@lru_cache(maxsize=100_000)
def lexicon_candidates(word: str, fuzzy: bool = True) -> tuple[tuple[str, float], ...]:
    """(candidate, channel cost) for a lower-case word, from the lexicon only.

    Generation tracks the cost of the rewrites used, an upper bound on the
    channel cost; only the cheapest few get the exact (dynamic programme) cost.
    Candidates of equal cost keep the order in which they are generated:
    learned rewrites by position and then cheapest first, then plain edits
    (see edits.py). The one-letter rewrites are plain edits too, so only the
    longer ones are spelt out; the plain edits that are words are then checked
    for a one-letter rewrite making them. A word longer than LONGEST_WORD has
    none: its edit strings alone take memory in the square of its length.
    """
    if len(word) > LONGEST_WORD:
        return ()
    confusions = default_confusions()
    lex = get_lexicon()
    rows, span = confusions.by_window(MAX_REWRITE, skip_plain=True), confusions.longest_observed
    longer = [(word[:i] + intended + word[i + length:], cost, (0, i, place))
              for i in range(len(word)) for place, length, intended, cost in rows[word[i:i + span]]]
    # Letters the scan lost altogether, most often a ligature ("rst" for "first", "ngers").
    # Some 30 segments at every place, and about one word in six gets any
    # word from them: the strings are filtered first, the rest built for the hits.
    # Once the lexicon knows the ends of its words, a place inside the word is
    # tried only for lengths that some word with these ends has (edits.end_key).
    ends = lex.offerable_ends()
    n, lost = len(word), _lost_segments()
    places = {k: edit_places(word, n + k, ends, n + 1, 2, n - 2) for k in {len(seg) for _, seg, _ in lost}}
    lost_hits = lex.offerable_among({word[:i] + intended + word[i:]
                                     for _place, intended, _cost in lost for i in places[len(intended)]})
    if lost_hits:
        longer += [(one, cost, (0, i, place)) for place, intended, cost in lost for i in range(n + 1)
                   if (one := word[:i] + intended + word[i:]) in lost_hits]
    offerable = lex.offerable_among({one for one, _, _ in longer} | edit_strings(word, ends)) | lost_hits
    # candidate -> (order of generation, cost of the cheapest way to generate it)
    found: dict[str, tuple[tuple, float]] = {}

    def add(one: str, order: tuple, cost: float) -> None:
        seen = found.get(one)
        found[one] = (order, cost) if seen is None else (min(seen[0], order), min(seen[1], cost))

    for one, cost, order in longer:
        if one in offerable:
            add(one, order, cost)
    for one in offerable:
        edit = classify(word, one, confusions.table, confusions.generic)
        if edit is None:
            continue
        (i, shape, letter), cost = edit
        add(one, (1, i, shape, letter), cost)
        if shape in (REPLACE, DROP):
            rewrite = confusions.plain_rewrite(word[i], one[i] if shape == REPLACE else "")
            if rewrite is not None and rewrite[1] <= MAX_REWRITE:
                add(one, (0, i, rewrite[0]), rewrite[1])
    found.pop(word, None)
    offered = sorted(((cost, 0, order, c) for c, (order, cost) in found.items()), key=lambda x: x[:3])
    if min((x[0] for x in offered), default=99.0) > TWO_REWRITES_WHEN_ABOVE:
        # Nothing cheap one step away: try two cheap misreadings together ("tlic").
        cheap = confusions.by_window(CHEAP_REWRITE)
        ones = _rewrites(word, CHEAP_REWRITE)
        # The strings alone first: their costs are needed only when one is a word.
        wanted = lex.offerable_among({one[:i] + intended + one[i + length:]
                                      for one, _cost in ones for i in range(len(one))
                                      for _place, length, intended, _cost2 in cheap[one[i:i + span]]}
                                     ).difference(found)
        more: dict[str, float] = {}
        if wanted:
            twos = [(one[:i] + intended + one[i + length:], cost + cost2)
                    for one, cost in ones
                    for i in range(len(one)) for _place, length, intended, cost2 in cheap[one[i:i + span]]]
            for two, cost in twos:
                if two in wanted and cost < more.get(two, 99.0):
                    more[two] = cost
        more.pop(word, None)
        offered += [(cost, 1, (k,), c) for k, (c, cost) in enumerate(more.items())]
        offered.sort(key=lambda x: x[:3])
    scored = {c: channel_cost_within(word, c, cost) for cost, _, _, c in offered[:REFINE]}
    scored.update((c, cost) for cost, _, _, c in offered[REFINE:])
    limit = max(MAX_CHANNEL, CHANNEL_PER_LETTER * len(word))
    if fuzzy and len(word) >= 7 and min(scored.values(), default=99) > FUZZY_WHEN_ABOVE:
        for c in _fuzzy(word):
            if c not in scored:
                # Dearer than the limit is dropped below, so the exact figure
                # is needed only up to it.
                scored[c] = channel_cost_up_to(word, c, limit)
    return tuple(sorted(((c, s) for c, s in scored.items() if s <= limit), key=lambda x: x[1]))


def _fuzzy(word: str) -> list[str]:
    """Words of similar length within distance 2 (3 for long words) that share
    the first or the last letter (OCR rarely ruins both ends at once)."""
    lex = get_lexicon()
    limit = 2 if len(word) < 10 else 3
    found = set()
    for length in range(len(word) - limit, len(word) + limit + 1):
        for choices in (lex.fuzzy_pool(length, first=word[0]), lex.fuzzy_pool(length, last=word[-1])):
            if choices:
                found.update(c for c, _d, _i in process.extract(
                    word, choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=10))
    return sorted(found)


def doc_edit_limit(length: int) -> int:
    """Edits allowed between a word of this length and a document word offered for it."""
    return min(DOC_MAX_EDITS, max(1, length // 4))


def doc_candidates(word: str, doc_words: list[str], corpus_hits=(), doc_hits=None) -> list[tuple[str, float]]:
    """Frequent document words within a few edits of `word` (the five closest,
    the earliest first among equally close ones). corpus_hits: (word,
    distance) of words listed after doc_words, closest first, already found
    (see neighbours.py); doc_hits, when given, the same for doc_words (at
    most five), found by the caller instead of searched here."""
    if len(word) < 4:
        return []
    hits = []
    if doc_hits is None and doc_words:
        found = process.extract(word, doc_words, scorer=Levenshtein.distance, score_cutoff=doc_edit_limit(len(word)),
                                limit=5)
        doc_hits = [(c, d) for c, d, _ in found]
    if doc_hits:
        hits = [(d, 0, k, c) for k, (c, d) in enumerate(doc_hits)]
    hits += [(d, 1, k, c) for k, (c, d) in enumerate(corpus_hits[:5])]
    hits.sort()
    return [(c, channel_cost(word, c)) for _d, _part, _k, c in hits[:5] if c != word]


@lru_cache(maxsize=100_000)
def split_candidates(word: str) -> tuple[tuple[str, float], ...]:
    """Two known words run together: 'kingwas' -> 'king was'."""
    if len(word) > LONGEST_WORD:
        return ()
    lex = get_lexicon()
    found = []
    for i in range(2, len(word) - 1):
        first, second = word[:i], word[i:]
        if _split_part_ok(first, lex) and _split_part_ok(second, lex):
            found.append((f"{first} {second}", SPACE_LOST))
    return tuple(found)


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
    fuzzy: bool = True,
) -> list[Scored]:
    """All candidates for `word` (lower-case) scored in this context, best first."""
    lex = get_lexicon()
    pool = dict(lexicon_candidates(word, fuzzy))
    for cand, cost in [*extra, *split_candidates(word)]:
        pool[cand] = min(cost, pool.get(cand, cost))
    ranked = [scored(lex, cand, cost, left, right, doc_counts) for cand, cost in pool.items()]
    ranked.sort(key=lambda s: (-s.score, s.word))
    return ranked


def scored(lex, cand: str, cost: float, left: str | None, right: str | None, doc_counts=None) -> Scored:
    """One candidate scored between its neighbours: context minus channel cost, plus the
    bonus of a word the document itself uses; a split is scored as its two words."""
    if " " in cand:
        first, second = cand.split(" ", 1)
        context = lex.context_score(left, first, None) + lex.context_score(first, second, right)
    else:
        context = lex.context_score(left, cand, right)
    count = doc_counts.get(cand, 0) if doc_counts is not None else 0
    bonus = DOC_BONUS * math.log10(1 + count) if count else 0.0
    origin = "split" if " " in cand else "word"
    return Scored(cand, cost, context, count, context - cost + bonus, origin)
