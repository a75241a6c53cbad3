"""A snapshot per rule (ruff style): what the rule reports on each of its own examples,
code, span, flagged text, severity, message, suggestions and fix, in
tests/snapshots/CODE.txt. A changed message or span then shows up as a reviewed diff.

After an intended change, refresh with `CLEANER_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py`
and review `git diff tests/snapshots`."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleaner import Config, check_text
from cleaner.rulebook import default_rules

SNAPSHOTS = Path(__file__).parent / "snapshots"
RULES = default_rules()
UPDATE = bool(os.environ.get("CLEANER_UPDATE_SNAPSHOTS"))


def render(rule) -> str:
    """The snapshot text of one rule: every example, then every finding the rule made on it."""
    out = [f"# {rule.code} {rule.name}"]
    examples = [("fail", text) for text, _ in rule.fail_examples] + [("pass", text) for text in rule.pass_examples]
    for label, text in examples:
        out.append(f"\n## {label}: {text!r}")
        for f in check_text(text, Config(select=(rule.code,))):
            if f.rule != rule.code:
                continue
            fix = "none"
            if f.fix is not None:
                edits = ", ".join(f"{e.start}:{e.end}->{e.replacement!r}" for e in f.fix.edits)
                fix = f"{f.fix.applicability.value} [{edits}]"
            out.append(f"{f.start}:{f.end} {f.text!r} {f.severity.value}: {f.message}")
            out.append(f"  suggestions: {list(f.suggestions)!r}; fix: {fix}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_snapshot(rule):
    path = SNAPSHOTS / f"{rule.code}.txt"
    actual = render(rule)
    if UPDATE or not path.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{path.name} was missing and has been written: review it and commit it")
    assert actual == path.read_text(encoding="utf-8"), f"{rule.code} output changed; see the diff above"


def test_no_snapshot_without_a_rule():
    codes = {r.code for r in RULES}
    orphans = sorted(p.stem for p in SNAPSHOTS.glob("*.txt") if p.stem not in codes)
    assert not orphans, f"snapshots of rules that no longer exist: {orphans}"
