"""Character-level scannos: OCR confusions inside one word. Every guess is
checked against the dictionary (cleaner.lexicon) and the document's own words;
without that evidence the finding is only `info` and carries no fix."""
from __future__ import annotations

import itertools
import re
import unicodedata

import regex  # variable-width look-behind

from ..model import Severity
from ..casing import match_case as _match_case
from . import register

# Letter parts that legitimately follow a number: ordinals, decades, sizes, units, money.
NUMBER_SUFFIXES = frozenset(
    "st nd rd th d s l ds ths mo vo to am pm ft in lb lbs oz cwt yd yds qr qrs cm mm km kg m g h hrs "
    "min mins sec k x p c co pc per rs".split()
)
NUMBER_SHAPE = re.compile(r"\d+(?:st|nd|rd|th|d|s)?")
DIGIT_AS_LETTERS = {"0": "o", "1": "li", "5": "s", "8": "B"}
LETTER_AS_DIGIT = {"l": "1", "I": "1", "i": "1", "O": "0", "o": "0"}
LETTER_GROUPS = (("tli", "th"), ("tb", "th"), ("li", "h"), ("rn", "m"), ("cl", "d"), ("vv", "w"),
                 ("ii", "n"), ("ii", "u"))
ROMAN = re.compile(r"[ivxlcdm]+", re.IGNORECASE)
VOWELS = set("aeiouyAEIOUY")
# Word-initial capitals that really are followed by a capital: McDonald, MacArthur, DeWitt.
NAME_PREFIX = re.compile(r"^(?:Mc|Mac|O['’]|D['’]|De|Di|Da|Du|La|Le|Van|Von|Fitz|St)[A-Z]")


def _lexicon():
    from ..lexicon import get_lexicon

    return get_lexicon()


def _known(ctx, word: str) -> bool:
    return _lexicon().is_known(word) or word.lower() in ctx.config.words


def _common(word: str, floor: float = 3.0) -> bool:
    """A frequent word (Zipf >= floor): rare dictionary words ("deane") make poor guesses."""
    lexicon = _lexicon()
    zipf = getattr(lexicon, "zipf", None)
    return zipf is None or zipf(word) >= floor


def _attested(ctx, word: str) -> bool:
    """Known to the dictionary, or used at least twice in this document (names, old spellings)."""
    return _known(ctx, word) or ctx.word_counts[word.lower()] > 1


@register("letters-and-digits")
def letters_and_digits(rule, ctx, options):
    for start, end, word in ctx.words:
        has_digit = any(c.isdigit() for c in word)
        has_alpha = any(c.isalpha() for c in word)
        if not has_alpha:
            continue
        if not has_digit:
            # "llth", "lst": letters standing for digits in an ordinal.
            as_number = "".join(LETTER_AS_DIGIT.get(c, c) for c in word)
            if (as_number != word and as_number[:1].isdigit() and re.fullmatch(r"\d+(?:st|nd|rd|th)", as_number)
                    and not _attested(ctx, word)):
                yield ctx.finding(rule, start, end, message=rule.message.format(right=as_number),
                                  replacement=as_number, suggestions=(as_number,))
            continue
        number_part = re.fullmatch(r"(\d+)([A-Za-z]+)", word)
        if number_part and number_part.group(2).lower() in NUMBER_SUFFIXES:
            continue
        if re.fullmatch(r"\d+[A-Za-z]", word) or re.fullmatch(r"[A-Z0-9]+s?", word):
            continue  # "12a", "A1", "H2O", "MP3s": labels and codes
        right = _as_word(ctx, word) or _as_number(word)
        if right:
            yield ctx.finding(rule, start, end, message=rule.message.format(right=right),
                              replacement=right, suggestions=(right,))
        else:
            yield ctx.finding(rule, start, end, severity=Severity.INFO,
                              message="Letters and digits mixed in one word")


def _as_word(ctx, word: str) -> str | None:
    options = [DIGIT_AS_LETTERS.get(c, c) for c in word]
    if sum(len(o) > 1 for o in options) > 4:
        return None
    for combo in itertools.product(*options):
        candidate = "".join(combo)
        if candidate.isalpha() and _known(ctx, candidate) and _common(candidate):
            return candidate
    return None


