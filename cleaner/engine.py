"""check_text and fix_text: the pure library API every front end uses."""
from __future__ import annotations

from cleaner.config import DEFAULT_CONFIG, Config
from cleaner.context import Context
from cleaner.fixer import apply_once
from cleaner.model import Finding, FixResult
from cleaner.noise import control_noise
from cleaner.postprocess import postprocess
from cleaner.rulebook import Rule, default_rules


def active_rules(config: Config, rules: tuple[Rule, ...] | None = None) -> list[Rule]:
    rules = default_rules() if rules is None else rules
    return [r for r in rules if config.rule_enabled(r.code, r.enabled)]


def rule_options(rules: tuple[Rule, ...] | None = None) -> dict[str, dict]:
    """code -> validated options of every shipped rule, and of `rules` when given."""
    everything = default_rules() if rules is None else default_rules() + tuple(rules)
    return {r.code: getattr(r.impl, "options", r.options) for r in everything}


def check_text(
    text: str, config: Config | None = None, rules: tuple[Rule, ...] | None = None, *, summarise: bool = True
) -> list[Finding]:
    """All findings for `text`, sorted by position then rule code.

    With `summarise` (the default, for reports) floods and repeats are merged by
    noise control; fixing works on the unmerged findings so that each edit keeps
    its own small span and non-overlapping fixes all land in one pass.
    """
    config = config or DEFAULT_CONFIG
    ctx = Context(text, config, rule_options(rules))
    findings: list[Finding] = []
    for rule in active_rules(config, rules):
        findings.extend(rule.check(ctx))
    findings = postprocess(findings, ctx, summarise=summarise)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def fix_text(
    text: str, unsafe: bool = False, config: Config | None = None, rules: tuple[Rule, ...] | None = None
) -> FixResult:
    """Apply fixes to a fixpoint; `applied` lists the findings whose fix was used."""
    config = config or DEFAULT_CONFIG
    applied: list[Finding] = []
    passes = 0
    findings = check_text(text, config, rules, summarise=False)
    while passes < config.max_passes:
        new_text, used = apply_once(text, findings, unsafe)
        if not used or new_text == text:
            break
        passes += 1
        applied.extend(used)
        text = new_text
        findings = check_text(text, config, rules, summarise=False)
    remaining = control_noise(findings, Context(text, config))
    return FixResult(text=text, applied=tuple(applied), remaining=tuple(remaining), passes=passes)
