"""Per-document state shared by all rules during one check: the text, its line
index, its word tokens and the document lexicon. Built lazily, once per text."""
from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from .config import Config
from .model import Applicability, Edit, Finding, Fix, Severity
from .positions import LineIndex

# Letters with inner apostrophes ("don't", "L'Humanité"); digits are kept so that
# "1ike" stays one token for the scanno rules.
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class Context:
    def __init__(self, text: str, config: Config) -> None:
        self.text = text
        self.config = config
        self.index = LineIndex(text)

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in WORD.finditer(self.text)]

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
    ) -> Finding:
        """Build a finding for `rule`; a `replacement` is shorthand for one edit over the span."""
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
            message=message or rule.message,
            start=start,
            end=end,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            text=self.text[start:end],
            suggestions=tuple(suggestions),
            fix=fix,
        )
