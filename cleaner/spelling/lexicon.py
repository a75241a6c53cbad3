"""The word model: which words exist, how frequent they are, and which word
pairs occur together.

Sources (all installed packages, nothing fetched at run time):
- wordfreq's English "large" list: the frequency of each word (Zipf scale).
- pyspellchecker's English list: the dictionary proper. A word only wordfreq
  knows (names, web slang, frequent misspellings) counts as known only when it
  is common enough.
- symspellpy's shipped English bigram counts: the context model.

Building from the packages takes about a second, so the compact result is
cached once under the user cache dir, keyed by the package versions, and loads
with marshal in about a tenth of a second. Nothing loads until a word needs
judging: `get_lexicon()` is cheap and the tables load on first use.
"""
from __future__ import annotations

import hashlib
import marshal
import math
import os
import re
import sys
import tempfile
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path

from cleaner.spelling.edits import EndKeys

FORMAT = 7  # bump when the cached layout changes
# A wordfreq-only word (not in the dictionary) counts as known from this Zipf value.
KNOWN_ZIPF = 3.0
# wordfreq-only words this frequent may be offered as corrections.
POOL_ZIPF = 2.5
# Zipf given to dictionary words that wordfreq does not list.
DICTIONARY_FLOOR = 1.0
WORD_SHAPE = re.compile(r"^[a-z]+(?:'[a-z]+)*$")
# Stupid-backoff factor (log10 0.4) for a pair the bigram list does not hold.
BACKOFF = math.log10(0.4)


