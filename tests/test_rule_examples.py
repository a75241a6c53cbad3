"""Every rule's own examples, run in isolation (sqlfluff style)."""
from __future__ import annotations

import pytest

from cleaner import Config, check_text, fix_text
from cleaner.rulebook import default_rules

RULES = default_rules()


def _only(rule):
    return Config(select=(rule.code,))


def _cases():
    for rule in RULES:
        for i, (text, fixed) in enumerate(rule.fail_examples):
            yield pytest.param(rule, text, fixed, id=f"{rule.code}-fail-{i}")


def _passes():
    for rule in RULES:
        for i, text in enumerate(rule.pass_examples):
            yield pytest.param(rule, text, id=f"{rule.code}-pass-{i}")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_examples(rule):
    assert rule.fail_examples, f"{rule.code} has no example to flag"
    assert rule.pass_examples, f"{rule.code} has no example to leave alone"


@pytest.mark.parametrize("rule,text,fixed", list(_cases()))
def test_fail_example_is_flagged_and_fixed(rule, text, fixed):
    findings = [f for f in check_text(text, _only(rule)) if f.rule == rule.code]
    assert findings, f"{rule.code} did not flag {text!r}"
    if fixed is not None:
        result = fix_text(text, unsafe=True, config=_only(rule))
        assert result.text == fixed
        # A second run changes nothing.
        assert fix_text(result.text, unsafe=True, config=_only(rule)).text == result.text


@pytest.mark.parametrize("rule,text", list(_passes()))
def test_pass_example_is_silent(rule, text):
    findings = [f for f in check_text(text, _only(rule)) if f.rule == rule.code]
    assert not findings, f"{rule.code} flagged {[f.text for f in findings]} in {text!r}"
