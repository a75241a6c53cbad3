"""Per-document state shared by all rules during one check: the text, its line
index, its word tokens and the document lexicon. Built lazily, once per text."""
from __future__ import annotations

import re
from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING

from cleaner.model import Applicability, Edit, Finding, Fix, Severity
from cleaner.positions import LineIndex
from cleaner.quoting import with_quote

if TYPE_CHECKING:  # the settings sit above the rules in the layers; a context only carries them
    from cleaner.config import Config

# Letters with inner apostrophes ("don't", "L'Humanité"); digits are kept so that
# "1ike" stays one token for the scanno rules.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Longer tokens are never words: the longest word the lexicon holds has 45 letters
# (pneumonoultramicroscopicsilicovolcanoconiosis), the longest token of the eval gold
# 42 (a German compound). Past this a token is no rule's word (SPL806 reports it),
# because the work per word (candidates, segmentation, old spellings) grows with
# the square of its length or worse: 1,600 letters took 15 s and 2.5 GB.
LONGEST_WORD = 64


class Context:
    def __init__(self, text: str, config: Config, rule_options: dict[str, dict] | None = None) -> None:
        self.text = text
        self.config = config
        self.index = LineIndex(text)
        # code -> options of every known rule, enabled or not: a rule that defers to
        # another (SPL803 to SPL801) reads that rule's thresholds, never a copy of them.
        self._rule_options = rule_options or {}

    def rule_options(self, code: str) -> dict:
        return self._rule_options[code]

    def on(self, text: str) -> Context:
        """A context on another text (a view of this one) with the same settings and rules."""
        return Context(text, self.config, self._rule_options)

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        """(start, end, token) of every word token up to LONGEST_WORD characters."""
        return self._tokens[0]

    @cached_property
    def long_tokens(self) -> list[tuple[int, int]]:
        """(start, end) of every word token too long to be a word (left out of `words`)."""
        return self._tokens[1]

    @cached_property
    def _tokens(self) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
        # One pass over the text for both lists: every check reads `words`, SPL806 `long_tokens`.
        words: list[tuple[int, int, str]] = []
        long: list[tuple[int, int]] = []
        for match in WORD.finditer(self.text):
            start, end = match.span()
            if end - start <= LONGEST_WORD:
                words.append((start, end, match.group()))
            else:
                long.append((start, end))
        return words, long

    @cached_property
    def word_counts(self) -> Counter:
        """Lower-cased word counts in this document plus the run's corpus counts."""
        counts = Counter(w.lower() for _, _, w in self.words)
        for word, n in self.config.corpus_counts:
            counts[word] += n
        return counts

    @cached_property
    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of every line, end before its line break."""
        return [self.index.line_span(n) for n in range(1, self.index.line_count + 1)]

    def delete_line_edit(self, line_no: int) -> Edit:
        """An edit removing line `line_no` (1-based) and one line break.

        When the line sits between two blank lines, one of those blank lines goes
        too, so the paragraphs keep the gap they had rather than a wider one.
        """
        index = self.index
        start, end = index.line_span_with_break(line_no)
        last = line_no == index.line_count
        if last and line_no > 1:
            # No break after the last line: take the one before it instead.
            prev_start, prev_end = index.line_span(line_no - 1)
            return Edit(prev_end, end, "")

        def blank(n: int) -> bool:
            if not 1 <= n <= index.line_count:
                return False
            s, e = index.line_span(n)
            return not self.text[s:e].strip()

        if blank(line_no - 1) and blank(line_no + 1) and line_no + 1 < index.line_count:
            end = index.line_span_with_break(line_no + 1)[1]
        return Edit(start, end, "")

    def finding(
        self,
        rule,
        start: int,
        end: int,
        *,
        message: str | None = None,
        suggestions: tuple[str, ...] | list[str] = (),
        edits: list[Edit] | tuple[Edit, ...] | None = None,
        replacement: str | None = None,
        applicability: Applicability | None = None,
        severity: Severity | None = None,
        evidence: str = "",
    ) -> Finding:
        """Build a finding for `rule`; a `replacement` is shorthand for one edit over the span.
        The message is led by the quoted flagged text unless it already shows it."""
        if replacement is not None and edits is None:
            edits = (Edit(start, end, replacement),)
        fix = None
        if edits:
            fix = Fix(tuple(sorted(edits)), applicability or rule.applicability)
        line, col = self.index.line_col(start)
        end_line, end_col = self.index.line_col(end)
        return Finding(
            rule=rule.code,
            name=rule.name,
            severity=severity or rule.severity,
            message=with_quote(message or rule.message, self.text[start:end]),
            start=start,
            end=end,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            text=self.text[start:end],
            suggestions=tuple(suggestions),
            fix=fix,
            evidence=evidence,
        )
