"""`cleaner rules` and `cleaner explain CODE`: the rulebook for people."""
from __future__ import annotations

import typer

from cleaner.rulebook import default_rules, rule_by_code
from cleaner.run.driver import Driver


def rules() -> int:
    """List every rule: code, name, severity, fix, summary."""
    for rule in default_rules():
        fix = rule.applicability.value if rule.applicability else "-"
        state = "" if rule.enabled else " (off by default)"
        print(f"{rule.code}  {rule.name:<28} {rule.severity.value:<8} fix:{fix:<7} {rule.summary}{state}")
    return 0


def _required_code(code):
    if not code:
        raise typer.BadParameter("name a rule code such as JNK701 (see `cleaner rules`)", param_hint="'CODE'")
    return code


def explain(code: str = typer.Argument(None, metavar="CODE", callback=_required_code, show_default=False,
                                       help="A rule code such as JNK701.")) -> int:
    """Show a rule's documentation and examples."""
    try:
        rule = rule_by_code(code.upper())
    except KeyError:
        driver = Driver()
        driver.error(f"{code}: no such rule (see `cleaner rules`)")
        return driver.status
    print(f"{rule.code} {rule.name} ({rule.severity.value}, fix: "
          f"{rule.applicability.value if rule.applicability else 'none'})\n")
    print(rule.summary + "\n")
    print(rule.doc.strip() + "\n")
    print("Flagged:")
    for text, fixed in rule.fail_examples:
        print(f"  {text!r}" + (f"  ->  {fixed!r}" if fixed is not None else ""))
    print("Left alone:")
    for text in rule.pass_examples:
        print(f"  {text!r}")
    return 0
