"""Character-level scannos: OCR confusions inside one word. Every guess is
checked against the dictionary (cleaner.spelling.lexicon) and the document's own words;
without that evidence the finding is only `info` and carries no fix."""
from __future__ import annotations

import itertools
import re
import unicodedata

import regex  # variable-width look-behind

from cleaner.casing import match_case as _match_case
from cleaner.checks import register, word_set
from cleaner.model import Severity
from cleaner.spelling.lexicon import get_lexicon
from cleaner.spelling.word_memo import distinct_words, is_known

# Letter parts that legitimately follow a number: ordinals, decades, sizes, units, money.
NUMBER_SUFFIXES = frozenset(
    "st nd rd th d s l ds ths mo vo to am pm ft in lb lbs oz cwt yd yds qr qrs cm mm km kg m g h hrs "
    "min mins sec k x p c co pc per rs".split()
)
NUMBER_SHAPE = re.compile(r"\d+(?:st|nd|rd|th|d|s)?")
DIGIT_AS_LETTERS = {"0": "o", "1": "li", "5": "s", "8": "B"}
LETTER_AS_DIGIT = {"l": "1", "I": "1", "i": "1", "O": "0", "o": "0"}
ORDINAL_LOOKALIKE = re.compile(r"[lIiOo]+(?:st|nd|rd|th)")
LETTER_GROUPS = (("tli", "th"), ("tb", "th"), ("li", "h"), ("rn", "m"), ("cl", "d"), ("vv", "w"),
                 ("ii", "n"), ("ii", "u"))
ROMAN = re.compile(r"[ivxlcdm]+", re.IGNORECASE)
VOWELS = set("aeiouyAEIOUY")
# Word-initial capitals that really are followed by a capital: McDonald, MacArthur, DeWitt.
NAME_PREFIX = re.compile(r"^(?:Mc|Mac|O['’]|D['’]|De|Di|Da|Du|La|Le|Van|Von|Fitz|St)[A-Z]")


# Words repeat a lot in a document: each check decides every distinct word once,
# and the dictionary look-ups are shared by the checks of one document (word_memo).


def _known(ctx, word: str) -> bool:
    return is_known(ctx, word) or word.lower() in ctx.config.words


def _decided(ctx, decide):
    """(start, end, word, verdict) for every token whose verdict is not None, in text order;
    decide(word) runs once per distinct word."""
    verdicts = {}
    for word in distinct_words(ctx):
        verdict = decide(word)
        if verdict is not None:
            verdicts[word] = verdict
    if verdicts:
        for start, end, word in [t for t in ctx.words if t[2] in verdicts]:
            yield start, end, word, verdicts[word]


def _common(word: str, floor: float = 3.0) -> bool:
    """A frequent word (Zipf >= floor): rare dictionary words ("deane") make poor guesses."""
    lexicon = get_lexicon()
    zipf = getattr(lexicon, "zipf", None)
    return zipf is None or zipf(word) >= floor


def _attested(ctx, word: str) -> bool:
    """Known to the dictionary, or used at least twice in this document (names, old spellings)."""
    return _known(ctx, word) or ctx.word_counts[word.lower()] > 1


def _findings_with_readings(rule, ctx, verdict, unread: str):
    """A finding per word the verdict flags: with its reading as the fix, or,
    without one, with the `unread` message. Detection is as sure either way
    (TUNE: 99.6% of 533 SCN501 and 99.2% of 855 SCN503 findings without a
    reading were on erroneous tokens), so both keep the rule's severity."""
    for start, end, _, right in _decided(ctx, verdict):
        if right:
            yield ctx.finding(rule, start, end, message=rule.message.format(right=right),
                              replacement=right, suggestions=(right,))
        else:
            yield ctx.finding(rule, start, end, message=unread)


@register("letters-and-digits")
def letters_and_digits(rule, ctx, options):
    return _findings_with_readings(rule, ctx, lambda word: _digits_verdict(ctx, word),
                                   "Letters and digits mixed in one word")


def _digits_verdict(ctx, word: str) -> str | None:
    """None: no finding; "": letters and digits mixed, no reading; else the reading."""
    if word.isalpha():  # most words: no character is both a letter and a digit
        has_digit = False
    else:
        has_digit = any(c.isdigit() for c in word)
        if not any(c.isalpha() for c in word):
            return None
    if not has_digit:
        # "llth", "lst": letters standing for digits in an ordinal.
        if not ORDINAL_LOOKALIKE.fullmatch(word):
            return None  # the test below needs this shape; most words fail here cheaply
        as_number = "".join(LETTER_AS_DIGIT.get(c, c) for c in word)
        if (as_number != word and as_number[:1].isdigit() and re.fullmatch(r"\d+(?:st|nd|rd|th)", as_number)
                and not _attested(ctx, word)):
            return as_number
        return None
    number_part = re.fullmatch(r"(\d+)([A-Za-z]+)", word)
    if number_part and number_part.group(2).lower() in NUMBER_SUFFIXES:
        return None
    if re.fullmatch(r"\d+[A-Za-z]", word) or re.fullmatch(r"[A-Z0-9]+s?", word):
        return None  # "12a", "A1", "H2O", "MP3s": labels and codes
    return _as_word(ctx, word) or _as_number(word) or ""


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