def _as_number(word: str) -> str | None:
    candidate = "".join(LETTER_AS_DIGIT.get(c, c) for c in word)
    return candidate if NUMBER_SHAPE.fullmatch(candidate) else None


@register("letter-groups", max_document_count=2)
def letter_groups(rule, ctx, options):
    for start, end, word in ctx.words:
        if not word.isalpha() or len(word) < 3 or _attested(ctx, word):
            continue
        if ctx.word_counts[word.lower()] > options["max_document_count"]:
            continue
        lower = word.lower()
        candidates = []
        for wrong, right in LETTER_GROUPS:
            for m in re.finditer(wrong, lower):
                candidate = lower[:m.start()] + right + lower[m.end():]
                if _known(ctx, candidate) and _common(candidate) and candidate not in candidates:
                    candidates.append(candidate)
        if not candidates:
            continue
        fixed = [_match_case(word, c) for c in candidates]
        one = len(fixed) == 1
        yield ctx.finding(
            rule, start, end, message=rule.message.format(right=" or ".join(fixed)),
            replacement=fixed[0] if one else None, suggestions=fixed,
            # A capitalised unknown word is more often a name ("Clutton") than a misread.
            severity=None if one and not word[:1].isupper() else Severity.INFO,
        )


@register("mixed-case")
def mixed_case(rule, ctx, options):
    for start, end, word in ctx.words:
        if not word.isalpha() or not re.search(r"[a-z][A-Z]", word):
            continue
        if NAME_PREFIX.match(word) or re.fullmatch(r"[ie][A-Z][a-z]{2,}|(?:[A-Z][a-z]+){2,}", word):
            continue  # McDonald, MacArthur; iPhone, eBay; ShareAlike, PowerPoint
        if re.fullmatch(r"[A-Z]+s", word) or _known(ctx, word) and not _known(ctx, word.lower()):
            continue  # MPs, URLs
        if re.fullmatch(r"(?:[A-Z][a-z]?)+", word) and len(word) <= 4:
            continue  # PhD, MSc, BSc: degrees and other short abbreviations
        right = word[0] + word[1:].lower() if word[0].isupper() else word.lower()
        if _known(ctx, right):
            yield ctx.finding(rule, start, end, message=rule.message.format(right=right),
                              replacement=right, suggestions=(right,))
        else:
            yield ctx.finding(rule, start, end, severity=Severity.INFO, message="Case changes inside a word")


def _has_vowel(word: str) -> bool:
    return any(unicodedata.normalize("NFD", c)[0] in VOWELS for c in word)


@register("no-vowel")
def no_vowel(rule, ctx, options):
    text = ctx.text
    for start, end, word in ctx.words:
        if not word.isalpha() or len(word) < 2 or _has_vowel(word) or word.isupper():
            continue
        if ROMAN.fullmatch(word) or _attested(ctx, word):
            continue
        if text[end:end + 1] == ".":
            continue  # "cwt.", "Wm.": an abbreviation with its full stop is no defect
        weak = word[:1].isupper() or len(word) < 3
        yield ctx.finding(rule, start, end, severity=Severity.INFO if weak else None)


STRAY = regex.compile(r"(?<=[^\W\d_][,;]? )([l10])(?= [^\W\d_])")


@register("stray-character")
def stray_character(rule, ctx, options):
    text = ctx.text
    for m in STRAY.finditer(text):
        char = m.group(1)
        before = text[max(0, m.start() - 12):m.start()]
        if re.search(r"(?:\b(?:No|no|p|pp|vol|ch|art|sec|fig|s|d|l)\.|£) ?$", before):
            continue  # "No. 1 was", "£1 and": numbers have their places
        if char == "l":
            yield ctx.finding(rule, m.start(), m.end(), message=rule.message.format(char=char),
                              suggestions=("I",), replacement="I" if rule.applicability else None)
        else:
            yield ctx.finding(rule, m.start(), m.end(), severity=Severity.INFO,
                              message=rule.message.format(char=char))
