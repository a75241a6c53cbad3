"""Noise control: keep a report readable when a file is full of one problem.

Two steps run on every check, after the text-level suppressions:

- Floods (bookloupe's adaptive suppression): when one rule fires on more than
  FLOOD_SHARE of a file's non-blank lines and more than FLOOD_MIN times, the
  file has a systematic trait (a house style, a bad conversion), not many
  separate slips. Its findings become one summary finding with the count.
- Repeats: the same text flagged by the same rule REPEAT_MIN or more times
  (one misspelt name, one ligature) becomes one finding whose message carries
  the count.

Fixes stay correct: a merged finding carries the edits of every finding it
replaces (one summary per fix applicability, so `fix` without --unsafe still
applies exactly the safe edits). Edits that overlap inside a merge are left
to the fixer's next pass, which sees them again.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from cleaner.model import Applicability, Edit, Finding, Fix

FLOOD_SHARE = 0.30
FLOOD_MIN = 20
REPEAT_MIN = 3


def control_noise(findings: list[Finding], ctx) -> list[Finding]:
    return count_repeats(summarise_floods(findings, ctx))


def _group_by_fix(findings: list[Finding]) -> dict:
    groups: dict[Applicability | None, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.fix.applicability if f.fix else None].append(f)
    return groups


def _merged_fix(findings: list[Finding], applicability: Applicability | None) -> Fix | None:
    if applicability is None:
        return None
    edits: list[Edit] = []
    last_end = -1
    for edit in sorted(e for f in findings for e in f.fix.edits):
        # Touching counts as overlapping, as in the fixer: two insertions at one offset.
        if edit.start < last_end or (edit.start == last_end and edits):
            continue
        edits.append(edit)
        last_end = edit.end
    return Fix(tuple(edits), applicability)


def _merge(findings: list[Finding], applicability, message: str) -> Finding:
    first = min(findings, key=lambda f: (f.start, f.end))
    severity = max((f.severity for f in findings), key=lambda s: s.rank)
    return replace(first, severity=severity, message=message, fix=_merged_fix(findings, applicability))


def _line_count(ctx) -> int:
    text = ctx.text
    return sum(1 for start, end in ctx.lines if text[start:end].strip()) or 1


def summarise_floods(findings: list[Finding], ctx) -> list[Finding]:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[f.rule].append(f)
    lines = _line_count(ctx)
    out: list[Finding] = []
    for rule, group in by_rule.items():
        touched = len({f.line for f in group})
        if len(group) <= FLOOD_MIN or touched / lines <= FLOOD_SHARE:
            out.extend(group)
            continue
        share = round(100 * touched / lines)
        for applicability, part in _group_by_fix(group).items():
            first = min(part, key=lambda f: (f.start, f.end))
            message = (f"{first.message} — and {len(part) - 1} more like it: {rule} fires on {touched} of "
                       f"{lines} lines ({share}%), so its findings are summarised here; the file probably "
                       f"has a systematic trait (house style, conversion) rather than separate slips")
            out.append(_merge(part, applicability, message))
    return out


def count_repeats(findings: list[Finding]) -> list[Finding]:
    groups: dict[tuple, list[Finding]] = defaultdict(list)
    for f in findings:
        key = (f.rule, f.text.lower(), f.fix.applicability if f.fix else None)
        groups[key].append(f)
    out: list[Finding] = []
    for (_rule, text, applicability), group in groups.items():
        if len(group) < REPEAT_MIN or not text or any(c.isspace() for c in text) or " — and " in group[0].message:
            out.extend(group)
            continue
        first = min(group, key=lambda f: (f.start, f.end))
        out.append(_merge(group, applicability, f"{first.message} ({len(group)} times in this file)"))
    return out
