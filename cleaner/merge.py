"""One finding per defect: when several rules flag the same span, report it once.

`tbe` is both an OCR letter confusion (SCN502) and a word no dictionary knows
(SPL801); two findings for one misreading double the count, and when their fixes
differ the fixer used whichever came first (`oloth`: SCN501's `010th` instead of
SPL801's `cloth`). The merged finding keeps the rule with the higher measured fix
precision (rules/data/rule_precision.tsv), the most severe severity, the union of
the suggestions (the winner's first, then the others' by their rules' precision)
and names the other rules in `also`. Its fix is the one for the top suggestion.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

from cleaner.model import Applicability, Edit, Finding, Fix
from cleaner.shipped import rules_dir


@lru_cache(maxsize=1)
def rule_precision() -> dict[tuple[str, str], float]:
    """(rule, applicability) -> precision, smoothed so that one lucky fix is not 100%."""
    table: dict[tuple[str, str], float] = {}
    path = rules_dir() / "data" / "rule_precision.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rule, applicability, right, judged = line.split("\t")
        table[(rule, applicability)] = (int(right) + 1) / (int(judged) + 2)
    return table


def precision(f: Finding) -> float:
    """The measured precision of f's rule at f's fix applicability (0 when never measured)."""
    table = rule_precision()
    if f.fix is not None and (f.rule, f.fix.applicability.value) in table:
        return table[(f.rule, f.fix.applicability.value)]
    measured = [p for (rule, _), p in table.items() if rule == f.rule]
    return min(measured) if measured else 0.0


def _is_plain_edit(f: Finding, replacement: str) -> bool:
    return (f.fix is not None and len(f.fix.edits) == 1
            and f.fix.edits[0] == Edit(f.start, f.end, replacement))


def _fix_for(ranked: list[Finding], top: str | None) -> Fix | None:
    winner = ranked[0]
    if winner.fix is not None:
        return winner.fix
    fixable = [f for f in ranked if f.fix is not None]
    if not fixable:
        return None
    if top is not None:
        for f in fixable:
            if _is_plain_edit(f, top):
                return f.fix
        # Another rule judged the span fixable; the best-ranked reading is still a guess.
        return Fix((Edit(winner.start, winner.end, top),), Applicability.UNSAFE)
    return fixable[0].fix


def merge_group(group: list[Finding]) -> Finding:
    ranked = sorted(group, key=lambda f: (-precision(f), -f.severity.rank, f.rule))
    winner = ranked[0]
    suggestions: list[str] = []
    for f in ranked:
        suggestions.extend(s for s in f.suggestions if s not in suggestions)
    severity = max((f.severity for f in group), key=lambda s: s.rank)
    also = tuple(dict.fromkeys(f.rule for f in ranked[1:] if f.rule != winner.rule))
    fix = _fix_for(ranked, suggestions[0] if suggestions else None)
    return replace(winner, severity=severity, suggestions=tuple(suggestions), fix=fix,
                   also=tuple(dict.fromkeys(winner.also + also)))


def merge_same_span(findings: list[Finding]) -> list[Finding]:
    """Findings with one finding per (start, end) span, in their original order."""
    groups: dict[tuple[int, int], list[Finding]] = defaultdict(list)
    for f in findings:
        groups[(f.start, f.end)].append(f)
    if all(len(g) == 1 for g in groups.values()):
        return findings
    out = []
    for f in findings:
        group = groups[(f.start, f.end)]
        if group[0] is f:
            out.append(group[0] if len(group) == 1 else merge_group(group))
    return out
