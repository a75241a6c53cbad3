"""repetition: the same word twice in a row ("the the"), also across a line
break. The fix deletes the second copy and the space before it.

Keys:
  words        if given, only these words (lower-case) are flagged
  allow        doubled words that are often deliberate ("had had", "that that")
  min_length   shortest word considered (default 1)
  cross_lines  also look across one line break (default true)
"""
from __future__ import annotations

import itertools
import operator

import regex

from cleaner.model import Edit, RuleError

KIND = "repetition"

# Two equal words separated only by blanks (and at most one line break); the
# guards keep "the the" out of "bathe the" and "the theory".
SAME_LINE = regex.compile(r"(?<![\w'’-])([^\W\d_]+(?:['’][^\W\d_]+)*)([ \t]+)(\1)(?![\w'’-])", regex.IGNORECASE)
ANY_BREAK = regex.compile(
    r"(?<![\w'’-])([^\W\d_]+(?:['’][^\W\d_]+)*)([ \t]*(?:\r\n|\r|\n)?[ \t]*)(\1)(?![\w'’-])", regex.IGNORECASE
)


class Kind:
    KEYS = {"words": list, "allow": list, "min_length": int, "cross_lines": bool}

    def __init__(self, rule) -> None:
        opts = rule.options
        for key in ("words", "allow"):
            if not all(isinstance(w, str) and w == w.lower() for w in opts.get(key, [])):
                raise RuleError("must be a list of lower-case words", key)
        self.words = frozenset(opts.get("words", []))
        self.allow = frozenset(opts.get("allow", []))
        self.min_length = opts.get("min_length", 1)
        self.pattern = ANY_BREAK if opts.get("cross_lines", True) else SAME_LINE

    def check(self, rule, ctx):
        text = ctx.text
        pos = 0
        for start in _candidate_starts(ctx):
            if start < pos:
                continue
            m = self.pattern.match(text, start)
            if m is None:
                continue
            pos = m.end(1)
            gap = m.group(2)
            if not gap:
                continue
            first, second = m.group(1), m.group(3)
            word = first.lower()
            if len(word) < self.min_length or word in self.allow:
                continue
            if self.words and word not in self.words:
                continue
            if _repeats_on(text, m.end(3), word):
                pos = m.end(3)
                while (nxt := _repeats_on(text, pos, word)):
                    pos = nxt
                continue  # three or more in a row: a junk line (JNK701) or deliberate ("no, no, no")
            # "The the" starting a sentence is still a repeat; "Paris PARIS" in a heading is not.
            if first != second and not (first.lower() == second and first[:1].isupper()):
                continue
            if "\n" in gap or "\r" in gap:
                # Keep the line break; delete the repeated word and the blanks after the break.
                edit = Edit(m.start(3), m.end(3) + _blanks_after(text, m.end(3)), "")
                if text[m.end(3):m.end(3) + 1] in ("\n", "\r", ""):
                    edit = Edit(m.end(1), m.end(3), "")
            else:
                edit = Edit(m.end(1), m.end(3), "")
            yield ctx.finding(
                rule, m.start(1), m.end(3),
                message=rule.message.format(word=word),
                edits=[edit] if rule.applicability else None,
                suggestions=(first,),
            )


def _candidate_starts(ctx):
    """Starts of the words followed by the same word: the only places a repeat
    with a gap can start (the guards make both copies whole word tokens), so
    the pattern is tried there instead of searched for over the whole text.
    Pairs with non-ASCII letters are always tried: case folding there is the
    regex module's business."""
    words = ctx.words
    tokens = [w for _, _, w in words]
    lower = list(map(str.lower, tokens))
    ascii_ = list(map(str.isascii, tokens))
    # Element-wise with map (C loops): same word next, or either of the pair non-ASCII.
    tried = map(operator.or_, map(operator.eq, lower, lower[1:]),
                map(operator.not_, map(operator.and_, ascii_, ascii_[1:])))
    return itertools.compress((start for start, _, _ in words), tried)


NEXT_WORD = regex.compile(r"[ \t]*(?:\r\n|\r|\n)?[ \t]*([^\W\d_]+(?:['’][^\W\d_]+)*)")


def _repeats_on(text: str, end: int, word: str) -> int:
    """End of the next word when it is `word` again, else 0."""
    m = NEXT_WORD.match(text, end)
    return m.end() if m and m.group(1).lower() == word else 0


def _blanks_after(text: str, i: int) -> int:
    n = 0
    while i + n < len(text) and text[i + n] in " \t":
        n += 1
    return n
