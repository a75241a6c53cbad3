"""Peer tools run on the same text as cleaner: pyspellchecker, symspellpy, codespell.

Each peer answers two questions about a document: which character spans it
flags, and what the text looks like after its corrections. Word spellers only
touch the word itself, so punctuation and spacing around it stay as they were.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
PYSPELL_DISTANCE = 1  # distance 2 takes 0.5-1.5 s per long unknown word: hours on the dev set


def match_case(model: str, word: str) -> str:
    """Give `word` the capitalisation pattern of `model`."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def checkable(word: str) -> bool:
    return not any(c.isdigit() for c in word) or any(c.isalpha() for c in word)


class WordSpeller:
    """Flag each unknown word and replace it with the speller's best guess (cached per word)."""

    name = ""

    def __init__(self) -> None:
        self._cache: dict[str, str | None] = {}

    def known(self, lower: str) -> bool:
        raise NotImplementedError

    def best(self, lower: str) -> str | None:
        raise NotImplementedError

    def _unknown_words(self, text: str):
        for m in WORD.finditer(text):
            word = m.group()
            if checkable(word) and not self.known(word.lower()):
                yield m

    def check(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self._unknown_words(text)]

    def fix(self, text: str) -> str:
        parts, cursor = [], 0
        for m in self._unknown_words(text):
            lower = m.group().lower()
            if lower not in self._cache:
                self._cache[lower] = self.best(lower)
            guess = self._cache[lower]
            if guess and guess != lower:
                parts.append(text[cursor:m.start()])
                parts.append(match_case(m.group(), guess))
                cursor = m.end()
        parts.append(text[cursor:])
        return "".join(parts)


class PySpell(WordSpeller):
    name = f"pyspellchecker (distance {PYSPELL_DISTANCE})"

    def __init__(self) -> None:
        super().__init__()
        from spellchecker import SpellChecker

        self.speller = SpellChecker(distance=PYSPELL_DISTANCE)
        self.words = self.speller.word_frequency.dictionary

    def known(self, lower: str) -> bool:
        return lower in self.words

    def best(self, lower: str) -> str | None:
        return self.speller.correction(lower)


class SymSpell(WordSpeller):
    name = "symspellpy (distance 2)"

    def __init__(self) -> None:
        super().__init__()
        from importlib.resources import files

        from symspellpy import SymSpell as _SymSpell
        from symspellpy import Verbosity

        self.verbosity = Verbosity.TOP
        self.speller = _SymSpell(max_dictionary_edit_distance=2)
        path = files("symspellpy") / "frequency_dictionary_en_82_765.txt"
        self.speller.load_dictionary(str(path), term_index=0, count_index=1)
        self.words = self.speller.words

    def known(self, lower: str) -> bool:
        return lower in self.words

    def best(self, lower: str) -> str | None:
        found = self.speller.lookup(lower, self.verbosity, max_edit_distance=2)
        return found[0].term if found else None


REPORT = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>.+?) ==> ")


def codespell_binary() -> str:
    local = Path(sys.executable).with_name("codespell")
    return str(local) if local.exists() else "codespell"


def run_codespell(texts: list[str]) -> tuple[list[list[tuple[int, int]]], list[str]]:
    """Flags and `codespell -w` output for each text, two subprocess runs over one temp folder."""
    flags: list[list[tuple[int, int]]] = [[] for _ in texts]
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / f"{n}.txt" for n in range(len(texts))]
        for path, text in zip(paths, texts, strict=False):
            path.write_bytes(text.encode("utf-8"))
        report = subprocess.run([codespell_binary(), tmp], capture_output=True, text=True, encoding="utf-8")
        for line in report.stdout.splitlines():
            m = REPORT.match(line)
            if m:
                n = int(Path(m["path"]).stem)
                flags[n].extend(spans_on_line(texts[n], int(m["line"]), m["word"]))
        subprocess.run([codespell_binary(), "-w", tmp], capture_output=True, text=True, encoding="utf-8")
        fixed = [path.read_bytes().decode("utf-8") for path in paths]
    return flags, fixed


def spans_on_line(text: str, line_no: int, word: str) -> list[tuple[int, int]]:
    """codespell reports line and word only: flag every occurrence of the word on that line."""
    start = 0
    for _ in range(line_no - 1):
        start = text.index("\n", start) + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    pattern = re.compile(r"(?<![^\W_])" + re.escape(word) + r"(?![^\W_])")
    return [m.span() for m in pattern.finditer(text, start, end)]
