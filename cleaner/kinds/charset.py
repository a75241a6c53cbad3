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

import regex

from cleaner.model import RuleError

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
        # One compiled character class finds candidates at C speed; a run of one
        # character is one finding ("~~~", "\x00\x00").
        members = "".join(regex.escape(c) for c in sorted(self.chars))
        members += "".join(rf"\p{{{cat}}}" for cat in sorted(self.categories))
        allow = "".join(regex.escape(c) for c in sorted(self.allow))
        body = f"[[{members}]--[{allow}]]" if allow else f"[{members}]"
        self.finder = regex.compile(rf"(?V1)({body})\1*")
        if (self.map or self.default is not None) and rule.applicability is None:
            raise RuleError("a rule with a replacement needs an applicability", "applicability")

    def _placed(self, text: str, i: int, j: int) -> bool:
        if self.where == "anywhere":
            return True
        before = i > 0 and text[i - 1].isalpha()
        after = j < len(text) and text[j].isalpha()
        return (before and after) if self.where == "inside-word" else (before or after)

    def check(self, rule, ctx):
        text = ctx.text
        for m in self.finder.finditer(text):
            i, j = m.span()
            char = text[i]
            if not self._placed(text, i, j):
                continue
            replacement = self.map.get(char, self.default)
            yield ctx.finding(
                rule, i, j,
                message=rule.message.format(**_describe(char)),
                replacement=None if replacement is None else replacement * (j - i),
                suggestions=(replacement,) if replacement else (),
            )
