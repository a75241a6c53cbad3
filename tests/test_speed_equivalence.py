"""The fast candidate generation gives exactly what the plain edit-by-edit
walk gave: same candidates, same costs, and the same order among equal costs
(which decides which candidates get the exact channel cost)."""
from __future__ import annotations

import random

import pytest

from cleaner.spelling import candidates
from cleaner.spelling.channel import channel_cost, default_confusions
from cleaner.spelling.edits import LETTERS, classify, edit_strings
from cleaner.spelling.lexicon import get_lexicon


def _walk(word: str, confusions):
    """The reference: every plain edit in order, with its cost."""
    table, generic = confusions.table, confusions.generic
    for i in range(len(word) + 1):
        a, b = word[:i], word[i:]
        if b:
            yield a + b[1:], table.get((b[0], ""), generic["ins"])
            for c in LETTERS:
                if c != b[0]:
                    yield a + c + b[1:], table.get((b[0], c), generic["sub"])
        if len(b) > 1 and b[0] != b[1]:
            yield a + b[1] + b[0] + b[2:], 2 * generic["sub"]
        for c in LETTERS:
            yield a + c + b, table.get(("", c), generic["del"])


def _reference_rewrites(word: str, max_cost: float):
    """candidates._rewrites as it was: every row for the letter, cheapest first."""
    index = default_confusions().by_first
    for i in range(len(word)):
        for observed, intended, cost in index.get(word[i], ()):
            if cost > max_cost:
                break
            if observed and word.startswith(observed, i):
                yield word[:i] + intended + word[i + len(observed):], cost


def _reference_candidates(word: str, fuzzy: bool = True):
    """lexicon_candidates as it was before the set-based filter."""
    confusions = default_confusions()
    lex = get_lexicon()
    found: dict[str, float] = {}

    def add(candidate, cost):
        if cost < found.get(candidate, 99.0):
            found[candidate] = cost

    first = list(_reference_rewrites(word, candidates.MAX_REWRITE))
    for one, cost in first:
        add(one, cost)
    # Two or more letters lost at any place (a "fi" ligature), plain walk.
    for i in range(len(word) + 1):
        for _observed, intended, cost in default_confusions().by_first.get("", ()):
            if len(intended) > 1 and cost <= candidates.MAX_REWRITE:
                add(word[:i] + intended + word[i:], cost)
    for one, cost in _walk(word, confusions):
        add(one, cost)
    found.pop(word, None)
    offered = [(c, cost) for c, cost in found.items() if lex.offerable(c)]
    if min((cost for _, cost in offered), default=99.0) > candidates.TWO_REWRITES_WHEN_ABOVE:
        more: dict[str, float] = {}
        for one, cost in first:
            if cost <= candidates.CHEAP_REWRITE:
                for two, cost2 in _reference_rewrites(one, candidates.CHEAP_REWRITE):
                    if cost + cost2 < more.get(two, 99.0) and two not in found:
                        more[two] = cost + cost2
        more.pop(word, None)
        offered += [(c, cost) for c, cost in more.items() if lex.offerable(c)]
    offered.sort(key=lambda x: x[1])
    scored = {c: channel_cost(word, c) for c, _ in offered[:candidates.REFINE]}
    scored.update((c, cost) for c, cost in offered[candidates.REFINE:])
    if fuzzy and len(word) >= 7 and min(scored.values(), default=99) > candidates.FUZZY_WHEN_ABOVE:
        for c in candidates._fuzzy(word):
            if c not in scored:
                scored[c] = channel_cost(word, c)
    limit = max(candidates.MAX_CHANNEL, candidates.CHANNEL_PER_LETTER * len(word))
    return tuple(sorted(((c, s) for c, s in scored.items() if s <= limit), key=lambda x: x[1]))


WORDS = ["tbe", "wlien", "unansweringly", "tlie", "rnay", "bouse", "aud", "tliat", "hkely", "ofthe", "kingwas",
         "illite", "goverment", "recieve", "cornmittee", "tbat", "sball", "wben", "heen", "arid", "lias",
         "mucb", "th'", "o'er", "don't", "aa", "abba", "mississipi", "1n", "w0rd", "nnn", "qqq", "teh", "hte"]


