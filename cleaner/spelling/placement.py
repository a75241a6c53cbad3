"""Where a word stands in its text: its neighbours, whether it starts a sentence,
and whether it is worth judging at all (not a number, a URL, a name the document
repeats, or half of a line-end hyphenation, which the hyphenation rules own)."""
from __future__ import annotations

import re

from cleaner.hyphens import LINE_END_CLASS

ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|d)$", re.IGNORECASE)
# After these a capital starts a sentence; after a colon it is usually a name.
SENTENCE_END = set('.!?"“”‘’()[]')
URLISH = re.compile(r"(?:://|www\.|@|\.(?:com|org|net|edu|gov|uk|html?)\b)", re.IGNORECASE)
# How far either side of a word in_url looks for the ends of its run of non-blanks:
# without a bound, every word of a long line with no space walked the whole line.
URL_REACH = 256


def neighbour_words(ctx, i: int) -> tuple[str | None, str | None]:
    """The words before and after token i when only spaces separate them."""
    words, text = ctx.words, ctx.text
    left = right = None
    start, end, _ = words[i]
    if i > 0 and not text[words[i - 1][1]:start].strip():
        left = words[i - 1][2].lower()
    if i + 1 < len(words) and not text[end:words[i + 1][0]].strip():
        right = words[i + 1][2].lower()
    return left, right


def sentence_initial(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k < 0 or text[k] in SENTENCE_END


def in_url(text: str, start: int, end: int) -> bool:
    """Whether the run of non-blanks around text[start:end] (up to URL_REACH either side) looks like a URL."""
    a, first = start, max(0, start - URL_REACH)
    while a > first and not text[a - 1].isspace():
        a -= 1
    b, last = end, min(len(text), end + URL_REACH)
    while b < last and not text[b].isspace():
        b += 1
    return bool(URLISH.search(text[a:b]))


def hyphenation_half(text: str, start: int, end: int) -> bool:
    after = text[end:end + 3]
    before = text[max(0, start - 3):start]
    return bool(re.match(rf"{LINE_END_CLASS}\s", after) or re.search(rf"{LINE_END_CLASS}\s+$", before)
                and "\n" in text[max(0, start - 4):start] or re.search(rf"{LINE_END_CLASS} $", before))


def candidate_word(ctx, i: int) -> bool:
    """Whether token i is worth judging at all (the word itself is unknown)."""
    start, end, word = ctx.words[i]
    letters = sum(c.isalpha() for c in word)
    if letters < len(word) - 1 or letters < 2 or ORDINAL.match(word):
        return False  # numbers and codes; a single stray digit may be a misread letter
    if word[0].isupper() and not sentence_initial(ctx.text, start) and ctx.word_counts[word.lower()] > 1:
        return False  # a name the document repeats; a one-off capital still meets _decide's name test
    if any(c.isupper() for c in word[1:]):
        return False  # McDonald, iPhone
    lower = word.lower()
    if lower in ctx.config.words or in_url(ctx.text, start, end) or hyphenation_half(ctx.text, start, end):
        return False
    return True

