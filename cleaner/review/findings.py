"""Findings as review wants them: one per place, unmerged.

Reports merge floods and repeats (noise control); a reviewer decides place by
place, and recorded decisions are keyed by place, so review asks the engine
for the unmerged findings, as `fix` does.
"""
from __future__ import annotations

from cleaner.config import Config
from cleaner.engine import check_text
from cleaner.model import Finding, Severity
from cleaner.postprocess import SPELLING_CLASSES


def review_findings(text: str, config: Config, min_severity: Severity = Severity.INFO,
                    words=frozenset()) -> list[Finding]:
    """Findings at or above `min_severity`, minus spelling findings of words accepted so far."""
    return [f for f in check_text(text, config, summarise=False)
            if f.severity.rank >= min_severity.rank
            and not (f.rule.startswith(SPELLING_CLASSES) and f.text.lower() in words)]
