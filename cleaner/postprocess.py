"""Findings-level steps that apply across rules: suppressions written in the
text itself, then one finding per defect (cleaner/merge.py). Nothing is
summarised here: every finding reaches every output format on its own."""
from __future__ import annotations

import re
from functools import lru_cache

from cleaner.conventions.apply import apply_conventions
from cleaner.merge import merge_same_span
from cleaner.model import Finding
from cleaner.rulebook import default_rules
from cleaner.suppress import ignored_lines, suppressed

# Rules about spelling and word division: a word in the user's word lists (config.words) is never one of their findings.
SPELLING_CLASSES = ("SPL", "SEG", "RWE", "SCN")

SIC = re.compile(r"\s*\[sic\]", re.IGNORECASE)


@lru_cache(maxsize=1)
def _printed_forms() -> dict[str, str]:
    """Rule code -> the printed form its findings are about (`printed_form` in the rule file)."""
    return {r.code: r.printed_form for r in default_rules() if r.printed_form}


def postprocess(findings: list[Finding], ctx) -> list[Finding]:
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
    kept = apply_conventions(kept, ctx, _printed_forms())
    return merge_same_span(kept)
