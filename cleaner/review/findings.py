"""Findings as review wants them: one per place, as every report lists them."""
from __future__ import annotations

from cleaner.config import Config
from cleaner.engine import check_text
from cleaner.model import Finding, Severity
from cleaner.postprocess import SPELLING_CLASSES


def review_findings(text: str, config: Config, min_severity: Severity = Severity.INFO,
                    words=frozenset()) -> list[Finding]:
    """Findings at or above `min_severity`, minus spelling findings of words accepted so far."""
    return [f for f in check_text(text, config)
            if f.severity.rank >= min_severity.rank
            and not (f.rule.startswith(SPELLING_CLASSES) and f.text.lower() in words)]
