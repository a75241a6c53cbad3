"""Corpus lexicon (the idea behind TICCL): a word that recurs across the files
of one run is the collection's own word, exactly as a word that recurs inside
one document is that document's word. A name printed once in each of fifty
letters ("Vossische") is then accepted, and a misreading of it in one letter
can be corrected to it.

Before checking, every file of the run is read once and tokenised cheaply.
Only words the lexicon does not know and that occur in at least two files are
kept: known words need no protection, and the tuple stays small, because it
travels to every worker inside Config (Config.corpus_counts, merged into
Context.word_counts).

A misreading recurs too ('tbe', 'tlie', 'liis' are in most OCR collections),
so, as TICCL does, a recurring word is left out when the misreadings expected
of a far more frequent word explain it: 'tbe' 26 times beside 'the' 40,000
times is a misreading of 'the', while 'glavlit' 3 times beside 'glaikit' never
is the collection's word (benchmarks/README.md, Corpus)."""
from __future__ import annotations

import math
import os
import stat
from collections import Counter
from functools import partial
from typing import Iterable

from cleaner.context import LONGEST_WORD, WORD
from cleaner.spelling.lexicon import get_lexicon

# Occurrences in this many files make a word the collection's own.
MIN_FILES = 2
# The most frequent words kept, so that pickling Config to workers stays cheap.
MAX_WORDS = 5000
# Files larger than this are read only in part: the corpus needs recurrence, not every word.
MAX_BYTES_PER_FILE = 4 << 20
# A recurring word is taken for a misreading when one of its readings, printed N times in the
# corpus, explains its own count M: N x 10^-channel cost >= M x 10^-MISREAD_SLACK (the expected
# misreadings of the reading, within a factor; tuned on TUNE, benchmarks/README.md, Corpus).
MISREAD_SLACK = 2.5


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
    return Counter(w.lower() for w in WORD.findall(text) if 3 <= len(w) <= LONGEST_WORD and w.isalpha())


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
    """The corpus table from the totals of every word and the number of documents holding
    each unknown word. Also the last step of the Dask front end's reduction (cleaner/scale),
    so both agree."""
    recurring = [w for w, n in files.items() if n >= MIN_FILES]
    if not recurring:
        return ()
    lexicon = get_lexicon()
    unknown = [w for w in recurring if not lexicon.is_known(w)]
    unknown.sort(key=lambda w: (-totals[w], w))
    table = []
    for word in unknown:
        if not _misreading(word, totals):
            table.append((word, totals[word]))
            if len(table) == MAX_WORDS:
                break
    return tuple(table)


def _misreading(word: str, totals: Counter) -> bool:
    # Imported here: candidates brings rapidfuzz, which a one-file run never needs.
    from cleaner.spelling.candidates import lexicon_candidates

    floor = math.log10(totals[word]) - MISREAD_SLACK
    return any(reading != word and totals.get(reading, 0) and math.log10(totals[reading]) - cost >= floor
               for reading, cost in lexicon_candidates(word))
