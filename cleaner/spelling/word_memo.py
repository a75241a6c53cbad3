"""Dictionary look-ups memoised per document, shared by the checks that ask about
every word (junk lines, scannos): a word is looked up once per document however
often it occurs and however many checks ask."""
from __future__ import annotations

import weakref

from cleaner.spelling.lexicon import get_lexicon

_BY_DOC: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_DISTINCT_BY_DOC: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def distinct_words(ctx) -> list[str]:
    """The document's word tokens without repeats, in order of first occurrence."""
    words = _DISTINCT_BY_DOC.get(ctx)
    if words is None:
        words = _DISTINCT_BY_DOC[ctx] = list(dict.fromkeys(w for _, _, w in ctx.words))
    return words


def known_memo(ctx) -> dict[str, bool]:
    """word -> Lexicon.is_known(word) for the words asked about so far in this document."""
    memo = _BY_DOC.get(ctx)
    if memo is None:
        memo = _BY_DOC[ctx] = {}
    return memo


def is_known(ctx, word: str) -> bool:
    memo = known_memo(ctx)
    known = memo.get(word)
    if known is None:
        known = memo[word] = get_lexicon().is_known(word)
    return known
