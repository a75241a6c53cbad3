"""Apply fixes the way ruff does: sorted by offset, overlapping fixes wait for
the next pass, passes repeat until nothing changes or the pass limit is hit.

A fix whose edits fall outside the text or overlap one another is never
applied: a rule bug must not be able to mangle text it did not mean to touch.
"""
from __future__ import annotations

from cleaner.model import Applicability, Edit, Finding, Fix


def _well_formed(fix: Fix, length: int) -> bool:
    """Edits inside [0, length], each start <= end, no two overlapping."""
    if not fix.edits:
        return False
    last_end = -1
    for edit in sorted(fix.edits):
        if not (0 <= edit.start <= edit.end <= length) or not isinstance(edit.replacement, str):
            return False
        if edit.start < last_end:
            return False
        last_end = edit.end
    return True


def applicable_fix(finding: Finding, unsafe: bool) -> Fix | None:
    fix = finding.fix
    if fix is None:
        return None
    if fix.applicability is Applicability.UNSAFE and not unsafe:
        return None
    return fix


def first_pass(findings, unsafe: bool, length: int | None = None) -> list[tuple[Finding, Fix]]:
    """The fixes one pass applies: every applicable, well-formed fix that does not overlap
    an earlier one (by offset). The summary of `check` counts these, so that its fixable
    counts are what `fix` then applies in its first pass. `length` is the text's (None: any)."""
    candidates = []
    for finding in findings:
        fix = applicable_fix(finding, unsafe)
        if fix is not None and _well_formed(fix, fix.end if length is None else length):
            candidates.append((fix.start, fix.end, finding, fix))
    candidates.sort(key=lambda c: (c[0], c[1], c[2].rule))
    chosen: list[tuple[Finding, Fix]] = []
    last_end = -1
    for start, end, finding, fix in candidates:
        # Touching is overlapping: two insertions at one offset would be order-dependent.
        if start < last_end or (start == last_end and chosen):
            continue
        chosen.append((finding, fix))
        last_end = end
    return chosen


def apply_once(text: str, findings: list[Finding], unsafe: bool) -> tuple[str, list[Finding]]:
    """Apply every non-overlapping applicable fix in one pass; return new text and applied findings."""
    chosen = first_pass(findings, unsafe, len(text))
    if not chosen:
        return text, []
    edits: list[Edit] = sorted(e for _, fix in chosen for e in fix.edits)
    parts = []
    cursor = 0
    for edit in edits:
        parts.append(text[cursor:edit.start])
        parts.append(edit.replacement)
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts), [f for f, _ in chosen]