def _noisy_words(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pool = sorted(get_lexicon().offerable_words)
    out = []
    for _ in range(count):
        word = list(rng.choice(pool))
        for _ in range(rng.randint(1, 2)):
            k = rng.randrange(len(word))
            op = rng.randrange(4)
            if op == 0:
                word[k] = rng.choice(LETTERS + "01'")
            elif op == 1 and len(word) > 2:
                del word[k]
            elif op == 2:
                word.insert(k, rng.choice("ilnrmuh'"))
            else:
                word[k:k + 1] = list(rng.choice(["rn", "li", "ii", "tb", "cl", "vv"]))
        out.append("".join(word))
    return out


def _all_ends(kind):
    from cleaner.spelling.edits import EndKeys, end_key

    words = get_lexicon().offerable_words
    return EndKeys(words) if kind == "bits" else frozenset(end_key(w, len(w)) for w in words)


@pytest.mark.parametrize("with_ends", [False, "set", "bits"])
@pytest.mark.parametrize("word", WORDS + _noisy_words(150))
def test_candidates_match_the_edit_walk(word, with_ends, monkeypatch):
    # Generation skips inner edits by the end keys only once many words were seen: try both ways.
    ends = _all_ends(with_ends) if with_ends else None
    monkeypatch.setattr(type(get_lexicon()), "offerable_ends", lambda self: ends)
    for fuzzy in (False, True):
        assert candidates.lexicon_candidates.__wrapped__(word, fuzzy) == _reference_candidates(word, fuzzy)


def _plain_edit_strings(word: str) -> set[str]:
    return {one for one, _cost in _walk(word, default_confusions())} | ({word} if len(word) > 1 else set())


@pytest.mark.parametrize("seed", range(6))
def test_edit_strings_with_end_keys_keep_every_word_of_the_set(seed):
    """Inner edits are left out only for lengths no word of the set with the
    same ends has: the words of the set among the strings never change."""
    from cleaner.spelling.edits import EndKeys, end_key

    rng = random.Random(seed)
    words = ["", "a", "ab", "abc", "abcd", "abcde", "aab", "aaaa"] + \
        ["".join(rng.choice("abeilnrt") for _ in range(rng.randint(1, 11))) for _ in range(300)]
    for word in words:
        every = edit_strings(word)
        assert every - {word} == _plain_edit_strings(word) - {word}
        # A set holding some edits of the word (inner ones included) and some unrelated words.
        chosen = set(rng.sample(sorted(every), min(len(every), rng.randint(0, 12)))) | set(rng.sample(words, 20))
        ends = frozenset(end_key(w, len(w)) for w in chosen)
        assert edit_strings(word, ends) & chosen == every & chosen, word
        assert edit_strings(word, EndKeys(chosen)) & chosen == every & chosen, word
        assert edit_strings(word, frozenset()) <= every


@pytest.mark.parametrize("word", ["tbe", "abba", "aab", "th'e", "w0rd", "mississippi", "x"])
def test_classify_matches_first_edit_in_walk(word):
    confusions = default_confusions()
    first: dict[str, tuple[int, float]] = {}
    for k, (one, cost) in enumerate(_walk(word, confusions)):
        if one not in first or cost < first[one][1]:
            first[one] = (first.get(one, (k, 0))[0], cost)
    strings = edit_strings(word) - {word}
    assert strings == set(first) - {word}
    order = sorted(strings, key=lambda s: first[s][0])
    got = {s: classify(word, s, confusions.table, confusions.generic) for s in strings}
    assert sorted(strings, key=lambda s: got[s][0]) == order
    assert all(got[s][1] == first[s][1] for s in strings)


def _reference_cost(observed: str, intended: str, confusions) -> float:
    """channel._cost written plainly: every rewrite looked up at every place,
    segments printed as nothing allowed anywhere."""
    if observed == intended:
        return 0.0
    table = confusions.table
    sub, ins, dele = confusions.generic["sub"], confusions.generic["ins"], confusions.generic["del"]
    n, m = len(observed), len(intended)
    multi = [
        [(len(o), seg, cost)
         for o, seg, cost in confusions.by_first.get(observed[i:i + 1], []) + (confusions.by_first.get("", [])
                                                                               if i < n else [])
         if (len(o) > 1 or len(seg) > 1) and observed.startswith(o, i)]
        for i in range(n + 1)
    ]
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        row = best[i]
        char = observed[i] if i < n else ""
        lost_cost = table.get((char, ""), ins) if i < n else inf
        for j in range(m + 1):
            here = row[j]
            if here == inf:
                continue
            if i < n:
                if j < m:
                    step = 0.0 if char == intended[j] else table.get((char, intended[j]), sub)
                    best[i + 1][j + 1] = min(best[i + 1][j + 1], here + step)
                best[i + 1][j] = min(best[i + 1][j], here + lost_cost)
            if j < m:
                row[j + 1] = min(row[j + 1], here + table.get(("", intended[j]), dele))
            for lo, seg, step in multi[i]:
                if intended.startswith(seg, j):
                    best[i + lo][j + len(seg)] = min(best[i + lo][j + len(seg)], here + step)
    return best[n][m]


@pytest.mark.parametrize("observed", WORDS + _noisy_words(60, seed=11))
def test_channel_cost_matches_reference(observed):
    from cleaner.spelling.channel import _cost

    confusions = default_confusions()
    intended = [c for c, _ in _reference_candidates(observed, fuzzy=False)][:12]
    intended += ["the", "nothing", observed + "ing", observed[:-1], "m" + observed]
    for word in intended:
        assert _cost.__wrapped__(observed, word, confusions) == _reference_cost(observed, word, confusions)


def test_word_sets_answer_like_the_tables():
    from cleaner.spelling.lexicon import KNOWN_ZIPF, POOL_ZIPF, Lexicon

    lex = Lexicon()
    words = set(WORDS) | set(_noisy_words(300, seed=3)) | {"The", "colour", "maister", "o'er", "", "x", "Ab"}
    for word in list(words):
        words |= set(list(edit_strings(word.lower()))[:80])
    known_words = lex.offerable_words - frozenset(lex._tables[4].split(" "))
    lex._known_asks = 10**6
    for word in words:
        value = lex._raw(word)
        offerable = value is not None and bool(value & 1 or (value >> 1) >= POOL_ZIPF * 100)
        known = value is not None and bool(value & 1 or (value >> 1) >= KNOWN_ZIPF * 100)
        assert (word.lower() in lex.offerable_words) == offerable, word
        assert (word.lower() in known_words) == known == lex.is_known(word), word
    assert lex.is_known("the") and not lex.is_known("tbe") and lex.offerable("The")


@pytest.mark.parametrize("observed", WORDS + _noisy_words(60, seed=29))
def test_channel_cost_with_lost_segments_matches_reference(observed):
    """Intended words holding segments the scan may print as nothing ("fi",
    "ing"), at every place, priced with and without a bound."""
    from cleaner.spelling.channel import _cost

    confusions = default_confusions()
    segments = ["fi", "fl", "ff", "ing", "ed", "'s", "an"]
    for seg in segments:
        for i in range(len(observed) + 1):
            intended = observed[:i] + seg + observed[i:]
            exact = _reference_cost(observed, intended, confusions)
            assert _cost.__wrapped__(observed, intended, confusions) == exact
            for bound in (1.0, exact, 4.0):
                got = _cost.__wrapped__(observed, intended, confusions, bound)
                assert (got if got <= bound else None) == (exact if exact <= bound else None)


@pytest.mark.parametrize("observed", WORDS + _noisy_words(60, seed=13))
def test_bounded_channel_cost_is_exact(observed):
    from cleaner.spelling.channel import channel_cost_within

    confusions = default_confusions()
    for word in [c for c, _ in _reference_candidates(observed, fuzzy=False)][:12] + ["the", observed + "s"]:
        exact = _reference_cost(observed, word, confusions)
        for bound in (0.0, 0.5, 1.5, 2.74, 3.0, 3.637, 5.0, exact, 99.0):
            assert channel_cost_within(observed, word, bound) == exact


def _reference_doc_candidates(word, doc_words):
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    if len(word) < 4 or not doc_words:
        return []
    hits = process.extract(word, doc_words, scorer=Levenshtein.distance, score_cutoff=2, limit=5)
    return [(c, channel_cost(word, c)) for c, d, _ in hits if c != word and d <= max(1, len(word) // 4)]


@pytest.mark.parametrize("with_corpus", [False, True])
def test_document_candidates_match_the_whole_list_search(with_corpus):
    from cleaner import Config
    from cleaner.context import Context
    from cleaner.spelling.neighbours import DocumentNeighbours

    rng = random.Random(5)
    vocabulary = [w for w in _noisy_words(300, seed=17) + sorted(get_lexicon().offerable_words)[::500]
                  if len(w) >= 4 and w.isalpha()]
    text = " ".join(rng.choice(vocabulary) for _ in range(3000))
    extra = [w for w in _noisy_words(300, seed=23) if w.isalpha()]
    corpus = tuple((w, rng.randint(1, 9)) for w in dict.fromkeys(rng.sample(vocabulary, 150) + extra)) \
        if with_corpus else ()
    ctx = Context(text, Config(corpus_counts=corpus))
    whole = [w for w, n in ctx.word_counts.items() if n >= 2 and len(w) >= 4 and w.isalpha()]
    neighbours = DocumentNeighbours(ctx)
    for word in WORDS + _noisy_words(200, seed=19) + vocabulary[:100]:
        assert neighbours.candidates(word) == _reference_doc_candidates(word, whole), word


@pytest.mark.parametrize("seed", range(4))
def test_one_edit_index_matches_the_whole_list_search(seed):
    """Words one edit away found through shared halves are exactly those a
    search of the whole list finds, in its order (closest, then list order)."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    from cleaner.spelling.neighbours import OneEditIndex

    rng = random.Random(seed)
    alphabet = "abeilnrst\u00e9"  # few letters: many words one edit apart, many ties
    words = list(dict.fromkeys("".join(rng.choice(alphabet) for _ in range(rng.randint(2, 9)))
                               for _ in range(3000)))
    index = OneEditIndex(words)
    queries = words[:200] + ["".join(rng.choice(alphabet) for _ in range(rng.randint(2, 8))) for _ in range(300)]
    for word in words[200:400]:
        k = rng.randrange(len(word))
        queries += [word[:k] + word[k + 1:], word[:k] + rng.choice(alphabet) + word[k:],
                    word[:k] + rng.choice(alphabet) + word[k + 1:], word[:k] + word[k + 1:k + 2] + word[k:k + 1] + word[k + 2:]]
    for query in queries:
        if len(query) < 2:
            continue
        whole = [(c, d) for c, d, _ in process.extract(query, words, scorer=Levenshtein.distance, score_cutoff=1,
                                                       limit=None)]
        assert index.within_one(query) == whole, query
