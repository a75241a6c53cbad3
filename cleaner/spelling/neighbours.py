"""Words of the document (and of the run's corpus) close to a suspicious word:
TICCL's document lexicon, offered as corrections by candidates.doc_candidates.

The words searched are those of ctx.word_counts that occur at least
DOC_MIN_COUNT times: the document's own words in the order they first occur,
then the corpus words (Config.corpus_counts) the document does not use. The
corpus part is the same for every document of a run, so its search is done
once per word for the whole run and only merged here; and a word is only
compared with words whose length allows the edits permitted. Both give what
one search over the whole list gives, ties included (equally close words
rank in list order).
"""
from __future__ import annotations

from bisect import bisect_left

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from cleaner.spelling.candidates import DOC_MIN_COUNT, doc_candidates, doc_edit_limit

# Words whose corpus matches are remembered per run (most have none).
CORPUS_CACHE = 50_000


def offerable_doc_word(word: str, count: int) -> bool:
    return count >= DOC_MIN_COUNT and len(word) >= 4 and word.isalpha()


def _in_length(words: list[str], length: int, cache: dict[int, list[str]]) -> list[str]:
    """The words whose length lets them be close enough to a word of this length."""
    found = cache.get(length)
    if found is None:
        limit = doc_edit_limit(length)
        found = cache[length] = [w for w in words if abs(len(w) - length) <= limit]
    return found


class OneEditIndex:
    """Words one edit from a query, without comparing the query with every
    word of its length window (most words are searched with one edit
    allowed, see doc_edit_limit).

    One edit leaves one half of a word alone: a word at most one edit from
    the query starts with the query's first half or ends with its second half
    (its length within one of the query's). So the words of each length are
    kept sorted, forwards and reversed, and only the runs sharing a half are
    measured. The answer is what a search of the whole list gives: every word
    within one edit, closest first, then in list order."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        by_length: dict[int, list[tuple[str, int]]] = {}
        for k, word in enumerate(words):
            by_length.setdefault(len(word), []).append((word, k))
        self.by_length = {}
        for length, items in by_length.items():
            forwards = sorted(items)
            backwards = sorted((word[::-1], k) for word, k in items)
            self.by_length[length] = ([w for w, _ in forwards], [k for _, k in forwards],
                                      [w for w, _ in backwards], [k for _, k in backwards])

    def within_one(self, word: str) -> list[tuple[str, int]]:
        """(word, distance) of the words at most one edit away, closest first, then in list order."""
        half = len(word) // 2
        head, tail = word[:half], word[half:][::-1]
        places: set[int] = set()
        for length in (len(word) - 1, len(word), len(word) + 1):
            found = self.by_length.get(length)
            if found is None:
                continue
            forwards, forward_places, backwards, backward_places = found
            for sorted_words, sorted_places, part in ((forwards, forward_places, head),
                                                      (backwards, backward_places, tail)):
                i = bisect_left(sorted_words, part)
                while i < len(sorted_words) and sorted_words[i].startswith(part):
                    places.add(sorted_places[i])
                    i += 1
        words = self.words
        hits = sorted((d, k) for k in places if (d := Levenshtein.distance(word, words[k], score_cutoff=1)) <= 1)
        return [(words[k], d) for d, k in hits]


class CorpusWords:
    """The run's corpus words that may be offered, and their matches per word."""

    def __init__(self, corpus_counts: tuple[tuple[str, int], ...]) -> None:
        self.counts = corpus_counts
        self.words = [w for w, n in corpus_counts if offerable_doc_word(w, n)]
        self._windows: dict[int, list[str]] = {}
        self._hits: dict[str, tuple[tuple[str, int], ...]] = {}
        self._one_edit: OneEditIndex | None = None

    def hits(self, word: str) -> tuple[tuple[str, int], ...]:
        """(corpus word, distance) within the edits allowed, closest first, then in corpus order."""
        found = self._hits.get(word)
        if found is None:
            if len(self._hits) >= CORPUS_CACHE:
                self._hits.clear()
            limit = doc_edit_limit(len(word))
            if len(word) < 4:
                found = ()
            elif limit == 1:
                if self._one_edit is None:
                    self._one_edit = OneEditIndex(self.words)
                found = tuple(self._one_edit.within_one(word))
            else:
                window = _in_length(self.words, len(word), self._windows)
                found = tuple(
                    (c, d) for c, d, _ in process.extract(
                        word, window, scorer=Levenshtein.distance, score_cutoff=limit, limit=None)
                ) if window else ()
            self._hits[word] = found
        return found


_CURRENT: list[CorpusWords] = []


def corpus_words(corpus_counts: tuple[tuple[str, int], ...]) -> CorpusWords:
    """The CorpusWords of this run (one per distinct corpus; a worker receives
    its own copy of the counts with every file, hence the equality test)."""
    if _CURRENT and (_CURRENT[0].counts is corpus_counts or _CURRENT[0].counts == corpus_counts):
        return _CURRENT[0]
    _CURRENT[:] = [CorpusWords(corpus_counts)]
    return _CURRENT[0]


class DocumentNeighbours:
    """doc_candidates for the words of one document, each word searched once."""

    def __init__(self, ctx) -> None:
        counts = ctx.word_counts
        corpus_counts = ctx.config.corpus_counts
        self.corpus = corpus_words(corpus_counts) if corpus_counts else None
        # The document's own words; word_counts lists them before the corpus words.
        self.own = {w.lower() for _, _, w in ctx.words} if self.corpus is not None else None
        self.words = [w for w, n in counts.items()
                      if offerable_doc_word(w, n) and (self.own is None or w in self.own)]
        self._windows: dict[int, list[str]] = {}
        self._found: dict[str, list[tuple[str, float]]] = {}
        self._one_edit: OneEditIndex | None = None

    def candidates(self, lower: str) -> list[tuple[str, float]]:
        found = self._found.get(lower)
        if found is None:
            corpus_hits = ()
            if self.corpus is not None:
                corpus_hits = [(c, d) for c, d in self.corpus.hits(lower) if c not in self.own]
            if len(lower) >= 4 and doc_edit_limit(len(lower)) == 1:
                if self._one_edit is None:
                    self._one_edit = OneEditIndex(self.words)
                found = doc_candidates(lower, (), corpus_hits, doc_hits=self._one_edit.within_one(lower)[:5])
            else:
                found = doc_candidates(lower, _in_length(self.words, len(lower), self._windows), corpus_hits)
            self._found[lower] = found
        return found
