"""Findings-level filters that apply across rules: suppressions written in the
text itself. Noise control (summaries of very frequent findings) lives here too."""
from __future__ import annotations

import re

from .model import Finding

SIC = re.compile(r"\s*\[sic\]", re.IGNORECASE)


def postprocess(findings: list[Finding], ctx) -> list[Finding]:
    text = ctx.text
    kept = []
    for f in findings:
        # A word the transcriber marked [sic] is deliberate.
        if SIC.match(text, f.end):
            continue
        kept.append(f)
    return kept