def _versions() -> str:
    parts = [f"format={FORMAT}", f"py={sys.version_info[0]}.{sys.version_info[1]}"]
    for dist in ("wordfreq", "pyspellchecker", "symspellpy"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    return ";".join(parts)


def cache_path() -> Path:
    from platformdirs import user_cache_dir

    key = hashlib.sha1(_versions().encode()).hexdigest()[:16]
    return Path(user_cache_dir("cleaner")) / f"lexicon-{key}.marshal"


def _symspell_file(name: str) -> Path:
    import symspellpy

    return Path(symspellpy.__file__).parent / name


def build_tables() -> tuple[dict, dict, dict, dict, str]:
    """(unigrams, context unigrams, bigrams, fuzzy pool, offerable but not
    known words) from the installed packages.

    unigrams: word -> Zipf*100*2 + 1 if the dictionary has the word (one int
    per word keeps the cache small and its load fast).
    context unigrams (bigram marginals) / bigrams: log10 counts*100.
    """
    import wordfreq
    from spellchecker import SpellChecker

    dictionary = SpellChecker().word_frequency.dictionary
    unigrams: dict[str, int] = {}
    for word, freq in wordfreq.get_frequency_dict("en", wordlist="large").items():
        if WORD_SHAPE.match(word):
            zipf100 = int(round((math.log10(freq) + 9) * 100))
            unigrams[word] = max(zipf100, 0) * 2 + (word in dictionary)
    floor = int(DICTIONARY_FLOOR * 100) * 2 + 1
    for word in dictionary:
        if word not in unigrams and WORD_SHAPE.match(word):
            unigrams[word] = floor
    # The bigram counts come from a larger corpus than symspellpy's unigram
    # list, so P(second | first) divides by the bigram marginal of `first`.
    marginals: dict[str, int] = {}
    bigrams: dict[str, int] = {}
    with open(_symspell_file("frequency_bigramdictionary_en_243_342.txt"), encoding="utf-8") as fh:
        for line in fh:
            first, second, count = line.split()
            marginals[first] = marginals.get(first, 0) + int(count)
            bigrams[f"{first} {second}"] = int(round(math.log10(int(count)) * 100))
    context_unigrams = {w: int(round(math.log10(n) * 100)) for w, n in marginals.items()}
    return (
        _pack(unigrams, lambda w: w[:PREFIX]),
        _pack(context_unigrams, lambda w: w[:PREFIX]),
        _pack_pairs(bigrams),
        _fuzzy_pool(unigrams),
        " ".join(sorted(w for w, v in unigrams.items() if _offerable_value(v) and not _known_value(v))),
    )


def _known_value(value: int) -> bool:
    return bool(value & 1) or (value >> 1) >= KNOWN_ZIPF * 100


def _offerable_value(value: int) -> bool:
    return bool(value & 1) or (value >> 1) >= POOL_ZIPF * 100


def _fuzzy_pool(unigrams: dict) -> dict[str, str]:
    """Words worth offering as corrections, space-joined per (length, first
    letter) as "7^k" and per (length, last letter) as "7$s"."""
    pool: dict[str, list[str]] = {}
    for word, value in unigrams.items():
        if _offerable_value(value):
            pool.setdefault(f"{len(word)}^{word[0]}", []).append(word)
            pool.setdefault(f"{len(word)}${word[-1]}", []).append(word)
    return {key: " ".join(words) for key, words in pool.items()}


PREFIX = 3
# Look-ups in one bucket before it is parsed into a dict.
PARSE_AFTER = 6
# Calls before a word question is answered from a set of all such words
# (the set takes 40-100 ms to build, a look-up in the tables about 1 us).
OFFERABLE_SET_AFTER = 100  # words whose edits are filtered (~600 look-ups each)
KNOWN_SET_AFTER = 20_000   # is_known look-ups
ENDS_AFTER = 300           # words whose candidates are generated (the end keys take ~0.1 s)


def _pack(table: dict, bucket_of) -> dict[str, str]:
    """Group entries into buckets of " word:value word:value " strings.

    Unmarshalling one string per bucket is some fifty times faster than one
    object per word, and a lookup is a substring search in a short bucket.
    """
    buckets: dict[str, list[str]] = {}
    for word, value in table.items():
        buckets.setdefault(bucket_of(word), []).append(f"{word}:{value}")
    return {key: " " + " ".join(entries) + " " for key, entries in buckets.items()}


def _pack_pairs(bigrams: dict) -> dict[str, str]:
    """Bigrams bucketed by their first word, one entry per second word."""
    seconds = {}
    for key, value in bigrams.items():
        first, second = key.split(" ", 1)
        seconds.setdefault(first, {})[second] = value
    return {first: _pack(table, lambda w: "")[""] for first, table in seconds.items()}


def _lookup(bucket: str | None, word: str) -> int | None:
    if not bucket:
        return None
    at = bucket.find(f" {word}:")
    if at < 0:
        return None
    start = at + len(word) + 2
    return int(bucket[start:bucket.index(" ", start)])


def _parse(bucket: str | None) -> dict[str, int]:
    if not bucket:
        return {}
    table = {}
    for entry in bucket.split():
        word, _, value = entry.rpartition(":")
        table[word] = int(value)
    return table


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # readers see the old file or the whole new one
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_tables() -> tuple[dict, dict, dict, dict, str]:
    path = cache_path()
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    if sys.stderr.isatty():   # seconds of silence on a first run look like a hang
        print("cleaner: building the word model (first run only; a few seconds)...", file=sys.stderr, flush=True)
    tables = build_tables()
    try:
        _write_atomically(path, marshal.dumps(tables))
    except OSError:
        pass  # a read-only cache dir only costs the build time on every run
    return tables


class _Buckets:
    """Look-ups in one packed table of " word:value " bucket strings. A bucket asked
    for often (candidate generation probes hundreds of near-spellings; the pair
    buckets of "the" or "of" are tens of kB) is parsed into a dict; a few look-ups
    are cheaper as substring searches."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.parsed: dict[str, dict[str, int]] = {}
        self.uses: dict[str, int] = {}

    def get(self, key: str, word: str) -> int | None:
        parsed = self.parsed.get(key)
        if parsed is None:
            uses = self.uses[key] = self.uses.get(key, 0) + 1
            if uses < PARSE_AFTER:
                return _lookup(self.table.get(key), word)
            parsed = self.parsed[key] = _parse(self.table.get(key))
        return parsed.get(word)


class Lexicon:
    """Word frequencies and context scores; lookups are case-insensitive."""

    @cached_property
    def _tables(self) -> tuple[dict, dict, dict, dict, str]:
        return load_tables()

    @cached_property
    def _words(self) -> "_Buckets":
        return _Buckets(self._tables[0])

    @cached_property
    def _contexts(self) -> "_Buckets":
        return _Buckets(self._tables[1])

    @cached_property
    def _pairs(self) -> "_Buckets":
        return _Buckets(self._tables[2])

    def _raw(self, word: str) -> int | None:
        word = word.lower()
        return self._words.get(word[:PREFIX], word)

    def zipf(self, word: str) -> float:
        """wordfreq Zipf frequency (0 when unlisted; about 7 for 'the')."""
        value = self._raw(word)
        return 0.0 if value is None else (value >> 1) / 100

    def in_dictionary(self, word: str) -> bool:
        return bool((self._raw(word) or 0) & 1)

    def is_known(self, word: str) -> bool:
        rare = self._offerable_not_known
        if rare is None:
            if "offerable_words" not in self.__dict__:
                # Building the set of offerable words costs about as much as
                # 40k look-ups in the tables: not worth it for one small file.
                self._known_asks += 1
                if self._known_asks < KNOWN_SET_AFTER:
                    value = self._raw(word)
                    return value is not None and _known_value(value)
            # Known words are the offerable ones less some 7k rare non-dictionary words.
            rare = self._offerable_not_known = frozenset(self._tables[4].split(" "))
        word = word.lower()
        return word in self.offerable_words and word not in rare

    _offerable_not_known: frozenset[str] | None = None
    _known_asks = 0
    _offerable_asks = 0

    def log_prob(self, word: str) -> float:
        """log10 P(word) from its Zipf frequency; unknown words get a small floor."""
        return max(self.zipf(word), 0.5) - 9.0

    def _context_count(self, word: str) -> float | None:
        value = self._contexts.get(word[:PREFIX], word)
        return None if value is None else value / 100

    def _pair_count(self, first: str, second: str) -> float | None:
        value = self._pairs.get(first, second)
        return None if value is None else value / 100

    def follow_score(self, first: str | None, second: str) -> float:
        """log10 P(second | first), stupid backoff to the unigram model."""
        second = second.lower()
        if first:
            first = first.lower()
            pair = self._pair_count(first, second)
            if pair is not None:  # most pairs with a misread word are not listed: no total needed
                total = self._context_count(first)
                if total is not None and total >= pair:
                    return pair - total
        return BACKOFF + self.log_prob(second)

    def context_score(self, left: str | None, word: str, right: str | None) -> float:
        """log10 P(word | left) + log10 P(right | word): how well `word` fits
        between its neighbours (None where the sentence has no neighbour)."""
        score = self.follow_score(left, word)
        if right:
            score += self.follow_score(word, right)
        return score

    def offerable(self, word: str) -> bool:
        """May be offered as a correction: a dictionary word or a frequent one."""
        words = self.__dict__.get("offerable_words")
        if words is not None:
            return word.lower() in words
        value = self._raw(word)
        return value is not None and _offerable_value(value)

    def offerable_among(self, words: set[str]) -> set[str]:
        """The offerable words of a set of lower-case spellings."""
        if "offerable_words" not in self.__dict__:
            # Building the set takes 40-100 ms: worth it only once candidates
            # are generated for more than a handful of words.
            self._offerable_asks += 1
            if self._offerable_asks < OFFERABLE_SET_AFTER:
                return {w for w in words if self.offerable(w)}
        return words & self.offerable_words

    @cached_property
    def offerable_words(self) -> frozenset[str]:
        """Every word that may be offered, for filtering generated spellings in
        one set intersection. The fuzzy pool holds exactly these words, once
        under their (length, first letter) keys (about 170k words, 17 MB)."""
        return frozenset(" ".join(v for k, v in self._tables[3].items() if "^" in k).split(" "))

    _offerable_ends: EndKeys | None = None
    _ends_asks = 0

    def offerable_ends(self) -> EndKeys | None:
        """The end keys (edits.end_key) of the offerable words, which let
        candidate generation skip edits that cannot make one; None until
        candidates have been generated for enough words to repay the build."""
        if self._offerable_ends is None:
            self._ends_asks += 1
            if self._ends_asks < ENDS_AFTER:
                return None
            self._offerable_ends = EndKeys(self.offerable_words)
        return self._offerable_ends

    def fuzzy_pool(self, length: int, first: str = "", last: str = "") -> list[str]:
        """Offerable words of one length sharing the first (or the last) letter.

        Split afresh at each call: a pool is a few hundred words, so splitting costs
        microseconds, while keeping every pool split held ~20 MB of duplicate strings."""
        packed = self._tables[3].get(f"{length}^{first}" if first else f"{length}${last}")
        return packed.split(" ") if packed else []


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    return Lexicon()
