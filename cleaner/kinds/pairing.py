"""pairing: quotes and brackets that do not pair up within a paragraph.

A paragraph is a run of non-blank lines. Following the printers' convention, a
quotation that runs over several paragraphs opens again at the start of each
and closes only at the end of the last, so an opening quote left open is fine
when the next paragraph starts with the same quote.

Keys:
  pairs     two-character strings, opener then closer: ["()", "[]", "“”"]
  straight  characters that open and close alike, counted per paragraph: ['"']
  reopen    apply the multi-paragraph quotation convention (default true)
The message may use {char}, {problem}.
"""
from __future__ import annotations

import re

from cleaner.model import RuleError

KIND = "pairing"
PARAGRAPH = re.compile(r"\S.*?(?=(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)|\Z)", re.DOTALL)
# "1)", "a)", "iv)" at the start of a line label a list item, not a closing bracket.
ITEM_LABEL = re.compile(r"(?:^|(?<=[\r\n]))[ \t]*[\w]{1,4}\)$")


class Kind:
    KEYS = {"pairs": list, "straight": str, "reopen": bool}

    def __init__(self, rule) -> None:
        pairs = rule.options.get("pairs", [])
        if not all(isinstance(p, str) and len(p) == 2 and p[0] != p[1] for p in pairs):
            raise RuleError("each entry must be two different characters, opener then closer", "pairs")
        self.openers = {p[0]: p[1] for p in pairs}
        self.closers = {p[1]: p[0] for p in pairs}
        self.straight = rule.options.get("straight", "")
        if not pairs and not self.straight:
            raise RuleError("a pairing rule needs 'pairs' or 'straight'", "pairs")
        self.reopen = rule.options.get("reopen", True)
        # Only these characters change the state; the scan jumps from one to the next.
        chars = sorted(set(self.openers) | set(self.closers) | set(self.straight))
        self.relevant = re.compile("[" + "".join(re.escape(c) for c in chars) + "]")

    def check(self, rule, ctx):
        text = ctx.text
        paragraphs = [m.span() for m in PARAGRAPH.finditer(text)]
        for n, (start, end) in enumerate(paragraphs):
            next_start = text[paragraphs[n + 1][0]] if n + 1 < len(paragraphs) else ""
            for offset, char, problem in self._unpaired(text, start, end, next_start):
                yield ctx.finding(rule, offset, offset + 1,
                                  message=rule.message.format(char=char, problem=problem))

    def _unpaired(self, text, start, end, next_start):
        stack: list[tuple[int, str]] = []
        straight: dict[str, list[int]] = {c: [] for c in self.straight}
        for m in self.relevant.finditer(text, start, end):
            i = m.start()
            char = text[i]
            if char in self.openers:
                stack.append((i, char))
            elif char in self.closers:
                opener = self.closers[char]
                if stack and stack[-1][1] == opener:
                    stack.pop()
                elif any(c == opener for _, c in stack):
                    # Close the matching opener; whatever sat above it was left open.
                    while stack[-1][1] != opener:
                        yield *stack.pop(), "never closed"
                    stack.pop()
                elif not _item_label(text, i):
                    yield i, char, "closes nothing"
            elif char in straight:
                straight[char].append(i)
        for i, char in stack:
            if self.reopen and next_start == char and (i, char) == stack[-1] and _is_quote(char):
                continue
            yield i, char, "never closed"
        for char, offsets in straight.items():
            if len(offsets) % 2 and not (self.reopen and next_start == char):
                yield offsets[-1], char, "has no partner"


def _item_label(text: str, i: int) -> bool:
    """Whether the ')' at i ends a list label ("1)", "iv)") at the start of its line.

    Same answer as ITEM_LABEL.search(text, 0, i + 1), found without scanning
    the text before the line (quadratic on a long single-line file): walk back
    over at most four label characters and the blanks before them to the line
    start, then let the pattern judge from there."""
    k = i - 1
    while k >= 0 and i - k <= 4 and text[k] not in " \t\r\n":
        k -= 1
    if k >= 0 and text[k] not in " \t\r\n":
        return False  # five or more characters before ')' with no blank: not a label
    while k >= 0 and text[k] in " \t":
        k -= 1
    if k >= 0 and text[k] not in "\r\n":
        return False
    return ITEM_LABEL.match(text, k + 1, i + 1) is not None


def _is_quote(char: str) -> bool:
    return char in "“‘«»„‹›\"'"
