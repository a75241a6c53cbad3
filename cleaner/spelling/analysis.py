"""The per-document word analysis: every suspicious word with its best correction.

One analysis per document serves the non-word rule, the segmentation rules (a
word may be best explained as two words run together, or as half of a word
split in two) and the rules that defer to them. Words are judged once per
distinct spelling and context.

Left alone: capitalised words inside a sentence (names), all-caps
abbreviations, numbers, URLs and e-mail addresses, words in config.words,
halves of a line-end hyphenation (the hyphenation rules own those), words with
letters outside English, and words that recur in the document or corpus
(TICCL's document lexicon) unless they are a cheap misreading of a very
frequent word ("tbe").
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, replace

from cleaner.spelling.candidates import Scored, rank
from cleaner.spelling.knowledge import archaic_variant, known_word, old_spelling
from cleaner.spelling.lexicon import get_lexicon
from cleaner.spelling.neighbours import DocumentNeighbours
from cleaner.spelling.placement import candidate_word, neighbour_words, sentence_initial
from cleaner.spelling.suggest import remember

# Channel cost of a space inserted inside a word ("illite rate").
SPACE_ADDED = 2.5
# A lost space almost always follows or precedes a function word ("kingwas");
# two content words run together are usually a closed compound ("beerhouse").
SPLIT_NEEDS_ZIPF = 5.8
# Distinct old spellings that mark a whole document as early modern.
ARCHAIC_DOCUMENT = 4
FUZZY_PER_DOC = 50
FUZZY_CHARS = 2000
# Share (and least number) of a document's unknown words that are older spellings
# of known words, from which the document is taken to be spelt in an older style.
EARLY_MODERN_SHARE = 0.25
EARLY_MODERN_MIN = 2
# In such a document a correction is a fix only with this much confidence (log10 odds).
EARLY_MODERN_FIX_CONFIDENCE = 3.0
# log10 penalty for a genuine word that no word list holds when judging how
# sure a correction is (warning level), tuned on the TUNE split.
WARN_NOVELTY = 2.0
# A capitalised word is read as a misread word only when the reading beats
# both its runner-up and the word as printed by this much (log10 odds) at
# this channel cost at most; measured on TUNE (benchmarks/README.md, Ranking).
CAPITAL_MIN_ODDS = 1.0
CAPITAL_MAX_CHANNEL = 5.0


@dataclass(frozen=True)
class Verdict:
    start: int
    end: int
    word: str
    kind: str                 # "word" | "split" (merged words) | "join" (split word)
    best: Scored
    runner_up: Scored | None
    confidence: float         # log10 odds of best over runner-up and over keeping
    replacement: str
    doc_count: int
    over_runner: float = 0.0  # log10 odds of best over the runner-up
    over_keep: float = 0.0    # log10 odds of best over the word as printed (no novelty penalty)
    archaic: bool = False     # an early modern spelling of a known word
    fixable: bool = True      # False: the correction is only suggested
    early_modern_doc: bool = False  # the document is spelt in an older style
    mid_capital: bool = False  # capitalised inside a sentence: a name, or a misread capital ("Avith")


_ANALYSES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def analyse(ctx) -> list[Verdict]:
    """Every suspicious word of the document with its best correction."""
    cached = _ANALYSES.get(ctx)
    if cached is None:
        cached = list(_analyse(ctx))
        archaic = {v.word.lower() for v in cached if v.archaic}
        if len(archaic) >= ARCHAIC_DOCUMENT:
            # Document evidence: this text is spelt in an older style throughout,
            # so its old spellings are its own, not misreadings.
            cached = [v for v in cached if not v.archaic]
        if early_modern(cached):
            # A book spelt before standard spelling (maister, countrey, comming):
            # its old spellings are not reported, and what is left is only
            # offered as a suggestion unless the evidence is strong.
            cached = [replace(v, early_modern_doc=True, fixable=v.fixable and v.confidence >= EARLY_MODERN_FIX_CONFIDENCE)
                      for v in cached if not old_spelling(v.word.lower())]
        _ANALYSES[ctx] = cached
    return cached



def early_modern(verdicts) -> bool:
    """Whether the document's unknown words are largely older spellings of
    known words (measured on TUNE: a quarter or more in 35 of 38 early modern
    book pages, 6 of 160 newspaper and novel documents)."""
    words = {v.word.lower() for v in verdicts if v.kind == "word"}
    old = sum(old_spelling(w) for w in words)
    return old >= EARLY_MODERN_MIN and old >= EARLY_MODERN_SHARE * len(words)


def _analyse(ctx):
    lex = get_lexicon()
    counts = ctx.word_counts
    neighbours = None
    seen: dict[tuple, Verdict | None] = {}
    words = ctx.words
    consumed = -1  # a join takes the next token too
    # Fuzzy search is the slow path: a document gets a budget of them, in order.
    fuzzy_budget = FUZZY_PER_DOC + len(ctx.text) // FUZZY_CHARS
    known: dict[str, bool] = {}
    for i, (start, end, word) in enumerate(words):
        if len(word) < 3 or word.isupper() or not word.isascii() or i <= consumed:
            continue
        lower = word.lower()
        is_known = known.get(lower)
        if is_known is None:
            is_known = known[lower] = known_word(lex, lower)
        if is_known or not candidate_word(ctx, i):
            continue
        left, right = neighbour_words(ctx, i)
        joins = _join_options(ctx, i, lex, left, right)
        key = (lower, left, right, tuple(j[1].word for j in joins))
        if key not in seen:
            if neighbours is None:
                neighbours = DocumentNeighbours(ctx)
            fuzzy = fuzzy_budget > 0
            # Document words near this one: they depend on the word and the document, not the context.
            ranked = rank(lower, left, right, neighbours.candidates(lower), counts, fuzzy)
            fuzzy_budget -= fuzzy and len(lower) >= 7
            remember(ctx, lower, left, right, [s.word for s in ranked])
            ranked = sorted(ranked + [j[1] for j in joins], key=lambda s: (-s.score, s.word))
            seen[key] = _decide(lex, lower, ranked, counts[lower], left, right, word[0].isupper())
        verdict = seen[key]
        if verdict is None:
            continue
        if verdict.kind == "join":
            side = next(side for side, scored in joins if scored == verdict.best)
            s, e = (words[i - 1][0], end) if side == "l" else (start, words[i + 1][1])
            if side == "r":
                consumed = i + 1
            yield replace(verdict, start=s, end=e, word=ctx.text[s:e],
                          replacement=match_case(ctx.text[s:e], verdict.best.word))
        else:
            mid_capital = word[0].isupper() and not sentence_initial(ctx.text, start)
            replacement = match_case(word, verdict.best.word)
            if mid_capital and verdict.best.word[:1] != lower[:1]:
                replacement = verdict.best.word  # the capital was part of the misreading: "Avith" is "with"
            yield replace(verdict, start=start, end=end, word=word, replacement=replacement,
                          mid_capital=mid_capital)


def _join_options(ctx, i: int, lex, left, right) -> list[tuple[str, Scored]]:
    """Joining with a lower-case neighbour across one space: 'illite rate'."""
    words, text = ctx.words, ctx.text
    found = []
    start, end, word = words[i]
    if i > 0 and left and text[words[i - 1][1]:start] == " " and words[i - 1][2].islower():
        found.append(("l", left + word.lower(), neighbour_words(ctx, i - 1)[0], right))
    if i + 1 < len(words) and right and text[end:words[i + 1][0]] == " " and words[i + 1][2].islower():
        found.append(("r", word.lower() + right, left, neighbour_words(ctx, i + 1)[1]))
    options = []
    for side, joined, outer_left, outer_right in found:
        if lex.in_dictionary(joined) and lex.zipf(joined) >= 2.0:
            context = lex.context_score(outer_left, joined, outer_right)
            count = ctx.word_counts.get(joined, 0)
            options.append((side, Scored(joined, SPACE_ADDED, context, count, context - SPACE_ADDED, "join")))
    return options


def _decide(lex, lower, ranked, own_count, left, right, capitalised) -> Verdict | None:
    if not ranked:
        return None
    best = ranked[0]
    if best.word == lower:
        return None  # the fuzzy search found the word itself: its own best reading, nothing to correct
    runner = ranked[1] if len(ranked) > 1 else None
    # Keeping the word: no channel cost, but a word no list knows is improbable.
    keep = lex.context_score(left, lower, right)
    over_runner = best.score - runner.score if runner else 6.0
    over_keep = best.score - keep
    if capitalised and not (best.origin == "word" and best.channel <= 3.0 and lex.zipf(best.word) >= 4.5) \
            and not (best.origin == "word" and best.channel <= CAPITAL_MAX_CHANNEL
                     and min(over_runner, over_keep) >= CAPITAL_MIN_ODDS):
        # A capital is most often a name: only "Tbe" -> "The", or a reading
        # that beats both the runner-up and the word as printed 10:1.
        return None
    confidence = min(over_runner, over_keep + WARN_NOVELTY)
    if own_count >= 2:
        # A recurring spelling is the document's own word unless it is a cheap
        # misreading of a very common word.
        if not (best.channel <= 3.0 and lex.zipf(best.word) >= 5.0):
            return None
    if best.origin == "split" and max(lex.zipf(part) for part in best.word.split()) < SPLIT_NEEDS_ZIPF:
        return None  # "beerhouse", "publichouse": closed compounds, not lost spaces
    return Verdict(0, 0, lower, best.origin, best, runner, confidence, best.word, best.doc_count,
                   over_runner, over_keep, archaic_variant(lex, lower), fixable=_settles(lex, lower, best))


def _settles(lex, lower: str, best: Scored) -> bool:
    """Whether applying the reading leaves a word that a second `fix` keeps. Between two rare
    words that the lists leave out but the frequency list holds ("debutant", "debutante"),
    each is the other's best reading: the swap is only suggested unless the reading is the
    more frequent, so fixes never cycle."""
    if best.origin != "word" or lex.is_known(best.word) or not lex.offerable(lower):
        return True
    return lex.zipf(best.word) > lex.zipf(lower)


def match_case(source: str, target: str) -> str:
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target

