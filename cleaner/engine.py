"""check_text and fix_text: the pure library API every front end uses."""
from __future__ import annotations

from functools import lru_cache

from cleaner.config import DEFAULT_CONFIG, Config
from cleaner.context import Context
from cleaner.conventions import conventions_of
from cleaner.conventions.view import WORD_RULES
from cleaner.fixer import apply_once
from cleaner.model import Finding, FixResult
from cleaner.postprocess import postprocess
from cleaner.rulebook import Rule, default_rules
from cleaner.spelling.suggest import with_suggestions


def active_rules(config: Config, rules: tuple[Rule, ...] | None = None) -> list[Rule]:
    rules = default_rules() if rules is None else rules
    return [r for r in rules if config.rule_enabled(r.code, r.enabled)]


def rule_options(rules: tuple[Rule, ...] | None = None) -> dict[str, dict]:
    """code -> validated options of every shipped rule, and of `rules` when given."""
    return _options_by_code(default_rules() if rules is None else default_rules() + tuple(rules))


@lru_cache(maxsize=8)
def _options_by_code(rules: tuple[Rule, ...]) -> dict[str, dict]:
    # Built once per rule set, not once per check_text call (every chunk and fix pass calls it).
    return {r.code: getattr(r.impl, "options", r.options) for r in rules}


def check_text(
    text: str, config: Config | None = None, rules: tuple[Rule, ...] | None = None
) -> list[Finding]:
    """All findings for `text`, one per defect, sorted by position then rule code."""
    config = config or DEFAULT_CONFIG
    ctx = Context(text, config, rule_options(rules))
    findings: list[Finding] = []
    active = active_rules(config, rules)
    word_view = conventions_of(ctx).word_view  # as-printed text: word rules read broken words whole
    for rule in active:
        if word_view and rule.code.startswith(WORD_RULES):
            view, view_ctx = word_view
            findings.extend(view.map_back(f, ctx) for f in rule.check(view_ctx))
        else:
            findings.extend(rule.check(ctx))
    findings = postprocess(findings, ctx)
    # After merging, so that the rules' own suggestions (and the fix chosen from them) come first.
    findings = list(with_suggestions(findings, ctx, {r.code for r in active if r.suggest_words}))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def fix_text(
    text: str, unsafe: bool = False, config: Config | None = None, rules: tuple[Rule, ...] | None = None
) -> FixResult:
    """Apply fixes to a fixpoint; `applied` lists the findings whose fix was used."""
    config = config or DEFAULT_CONFIG
    return fix_passes(text, lambda t: check_text(t, config, rules), unsafe, config.max_passes)


def fix_passes(text: str, check, unsafe: bool, max_passes: int) -> FixResult:
    """fix_text's passes with any `check(text) -> findings` (chunks.py checks a piece of a huge text)."""
    applied: list[Finding] = []
    passes = later = 0
    done: set[tuple[str, str]] = set()  # (before, after) of every edit applied so far
    findings = check(text)
    while passes < max_passes:
        new_text, used = apply_once(text, [f for f in findings if _changes(f, text, done)], unsafe)
        if not used or new_text == text:
            break
        passes += 1
        later += len(used) if passes > 1 else 0
        applied.extend(used)
        done.update((text[e.start:e.end], e.replacement) for f in used for e in f.fix.edits)
        text = new_text
        findings = check(text)
    return FixResult(text=text, applied=tuple(applied), remaining=tuple(findings), passes=passes,
                     later=later)


def _changes(finding: Finding, text: str, done: set[tuple[str, str]]) -> bool:
    """Whether a finding's fix changes the text without undoing an edit of an earlier pass.
    Two unknown spellings can each be the other's best reading ('debutant', 'debutante'):
    each pass would turn the last one's fix back, and the passes would never settle."""
    if finding.fix is None:
        return True
    edits = [(text[e.start:e.end], e.replacement) for e in finding.fix.edits if 0 <= e.start <= e.end <= len(text)]
    if edits and all(before == after for before, after in edits):
        return False
    return not any((after, before) in done for before, after in edits)
