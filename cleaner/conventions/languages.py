"""Passages that are not English: quotations, verse, documents in another language.

A passage is one or more clauses in a row (text between sentence punctuation,
quotation marks, brackets and blank lines), never a single word. Two signs must
agree before English rules fall silent there:

1. the clause lacks English: under `max_common` of its words are common
   English words (wordfreq zipf >= `common_zipf`; English prose runs at 45-60%,
   even badly misread) while `min_rare` or more are rare or unknown in English;
2. py3langid, restricted to English and the languages the rule lists, names
   another language with normalised probability >= `min_probability`.

The first sign is cheap and rules out almost all English text, so the
language model (about 1 s to load) is loaded only when some clause passes it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cleaner.context import LONGEST_WORD

# Clause boundaries: sentence punctuation and commas, quotation marks, brackets, blank lines.
CLAUSE_END = re.compile(r"[.!?;:,]+(?=\s)|[\"“”„«»()\[\]]|\n[ \t]*\n|\r\n[ \t]*\r\n")
LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    language: str
    words: int


@dataclass(frozen=True)
class Settings:
    languages: tuple[str, ...]
    common_zipf: float = 5.0
    max_common: float = 0.25
    rare_zipf: float = 3.0
    min_rare: float = 0.3
    max_common_nearby: float = 0.4
    min_words: int = 4
    min_probability: float = 0.9


@lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["en", *languages])
    return identifier


def _modern_letters(text: str) -> str:
    """Long s as s, abbreviation marks (ũ, ẽ, q́) dropped: the model knows modern print."""
    text = unicodedata.normalize("NFKD", text.replace("\u017f", "s"))
    return "".join(c for c in text if not unicodedata.combining(c))


def _language(identifier, text: str, settings: Settings) -> str | None:
    """The clause's language when it is surely not English; close languages
    (Latin, Old French, Italian) share the rest of the probability."""
    ranked = identifier.rank(_modern_letters(text))
    english = next((p for lang, p in ranked if lang == "en"), 0.0)
    if english > 1 - settings.min_probability:
        return None
    return next(lang for lang, _ in ranked if lang != "en")


def _clauses(text: str):
    """(start, end) of each clause."""
    start = 0
    for m in CLAUSE_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _lacks_english(words: list[str], zipf, settings: Settings) -> bool:
    """Judged on the lower-case words: capitalised ones are names and headings in
    any language ("Cecil Berry", "Chargers, Flagons, Tankards")."""
    lowered = [w for w in words if w.islower()]
    if len(lowered) < settings.min_words:
        return False
    common = sum(zipf(w) >= settings.common_zipf for w in lowered)
    rare = sum(zipf(w) < settings.rare_zipf for w in lowered)
    return common < settings.max_common * len(lowered) and rare >= settings.min_rare * len(lowered)


def _common_share(words: list[str], zipf, settings: Settings) -> float:
    return sum(zipf(w.lower()) >= settings.common_zipf for w in words) / len(words) if words else 0.0


def _words(text: str, start: int, end: int) -> list[re.Match]:
    """The clause's words; single letters say nothing about a language (and fragments abound),
    nor does a run of letters too long to be a word (SPL806's)."""
    return [m for m in LETTERS.finditer(text, start, end) if 1 < m.end() - m.start() <= LONGEST_WORD]


def _nearby(words: list[str], zipf, settings: Settings) -> bool:
    """Whether a clause next to a passage belongs to it: few common English words,
    and none at all in a clause too short to tell ("The stone reads" is English)."""
    share = _common_share(words, zipf, settings)
    return share == 0 or len(words) >= settings.min_words and share < settings.max_common_nearby


def find_passages(text: str, zipf, settings: Settings) -> list[Passage]:
    """Non-English passages of `text`; `zipf(word)` is the English word frequency."""
    clauses = []  # (first letter, last letter end, words) of clauses with words
    # Clauses too short to judge alone, without a common English word, go with the next
    # ("Plin. Curſus continens, Liv."); a short English one ("The stone reads") stays apart.
    pending = None
    for start, end in _clauses(text):
        found = _words(text, start, end)
        if not found:
            continue
        clause = (found[0].start(), found[-1].end(), [m.group() for m in found])
        if pending:
            clause = (pending[0], clause[1], pending[2] + clause[2])
        if len(clause[2]) < settings.min_words and _common_share(clause[2], zipf, settings) == 0:
            pending = clause
            continue
        pending = None
        clauses.append(clause)
    if pending:
        clauses.append(pending)
    strict = [_lacks_english(w, zipf, settings) for _, _, w in clauses]
    if not any(strict):
        return []
    identifier = _identifier(settings.languages)
    passages: list[Passage] = []
    taken = -1  # the last clause already in a passage
    k = 0
    while k < len(clauses):
        if not strict[k]:
            k += 1
            continue
        start, end, words = clauses[k]
        language = _language(identifier, text[start:end], settings)
        if language is None:
            k += 1
            continue
        # Grow over the clauses around it that show no English either: a short
        # line of verse, a reference ("Hygin."), the tail of a long quotation.
        first = last = k
        while first - 1 > taken and _nearby(clauses[first - 1][2], zipf, settings):
            first -= 1
        while last + 1 < len(clauses) and _nearby(clauses[last + 1][2], zipf, settings):
            last += 1
        count = sum(len(clauses[j][2]) for j in range(first, last + 1))
        passage = Passage(clauses[first][0], clauses[last][1], language, count)
        previous = passages[-1] if passages else None
        if previous and previous.language == language and first == taken + 1:
            passages[-1] = Passage(previous.start, passage.end, language, previous.words + count)
        else:
            passages.append(passage)
        taken = k = last + 1
        taken -= 1
    return passages
