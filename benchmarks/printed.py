"""Printed-lines versions of a text, as a newspaper column or an ALTO export keeps them.

Each line of the source is a paragraph (BLN600 rows, GHT sentences and
ICDAR pages are one line each, and a GHT row may end mid-word where the next
begins another text). Each paragraph is re-wrapped at one width per document
(30-60 columns, drawn from a seed) and a word that does not fit is broken at a
line end with a hyphen where `pyphen`'s en_US patterns allow it, the way a
compositor would. A word already holding a hyphen breaks after that hyphen.
Paragraphs are separated by a blank line. The result keeps every whitespace
token of the source in order; only broken words become two pieces, and
`origin` says which source token each piece is.
"""
from __future__ import annotations

import hashlib
import random
import re
from functools import lru_cache

TOKEN = re.compile(r"\S+")
PARAGRAPHS = re.compile(r"(?:[ \t]*\n)+")
# A word with its leading and trailing punctuation: only the word itself is hyphenated.
WORD = re.compile(r"^(\W*)([^\W\d_]{5,})(\W*)$")


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US", left=2, right=3)


def seed_of(doc_id: str) -> int:
    return int(hashlib.md5(f"printed:{doc_id}".encode()).hexdigest()[:8], 16)


def _split(token: str, room: int) -> tuple[str, str] | None:
    """(head ending in a hyphen, tail) with len(head) <= room, or None when the token cannot break there."""
    if "-" in token.strip("-"):
        cut = token.rfind("-", 0, room)
        if cut > 0 and cut < len(token) - 1:
            return token[:cut + 1], token[cut + 1:]
        return None
    m = WORD.match(token)
    if m is None:
        return None
    lead, word, trail = m.groups()
    for pos in reversed(_hyphenator().positions(word)):
        head = lead + word[:pos] + "-"
        if len(head) <= room:
            return head, word[pos:] + trail
    return None


def printed_lines(text: str, doc_id: str) -> tuple[str, list[int]]:
    """The printed-lines text and, for each of its tokens, the index of the source token it comes from."""
    width = random.Random(seed_of(doc_id)).randint(30, 60)
    out_paragraphs: list[str] = []
    origin: list[int] = []
    index = 0
    for paragraph in PARAGRAPHS.split(text):
        lines: list[str] = []
        line = ""
        for token in paragraph.split():
            while True:
                if not line:
                    line = token
                    origin.append(index)
                    break
                if len(line) + 1 + len(token) <= width:
                    line += " " + token
                    origin.append(index)
                    break
                pieces = _split(token, width - len(line) - 1)
                if pieces is not None:
                    head, token = pieces
                    lines.append(line + " " + head)
                    origin.append(index)
                else:
                    lines.append(line)
                line = ""
            index += 1
        if line:
            lines.append(line)
        if lines:
            out_paragraphs.append("\n".join(lines))
    return "\n\n".join(out_paragraphs) + "\n", origin