@register("letter-group-scanno", max_document_count=int)
def letter_groups(rule, ctx, options):
    most = options["max_document_count"]
    for start, end, word, candidates in _decided(ctx, lambda word: _group_readings(ctx, word, most)):
        fixed = [_match_case(word, c) for c in candidates]
        one = len(fixed) == 1
        yield ctx.finding(
            rule, start, end, message=rule.message.format(right=" or ".join(fixed)),
            replacement=fixed[0] if one else None, suggestions=fixed,
            # Several readings, or a capital, leave the fix open, not the defect:
            # 98.4% of 62 such findings on TUNE were on erroneous tokens.
        )


def _group_readings(ctx, word: str, max_document_count: int) -> list[str] | None:
    if not word.isalpha() or len(word) < 3 or _attested(ctx, word):
        return None
    if ctx.word_counts[word.lower()] > max_document_count:
        return None
    lower = word.lower()
    candidates = []
    for wrong, right in LETTER_GROUPS:
        for m in re.finditer(wrong, lower):
            candidate = lower[:m.start()] + right + lower[m.end():]
            if _known(ctx, candidate) and _common(candidate) and candidate not in candidates:
                candidates.append(candidate)
    return candidates or None


@register("mixed-case-word")
def mixed_case(rule, ctx, options):
    return _findings_with_readings(rule, ctx, lambda word: _case_verdict(ctx, word), "Case changes inside a word")


def _case_verdict(ctx, word: str) -> str | None:
    """None: no finding; "": case changes, no known reading; else the reading."""
    if not word.isalpha() or not re.search(r"[a-z][A-Z]", word):
        return None
    if NAME_PREFIX.match(word) or re.fullmatch(r"[ie][A-Z][a-z]{2,}|(?:[A-Z][a-z]+){2,}", word):
        return None  # McDonald, MacArthur; iPhone, eBay; ShareAlike, PowerPoint
    if re.fullmatch(r"[A-Z]+s", word) or _known(ctx, word) and not _known(ctx, word.lower()):
        return None  # MPs, URLs
    if re.fullmatch(r"(?:[A-Z][a-z]?)+", word) and len(word) <= 4:
        return None  # PhD, MSc, BSc: degrees and other short abbreviations
    # A capital inside a word is often two letters misread as one: "aU" is "all",
    # "wiIl" is "will". Of the readings that are words, the most frequent wins.
    head = word[0] if word[0].isupper() else word[0].lower()
    tails = {word[1:].lower(), word[1:].replace("U", "ll").replace("I", "l").lower()}
    readings = [head + tail for tail in sorted(tails) if _known(ctx, head + tail)]
    zipf = get_lexicon().zipf
    return max(readings, key=lambda r: (zipf(r.lower()), r)) if readings else ""


def _has_vowel(word: str) -> bool:
    return any(unicodedata.normalize("NFD", c)[0] in VOWELS for c in word)


@register("no-vowel-word")
def no_vowel(rule, ctx, options):
    text = ctx.text
    for start, end, _word, weak in _decided(ctx, lambda word: _vowelless(ctx, word)):
        if text[end:end + 1] == ".":
            continue  # "cwt.", "Wm.": an abbreviation with its full stop is no defect
        yield ctx.finding(rule, start, end, severity=Severity.INFO if weak else None)


def _vowelless(ctx, word: str) -> bool | None:
    """None: not flagged; else whether the finding is weak (info)."""
    if not word.isalpha() or len(word) < 2 or _has_vowel(word) or word.isupper():
        return None
    if ROMAN.fullmatch(word) or _attested(ctx, word):
        return None
    return word[:1].isupper() or len(word) < 3


STRAY = regex.compile(r"(?<=[^\W\d_][,;]? )([l10])(?= [^\W\d_])")
# "Sections 1 and 2", "from 1 to 9", "1 of 3", "1 o'clock": a number in a range, a list or a time.
NUMBER_RANGE = re.compile(r" (?:(?:and|or|to|through|of|-|&) \d|o['’]clock\b)")
PREVIOUS_WORD = re.compile(r"([^\W\d_]+)\W*$")


@register("stray-letter-or-digit", label_words=str)
def stray_character(rule, ctx, options):
    text = ctx.text
    labels = word_set(options["label_words"])
    for m in STRAY.finditer(text):
        char = m.group(1)
        before = text[max(0, m.start() - 30):m.start()]
        if re.search(r"(?:\b(?:No|no|p|pp|vol|ch|art|sec|fig|s|d|l)\.|£) ?$", before):
            continue  # "No. 1 was", "£1 and": numbers have their places
        if char != "l":
            previous = PREVIOUS_WORD.search(before)
            if (previous and previous.group(1).lower() in labels) or NUMBER_RANGE.match(text, m.end()):
                continue  # "Paragraph 1 says", "Sections 1 and 2": a number the text refers to
        if char == "l":
            yield ctx.finding(rule, m.start(), m.end(), message=rule.message.format(char=char),
                              suggestions=("I",), replacement="I" if rule.applicability else None)
        else:
            # Lone 1 or 0: no reading to offer, but 109 of 109 on TUNE were erroneous.
            yield ctx.finding(rule, m.start(), m.end(), message=rule.message.format(char=char))
