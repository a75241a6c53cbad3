"""Corpus lexicon (the idea behind TICCL): a word that recurs across the files
of one run is the collection's own word, exactly as a word that recurs inside
one document is that document's word. A name printed once in each of fifty
letters ("Vossische") is then accepted, and a misreading of it in one letter
can be corrected to it.

Before checking, every file of the run is read once and tokenised cheaply.
Only words the lexicon does not know and that occur in at least two files are
kept: known words need no protection, and the tuple stays small, because it
travels to every worker inside Config (Config.corpus_counts, merged into
Context.word_counts)."""
from __future__ import annotations

import os
import stat
from collections import Counter
from functools import partial
from typing import Iterable

from cleaner.context import WORD
from cleaner.spelling.lexicon import get_lexicon

# Occurrences in this many files make a word the collection's own.
MIN_FILES = 2
# The most frequent words kept, so that pickling Config to workers stays cheap.
MAX_WORDS = 5000
# Files larger than this are read only in part: the corpus needs recurrence, not every word.
MAX_BYTES_PER_FILE = 4 << 20


def _file_words(path: str, encoding: str) -> Counter:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return Counter()  # a FIFO or device: opening it could block, and reading it would consume it
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES_PER_FILE)
    except OSError:
        return Counter()  # the check itself reports unreadable files
    try:
        text = raw.decode(encoding, errors="replace")
    except LookupError:  # an encoding name the check will report; count as UTF-8 meanwhile
        text = raw.decode("utf-8", errors="replace")
    return text_words(text)


def text_words(text: str) -> Counter:
    """The words one document contributes to the corpus counts (lower-cased, 3+ letters)."""
    return Counter(w.lower() for w in WORD.findall(text) if len(w) >= 3 and w.isalpha())


def corpus_counts(paths: Iterable[str], encoding: str = "utf-8", mapper=map) -> tuple[tuple[str, int], ...]:
    """(word, occurrences) for unknown words found in at least MIN_FILES files, most frequent first.

    `mapper` is `map` or a process pool's map: reading and tokenising every file
    is a few seconds on 25 MB, which a pool of workers can share."""
    paths = list(paths)
    if len(paths) < MIN_FILES:
        return ()
    totals: Counter = Counter()
    files: Counter = Counter()
    for counts in mapper(partial(_file_words, encoding=encoding), paths):
        totals.update(counts)
        files.update(counts.keys())
    return recurring_unknown(totals, files)


def recurring_unknown(totals: Counter, files: Counter) -> tuple[tuple[str, int], ...]:
    """The corpus table from word totals and the number of documents holding each word.
    Also the last step of the Dask front end's reduction (cleaner/scale), so both agree."""
    recurring = [w for w, n in files.items() if n >= MIN_FILES]
    if not recurring:
        return ()
    lexicon = get_lexicon()
    unknown = [w for w in recurring if not lexicon.is_known(w)]
    unknown.sort(key=lambda w: (-totals[w], w))
    return tuple((w, totals[w]) for w in unknown[:MAX_WORDS])
