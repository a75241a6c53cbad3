"""Placeholder word model (replaced by the frequency model)."""
from __future__ import annotations

from functools import lru_cache


class Lexicon:
    def __init__(self) -> None:
        from spellchecker import SpellChecker

        self.freq = SpellChecker().word_frequency.dictionary

    def is_known(self, word: str) -> bool:
        return word.lower() in self.freq


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    return Lexicon()
