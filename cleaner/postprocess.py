"""Findings-level filters that apply across rules: suppressions written in the
text itself. Noise control (summaries of very frequent findings) lives here too."""
from __future__ import annotations

import re

from cleaner.model import Finding
from cleaner.noise import control_noise
from cleaner.suppress import ignored_lines, suppressed

# Rules about spelling and word division: a word in the user's word lists (config.words) is never one of their findings.
SPELLING_CLASSES = ("SPL", "SEG", "RWE", "SCN")

SIC = re.compile(r"\s*\[sic\]", re.IGNORECASE)


def postprocess(findings: list[Finding], ctx, summarise: bool = True) -> list[Finding]:
    text = ctx.text
    kept = []
    ignores = ignored_lines(text, ctx.index)
    words = ctx.config.words
    for f in findings:
        if ignores and suppressed(f, ignores):
            continue
        if words and f.rule.startswith(SPELLING_CLASSES) and f.text.lower() in words:
            continue
        # A word the transcriber marked [sic] is deliberate.
        if SIC.match(text, f.end):
            continue
        kept.append(f)
    # Floods and repeats are merged last, so suppressed findings are not counted.
    return control_noise(kept, ctx) if summarise else kept
