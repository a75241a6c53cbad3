"""charset: flag characters by set or Unicode category, optionally only where
they sit inside a word, and replace or delete them.

Keys:
  chars        characters to flag (a string)
  categories   Unicode general categories to flag, e.g. ["Cc", "Cf"]
  allow        characters never flagged even if their category matches
  where        "anywhere" (default), "inside-word" (letters on both sides)
               or "touching-word" (a letter on at least one side)
  replacement  the same replacement for every flagged character ("" deletes)
  map          per-character replacements; characters missing from it get no fix
The message may use {char}, {codepoint} and {name}.
"""
from __future__ import annotations

import unicodedata

from ..rulebook import RuleError

KIND = "charset"
PLACES = ("anywhere", "inside-word", "touching-word")


def _describe(char: str) -> dict:
    return {
        "char": char,
        "codepoint": f"U+{ord(char):04X}",
        "name": unicodedata.name(char, "control character"),
    }


class Kind:
    KEYS = {"chars": str, "categories": list, "allow": str, "where": str, "replacement": str, "map": dict}

    def __init__(self, rule) -> None:
        opts = rule.options
        self.chars = frozenset(opts.get("chars", ""))
        self.categories = frozenset(opts.get("categories", []))
        self.allow = frozenset(opts.get("allow", ""))
        if not self.chars and not self.categories:
            raise RuleError("a charset rule needs 'chars' or 'categories'", "chars")
        for cat in self.categories:
            if not isinstance(cat, str) or len(cat) != 2:
                raise RuleError(f"{cat!r} is not a two-letter Unicode category", "categories")
        self.where = opts.get("where", "anywhere")
        if self.where not in PLACES:
            raise RuleError(f"must be one of {', '.join(PLACES)}", "where")
        self.map = dict(opts.get("map", {}))
        for key, value in self.map.items():
            if len(key) != 1 or not isinstance(value, str):
                raise RuleError(f"entry {key!r} must be one character mapped to a string", "map")
        if "replacement" in opts:
            if self.map:
                raise RuleError("use either 'replacement' or 'map'", "replacement")
            self.default = opts["replacement"]
        else:
            self.default = None
        if (self.map or self.default is not None) and rule.applicability is None:
            raise RuleError("a rule with a replacement needs an applicability", "applicability")

    def _flagged(self, char: str) -> bool:
        if char in self.allow:
            return False
        return char in self.chars or unicodedata.category(char) in self.categories

    def _placed(self, text: str, i: int) -> bool:
        if self.where == "anywhere":
            return True
        before = i > 0 and text[i - 1].isalpha()
        after = i + 1 < len(text) and text[i + 1].isalpha()
        return (before and after) if self.where == "inside-word" else (before or after)

    def check(self, rule, ctx):
        text = ctx.text
        i = 0
        while i < len(text):
            char = text[i]
            if not self._flagged(char) or not self._placed(text, i):
                i += 1
                continue
            # A run of the same flagged character is one finding ("~~~", "\x00\x00").
            j = i + 1
            while j < len(text) and text[j] == char:
                j += 1
            replacement = self.map.get(char, self.default)
            yield ctx.finding(
                rule, i, j,
                message=rule.message.format(**_describe(char)),
                replacement=None if replacement is None else replacement * (j - i) if replacement else "",
                suggestions=(replacement,) if replacement else (),
            )
            i = j
