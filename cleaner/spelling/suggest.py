"""Ranked suggestions for a flagged word, whichever rule flagged it.

The candidate generator and the noisy-channel rank of the spelling engine
(candidates.py) are asked once per distinct (word, left, right) in a
document; a rule that only flags a word ("thc", "ot", "1ike") then still
lists the readings a reviewer is most likely to want. Suggestions never
become fixes here: a rule's own fix, when it has one, stays first.
"""
from __future__ import annotations

import weakref
from bisect import bisect_right
from dataclasses import replace

from cleaner.casing import match_case
from cleaner.spelling.candidates import lexicon_candidates, scored, split_candidates
from cleaner.spelling.lexicon import get_lexicon
from cleaner.spelling.placement import neighbour_words

MAX_SUGGESTIONS = 5
# Readings ranked in context for a word the word analysis did not judge.
POOL = 24


def candidates(lower: str) -> list[str]:
    """Every reading the engine generates for a lower-case word, out of context, cheapest first."""
    return [c for c, _ in lexicon_candidates(lower)] + [c for c, _ in split_candidates(lower)]


def ranked(lower: str, left: str | None, right: str | None, doc_counts=None, limit: int = MAX_SUGGESTIONS) -> list[str]:
    """The best `limit` readings of a lower-case word between two (lower-case) neighbours.

    For a word the word analysis did not judge (a lone letter, a known word, a
    word with digits or capitals inside) only the POOL likeliest readings out of
    context, without the fuzzy search, are ranked in context: a fraction of the
    cost of a full rank."""
    lex = get_lexicon()
    generated = lexicon_candidates(lower, False)
    if len(generated) > POOL:
        # A lone letter or pair has a hundred cheap readings; the likeliest out of context
        # (frequency times channel) hold the ones its neighbours pick ("said t that": it, to).
        generated = sorted(generated, key=lambda c: c[1] - lex.log_prob(c[0]))[:POOL]
    pool = list(generated) + list(split_candidates(lower))
    ranking = sorted((scored(lex, cand, cost, left, right, doc_counts) for cand, cost in pool),
                     key=lambda s: (-s.score, s.word))
    return [s.word for s in ranking[:limit]]


def merged(own: tuple[str, ...], more: list[str], limit: int = MAX_SUGGESTIONS) -> tuple[str, ...]:
    """The rule's own suggestions first, then the engine's, without repeats, at most `limit`."""
    out = list(own)
    seen = {s.casefold() for s in own}
    for s in more:
        if len(out) >= max(limit, len(own)):
            break
        if s.casefold() not in seen:
            seen.add(s.casefold())
            out.append(s)
    return tuple(out)


# ctx -> {(lower, left, right): ranked words}; the word analysis (spelling/analysis.py)
# records what it ranked, so a flagged word it already judged costs nothing more.
_RANKED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def remember(ctx, lower: str, left: str | None, right: str | None, words: list[str]) -> None:
    _RANKED.setdefault(ctx, {}).setdefault((lower, left, right), words[:MAX_SUGGESTIONS])


def readings(ctx, i: int) -> list[str]:
    """The engine's best readings of token i of the document, in its context."""
    start, end, word = ctx.words[i]
    lower = word.lower()
    left, right = neighbour_words(ctx, i)
    memo = _RANKED.setdefault(ctx, {})
    key = (lower, left, right)
    found = memo.get(key)
    if found is None:
        found = memo[key] = ranked(lower, left, right, ctx.word_counts)
    return found


def with_suggestions(findings, ctx, rules=None):
    """Each finding (of one of `rules`, a set of codes; None: any) whose span holds exactly
    one word, with the engine's readings of that word added after the suggestions the rules
    gave (up to MAX_SUGGESTIONS in all)."""
    words = ctx.words
    starts = None
    for f in findings:
        if len(f.suggestions) >= MAX_SUGGESTIONS or rules is not None and f.rule not in rules:
            yield f
            continue
        if starts is None:
            starts = [w[0] for w in words]
        k = bisect_right(starts, f.start)
        inside = [j for j in range(max(0, k - 1), min(len(words), k + 2))
                  if words[j][0] < f.end and words[j][1] > f.start]
        if len(inside) != 1 or not (f.start <= words[inside[0]][0] and words[inside[0]][1] <= f.end):
            yield f
            continue
        i = inside[0]
        start, end, word = words[i]
        head, tail = ctx.text[f.start:start], ctx.text[end:f.end]
        more = [s for r in readings(ctx, i) if (s := head + match_case(word, r) + tail) != f.text]
        yield replace(f, suggestions=merged(f.suggestions, more))
