"""The conventions of one transcription, inferred once per document from its
text and the `line-breaks` / `characters` settings: whether lines are kept as
printed, which printed character forms it keeps, where it is not English, and
whether it is spelt in an early modern style.

Rules and the engine reach them with `conventions_of(ctx)`; `apply.py` applies
them to findings. One module per concern: line_breaks, characters, languages,
old_spelling, and view (the word rules' view of as-printed text).
"""
from __future__ import annotations

import weakref
from bisect import bisect_right
from dataclasses import fields
from functools import cached_property

from cleaner.context import Context
from cleaner.conventions import characters, line_breaks
from cleaner.conventions.languages import Passage, Settings, find_passages
from cleaner.conventions.old_spelling import is_early_modern
from cleaner.conventions.view import JoinedView
from cleaner.spelling.lexicon import get_lexicon

LANGUAGE_RULE = "LNG001"
_BY_CONTEXT: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def conventions_of(ctx: Context) -> "Conventions":
    """The conventions of the document `ctx` holds, built once per context."""
    found = _BY_CONTEXT.get(ctx)
    if found is None:
        found = _BY_CONTEXT[ctx] = Conventions(ctx)
    return found


class Conventions:
    def __init__(self, ctx: Context) -> None:
        # A proxy, not a reference: the context is the key these conventions are
        # kept under, and a strong reference would keep it alive for ever.
        self._ctx = weakref.proxy(ctx)

    @cached_property
    def line_breaks(self) -> str:
        """"as-printed" or "reflowed"."""
        return line_breaks.infer(self._ctx.text, self._ctx.config.line_breaks)

    @cached_property
    def word_view(self) -> tuple[JoinedView, Context] | None:
        """In an as-printed document, the text with its broken words joined and a
        context on it for the word rules (view.py); None when there is nothing to join."""
        if self.line_breaks != line_breaks.AS_PRINTED:
            return None
        view = JoinedView(self._ctx.text, get_lexicon().is_known, self._ctx.word_counts)
        if not view:
            return None
        return view, self._ctx.on(view.text)

    @cached_property
    def kept_forms(self) -> frozenset[str]:
        return characters.kept_forms(self._ctx.text, self._ctx.config.characters)

    def keeps(self, form: str) -> bool:
        if form == "line-end-hyphen":
            return self.line_breaks == line_breaks.AS_PRINTED
        return form in self.kept_forms

    @cached_property
    def early_modern(self) -> bool:
        """Spelt before standard spelling, on the evidence of its own words (old_spelling.py)."""
        return is_early_modern([w for _, _, w in self._ctx.words], get_lexicon().is_known)

    @cached_property
    def language_options(self) -> dict | None:
        """The language rule's options (rules/languages/LNG001.toml), None without them."""
        try:
            return self._ctx.rule_options(LANGUAGE_RULE)
        except KeyError:
            return None

    @cached_property
    def passages(self) -> tuple[Passage, ...]:
        """Passages not in English, in text order."""
        options = self.language_options
        if options is None:
            return ()
        settings = Settings(languages=tuple(options["languages"].split()),
                            **{f.name: options[f.name] for f in fields(Settings) if f.name != "languages"})
        found = find_passages(self._ctx.text, get_lexicon().zipf, settings)
        words = self._ctx.words
        covered = sum(p.words for p in found)
        if found and len(words) >= options["whole_document_min_words"] \
                and covered >= options["whole_document"] * len(words):
            # A document mostly in another language is in it throughout: its
            # English-looking stretches are names, numbers and misreadings.
            share: dict[str, int] = {}
            for p in found:
                share[p.language] = share.get(p.language, 0) + p.words
            return (Passage(words[0][0], words[-1][1], max(share, key=share.get), len(words)),)
        return tuple(found)

    @cached_property
    def _passage_starts(self) -> list[int]:
        return [p.start for p in self.passages]

    def passage_at(self, start: int, end: int) -> Passage | None:
        """The foreign passage that holds the middle of [start, end), if any (a
        line finding may reach past the passage's first and last letters)."""
        if not self.passages:
            return None
        middle = (start + end) // 2
        k = bisect_right(self._passage_starts, middle) - 1
        if k >= 0 and middle < self.passages[k].end:
            return self.passages[k]
        return None
