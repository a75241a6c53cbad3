"""The word rules' view of an as-printed document: words broken at line ends
are whole again.

In a document that keeps its printed lines, "metro-⏎politan" is correct as
printed, and the line-end hyphen is no defect. The words are still words: a
misread letter in "metro-⏎politcn" should be found as it would be in reflowed
text. So the word rules (spelling, segmentation, real-word, scanno) read a
view where each broken word is joined, and where a line break inside a
paragraph is a space (a printed line end says nothing about the words around
it: a stray letter at one is as much a stray letter as inside a line). A
broken word keeps its hyphen when the joined word is unknown but both halves
are words ("twenty-⏎seven", "first-⏎class"). Findings are mapped back to the text. A fix whose edit would cross the line break (and so
join the word) is dropped: the finding stays, without it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from cleaner.hyphens import LINE_END_CLASS
from cleaner.model import Edit, Fix

# The rule families that judge words.
WORD_RULES = ("SPL", "SEG", "RWE", "SCN", "WRD")
BREAK = re.compile(
    rf"(?<![^\W\d_])([^\W\d_]+)({LINE_END_CLASS})([ \t]*(?:\r\n|\r|\n)[ \t]*)([a-z\u00df-\u00ff][^\W\d_]*)"
)


# A line break with text on both sides: inside a paragraph.
INNER_BREAK = re.compile(r"(?<=\S)([ \t]*)(\r\n|\r|\n)(?=[ \t]*\S)")


def _as_spaces(m: re.Match) -> str:
    return m.group(1) + " " * len(m.group(2))


class JoinedView:
    def __init__(self, text: str, known, document_words) -> None:
        """`known(word)`: the dictionary; `document_words`: the document's lower-cased word counts."""
        parts: list[str] = []
        self.cuts: list[int] = []      # view offsets where text was removed
        self.shifts: list[int] = []    # total characters removed up to and including each cut
        removed = last = 0
        for m in BREAK.finditer(text):
            first, second = m.group(1), m.group(4)
            joined = (first + second).lower()
            keep_hyphen = not (known(joined) or document_words[joined]) and known(first.lower()) \
                and known(second.lower())
            cut_start = m.end(2) if keep_hyphen else m.start(2)
            parts.append(text[last:cut_start])
            removed += m.end(3) - cut_start
            self.cuts.append(cut_start - (removed - (m.end(3) - cut_start)))
            self.shifts.append(removed)
            last = m.end(3)
        parts.append(text[last:])
        # Same length: the offsets of the cuts still hold.
        self.text = INNER_BREAK.sub(_as_spaces, "".join(parts))

    def __bool__(self) -> bool:
        return bool(self.cuts)

    def start(self, offset: int) -> int:
        """A view offset that begins a span, in the text (after a removed break)."""
        k = bisect_right(self.cuts, offset) - 1
        return offset + (self.shifts[k] if k >= 0 else 0)

    def end(self, offset: int) -> int:
        """A view offset that ends a span, in the text (before a removed break)."""
        k = bisect_left(self.cuts, offset) - 1
        return offset + (self.shifts[k] if k >= 0 else 0)

    def crosses(self, start: int, end: int) -> bool:
        k = bisect_right(self.cuts, start)
        return k < len(self.cuts) and self.cuts[k] < end

    def _narrow(self, edit: Edit) -> Edit:
        """The edit without the letters it leaves as they are ("distrlct" -> "district"
        edits only the "l"), so that a fix inside a broken word keeps the break."""
        old, new = self.text[edit.start:edit.end], edit.replacement
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        return Edit(edit.start + head, edit.end - tail, new[head:len(new) - tail])

    def map_back(self, finding, ctx):
        """`finding` (on the view) as a finding on the text of `ctx`."""
        start, end = self.start(finding.start), self.end(finding.end)
        end = max(start, end)
        fix = finding.fix
        if fix is not None:
            edits = [self._narrow(e) for e in fix.edits]
            if any(self.crosses(e.start, e.end) for e in edits):
                fix = None
            else:
                fix = Fix(tuple(Edit(self.start(e.start), max(self.start(e.start), self.end(e.end)), e.replacement)
                                for e in edits), fix.applicability)
        line, column = ctx.index.line_col(start)
        end_line, end_column = ctx.index.line_col(end)
        return replace(finding, start=start, end=end, line=line, column=column, end_line=end_line,
                       end_column=end_column, text=ctx.text[start:end], fix=fix)
