"""Every character a transcription writes a hyphen with, in one place, so that the
hyphenation rules and the spelling rules' idea of a word's edges agree.

U+2010 (hyphen) and U+2011 (non-breaking hyphen) come from typeset and web
sources, U+00AD (soft hyphen) from HTML and PDF extraction; '¬' is how
Fraktur transcriptions (and some OCR engines) write a line-end hyphen.
"""
from __future__ import annotations

HYPHENS = "-\u2010\u2011\u00ad"
# What may end a line in place of a hyphen of a broken word.
LINE_END_HYPHENS = HYPHENS + "\u00ac"
# For regex character classes: ']' '\\' '^' do not occur, '-' goes first.
HYPHEN_CLASS = "[" + HYPHENS + "]"
LINE_END_CLASS = "[" + LINE_END_HYPHENS + "]"
