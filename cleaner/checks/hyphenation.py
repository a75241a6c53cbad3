"""Words broken by a hyphen, at a line end ("transcrip-\\ntion") or inside a
line ("transcrip- tion"). Whether to join is a question of evidence:

- the joined word is known (dictionary, or written whole elsewhere in this
  document) and the hyphenated form is not: join, safe;
- the hyphenated form is evidenced (written so elsewhere on one line, or both
  halves are words while the joined word is unknown): a real compound, silent;
- neither or both: an info finding with an unsafe join.
"""
from __future__ import annotations

import re
import weakref

from cleaner.checks import register
from cleaner.hyphens import HYPHEN_CLASS, HYPHENS, LINE_END_CLASS, LINE_END_HYPHENS
from cleaner.model import Applicability, Edit, Severity
from cleaner.spelling.lexicon import get_lexicon

# Every hyphen character alike: '-', U+2010, U+2011, the soft hyphen, and '¬' at a line end.
LINE_END = re.compile(
    rf"(?<![^\W\d_])([^\W\d_]+){LINE_END_CLASS}[ \t]*(\r\n|\r|\n)[ \t]*([^\W\d_]+)(?![{LINE_END_HYPHENS}\w])"
)
# Found from the hyphen (cheap to scan for), then widened to the words on either side.
IN_LINE_HYPHEN = re.compile(rf"(?<=[^\W\d_]){HYPHEN_CLASS}[ \t]+(?=[a-z])")
WORD_BEFORE = re.compile(rf"(?<![^\W\d_{HYPHENS}])[^\W\d_]+$")
WORD_AFTER = re.compile(rf"[a-z][^\W\d_]*(?![{HYPHENS}\w])")
# "pre- and post-war", "two- or three-year": a suspended hyphen, not a broken word.
SUSPENDERS = frozenset({"and", "or", "nor", "to", "than", "as", "but"})


def _evidence(ctx, first: str, second: str) -> tuple[bool, bool]:
    """(joined form evidenced, hyphenated form evidenced)."""
    lexicon = get_lexicon()
    joined = first + second
    join = lexicon.is_known(joined) or ctx.word_counts[joined.lower()] > 0
    hyphen_in_text = _written_hyphenated(ctx, first, second)
    halves = (len(first) > 1 and len(second) > 1 and lexicon.is_known(first) and lexicon.is_known(second))
    hyph = bool(hyphen_in_text) or (halves and not join)
    return join, hyph


# Runs of word characters joined by single hyphens: "pre-war", "up-to-date".
HYPHENATED = re.compile(rf"\w+(?:{HYPHEN_CLASS}\w+)+")
AS_HYPHEN = str.maketrans({c: "-" for c in HYPHENS})
# The only non-ASCII characters that match an ASCII letter case-insensitively
# in `re` without lower() mapping them to it (K, the Kelvin sign, lowers to k).
ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_HYPHENATED_PAIRS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _hyphenated_pairs(ctx) -> set[tuple[str, str]]:
    """Every (left, right) pair of adjacent hyphen-joined word runs in the text,
    folded to compare with ASCII words, collected once per document."""
    pairs = _HYPHENATED_PAIRS.get(ctx)
    if pairs is None:
        pairs = set()
        for m in HYPHENATED.finditer(ctx.text):
            parts = m.group().translate(AS_HYPHEN).translate(ASCII_TWINS).lower().split("-")
            pairs.update(zip(parts, parts[1:], strict=False))
        _HYPHENATED_PAIRS[ctx] = pairs
    return pairs


def _written_hyphenated(ctx, first: str, second: str) -> bool:
    """Whether `first-second` occurs in the text as a whole hyphenated pair, case-insensitively.

    For ASCII words a set look-up gives the same answer as searching the whole
    text for every hyphen, which is quadratic in the document's size."""
    if (first + second).isascii():
        return (first.lower(), second.lower()) in _hyphenated_pairs(ctx)
    return bool(re.search(rf"(?<!\w){re.escape(first)}{HYPHEN_CLASS}{re.escape(second)}(?!\w)", ctx.text,
                          re.IGNORECASE))


def _verdict(join: bool, hyph: bool):
    if join and not hyph:
        return Severity.WARNING, Applicability.SAFE
    if hyph and not join:
        return None, None
    # Join or keep the hyphen is unclear, but the split itself is a defect
    # (TUNE: 99.6% of 237 such findings on erroneous tokens).
    return Severity.WARNING, Applicability.UNSAFE


@register("line-end-hyphen")
def line_end_hyphen(rule, ctx, options):
    text = ctx.text
    for m in LINE_END.finditer(text):
        first, second = m.group(1), m.group(3)
        if second[:1].isupper() and not first.isupper():
            continue  # "Anglo-\nSaxon": a compound of names
        severity, applicability = _verdict(*_evidence(ctx, first, second))
        if severity is None:
            continue
        # Rejoin the word on the first line and start the next line after it, so no
        # blank line appears when the second half was the whole of its line.
        tail_end = m.end(3)
        while tail_end < len(text) and not text[tail_end].isspace():
            tail_end += 1
        rest = tail_end
        while rest < len(text) and text[rest] in " \t":
            rest += 1
        if rest >= len(text) or text[rest] in "\r\n":
            edit = Edit(m.end(1), m.start(3), "")
        else:
            edit = Edit(m.end(1), rest, text[m.start(3):tail_end] + m.group(2))
        yield ctx.finding(
            rule, m.start(1), m.end(3), severity=severity, applicability=applicability,
            message=rule.message.format(word=first + second), edits=[edit], suggestions=(first + second,),
        )


@register("in-line-hyphen")
def in_line_hyphen(rule, ctx, options):
    text = ctx.text
    for hyphen in IN_LINE_HYPHEN.finditer(text):
        before = WORD_BEFORE.search(text, max(0, hyphen.start() - 60), hyphen.start())
        after = WORD_AFTER.match(text, hyphen.end())
        if before is None or after is None:
            continue
        first, second = before.group(), after.group()
        if second in SUSPENDERS:
            continue
        severity, applicability = _verdict(*_evidence(ctx, first, second))
        if severity is None:
            continue
        if rule.applicability is Applicability.UNSAFE:
            # The rule file caps it: in-line joins measured below 99% on real OCR.
            applicability = Applicability.UNSAFE
        yield ctx.finding(
            rule, before.start(), after.end(), severity=severity, applicability=applicability,
            message=rule.message.format(word=first + second),
            edits=[Edit(before.end(), after.start(), "")],
            suggestions=(first + second,),
        )
