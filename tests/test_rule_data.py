"""Data tests over the whole rule pack, codespell style: every file loads, no
two rules claim the same pattern, fixes do not feed other rules, fixes are
idempotent under the full rule set."""
from __future__ import annotations

from collections import Counter

import pytest

from cleaner import check_text, fix_text
from cleaner.model import RuleError
from cleaner.rulebook import default_rules, load_rule, load_rules, rules_dir

RULES = default_rules()
RULE_FILES = sorted(p for p in rules_dir().rglob("*.toml") if p.parent.name != "data")


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.stem for p in RULE_FILES])
def test_every_rule_file_validates(path):
    rule = load_rule(path)
    assert rule.code == path.stem, "a rule file is named after its code"


def test_pack_loads_without_duplicate_codes_or_names():
    assert len(load_rules(rules_dir())) == len(RULE_FILES)


def _claims(rule):
    """What a rule matches, in a form two rules could share."""
    opts = rule.options
    if rule.kind == "pattern":
        yield ("pattern", opts["pattern"], tuple(opts.get("flags", [])))
    elif rule.kind == "line" and "match" in opts:
        yield ("line", opts["match"])
    elif rule.kind == "substitution":
        sensitive = opts.get("case_sensitive", False)
        for key in opts["map"]:
            yield ("word", key if sensitive else key.lower())
    elif rule.kind == "charset":
        for char in opts.get("chars", ""):
            yield ("char", char, opts.get("where", "anywhere"))
    elif rule.kind == "python":
        yield ("check", opts["check"], repr(sorted(opts.get("options", {}).items())))


def test_no_two_rules_claim_the_same_pattern_or_key():
    owners: dict = {}
    clashes = []
    for rule in RULES:
        for claim in _claims(rule):
            if claim in owners and owners[claim] != rule.code:
                clashes.append(f"{claim!r}: {owners[claim]} and {rule.code}")
            owners.setdefault(claim, rule.code)
    assert not clashes, "\n".join(clashes)


def _fixed_examples():
    for rule in RULES:
        for i, (text, fixed) in enumerate(rule.fail_examples):
            if fixed is not None:
                yield pytest.param(rule, text, fixed, id=f"{rule.code}-fail-{i}")


def _loud(findings, exclude: str) -> Counter:
    return Counter(f.rule for f in findings if f.rule != exclude and f.severity.rank >= 1)


@pytest.mark.parametrize("rule,text,fixed", list(_fixed_examples()))
def test_fix_output_triggers_no_other_rule(rule, text, fixed):
    before = _loud(check_text(text), rule.code)
    after = _loud(check_text(fixed), rule.code)
    new = after - before
    assert not new, f"fixing {rule.code}'s example {text!r} -> {fixed!r} newly triggers {dict(new)}"


@pytest.mark.parametrize("rule,text,fixed", list(_fixed_examples()))
def test_fix_twice_changes_nothing_with_all_rules(rule, text, fixed):
    once = fix_text(text, unsafe=True).text
    assert fix_text(once, unsafe=True).text == once


def _python_rule_variant(tmp_path, code: str, edit) -> str:
    """A copy of a shipped python rule's file with one edit, for the loader to judge."""
    source = rules_dir() / "spelling" / f"{code}.toml"
    path = tmp_path / f"{code}.toml"
    path.write_text(edit(source.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def test_a_check_is_named_after_its_rule(tmp_path):
    path = _python_rule_variant(tmp_path, "SEG851", lambda t: t.replace('check = "merged-words"', 'check = "non-word"'))
    with pytest.raises(RuleError, match=r"check.*rule's name 'merged-words'"):
        load_rule(path)


def test_every_declared_threshold_is_set_in_the_rule_file(tmp_path):
    path = _python_rule_variant(tmp_path, "SPL801", lambda t: t.replace("warn_reach = -2.0\n", ""))
    with pytest.raises(RuleError, match=r"options\.warn_reach.*missing"):
        load_rule(path)


def test_a_threshold_of_the_wrong_type_is_rejected(tmp_path):
    path = _python_rule_variant(tmp_path, "SPL801", lambda t: t.replace("safe_long_letters = 8", "safe_long_letters = 8.5"))
    with pytest.raises(RuleError, match=r"options\.safe_long_letters.*must be int"):
        load_rule(path)
