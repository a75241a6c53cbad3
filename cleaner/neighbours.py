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

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .candidates import DOC_MIN_COUNT, doc_candidates, doc_edit_limit

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


class CorpusWords:
    """The run's corpus words that may be offered, and their matches per word."""

    def __init__(self, corpus_counts: tuple[tuple[str, int], ...]) -> None:
        self.counts = corpus_counts
        self.words = [w for w, n in corpus_counts if offerable_doc_word(w, n)]
        self._windows: dict[int, list[str]] = {}
        self._hits: dict[str, tuple[tuple[str, int], ...]] = {}

    def hits(self, word: str) -> tuple[tuple[str, int], ...]:
        """(corpus word, distance) within the edits allowed, closest first, then in corpus order."""
        found = self._hits.get(word)
        if found is None:
            if len(self._hits) >= CORPUS_CACHE:
                self._hits.clear()
            limit = doc_edit_limit(len(word))
            window = _in_length(self.words, len(word), self._windows)
            found = self._hits[word] = tuple(
                (c, d) for c, d, _ in process.extract(
                    word, window, scorer=Levenshtein.distance, score_cutoff=limit, limit=None)
            ) if window and len(word) >= 4 else ()
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

    def candidates(self, lower: str) -> list[tuple[str, float]]:
        found = self._found.get(lower)
        if found is None:
            corpus_hits = ()
            if self.corpus is not None:
                corpus_hits = [(c, d) for c, d in self.corpus.hits(lower) if c not in self.own]
            found = self._found[lower] = doc_candidates(
                lower, _in_length(self.words, len(lower), self._windows), corpus_hits)
        return found
