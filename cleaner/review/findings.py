"""Findings as review wants them: one per place.

A report may merge a word flagged many times into one finding whose fix holds
an edit at every place (noise control: "(5 times in this file)"). A reviewer
decides place by place, and recorded decisions are keyed by place, so such a
finding is split back into one finding per edit. Only the repeat signature is
split: two or more edits, each over text equal (ignoring case) to the
finding's own text. Other multi-edit fixes (a pair of spaces inside quotes)
stay whole.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..config import Config
from ..engine import check_text
from ..model import Finding, Fix, Severity
from ..positions import LineIndex

TIMES = re.compile(r" \(\d+ times in this file\)$")


def _match_case(source: str, target: str) -> str:
    if source[:1].isupper() and target[:1].islower():
        return target[:1].upper() + target[1:]
    if source[:1].islower() and target[:1].isupper() and not target.isupper():
        return target[:1].lower() + target[1:]
    return target


def _is_repeat_merge(text: str, f: Finding) -> bool:
    if f.fix is None or len(f.fix.edits) < 2 or not f.text:
        return False
    want = f.text.lower()
    return all(text[e.start:e.end].lower() == want for e in f.fix.edits)


def split_repeats(text: str, findings, index: LineIndex | None = None) -> list[Finding]:
    out = []
    for f in findings:
        if not _is_repeat_merge(text, f):
            out.append(f)
            continue
        index = index or LineIndex(text)
        message = TIMES.sub("", f.message)
        for edit in f.fix.edits:
            here = text[edit.start:edit.end]
            suggestions = (edit.replacement,) + tuple(
                s for s in (_match_case(here, s) for s in f.suggestions[1:]) if s != edit.replacement)
            line, col = index.line_col(edit.start)
            end_line, end_col = index.line_col(edit.end)
            out.append(replace(f, start=edit.start, end=edit.end, text=here, message=message,
                               line=line, column=col, end_line=end_line, end_column=end_col,
                               suggestions=suggestions, fix=Fix((edit,), f.fix.applicability)))
    out.sort(key=lambda f: (f.start, f.end, f.rule))
    return out


def review_findings(text: str, config: Config, min_severity: Severity = Severity.INFO,
                    words=frozenset()) -> list[Finding]:
    """The findings to review, one per place, at or above `min_severity`, minus words accepted so far."""
    from .session import WORD_RULES

    return [f for f in split_repeats(text, check_text(text, config))
            if f.severity.rank >= min_severity.rank
            and not (f.rule.startswith(WORD_RULES) and f.text.lower() in words)]
