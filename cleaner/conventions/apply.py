"""Findings seen through the document's conventions:

- a rule that names a `printed_form` (a line-end hyphen, a ligature, long s,
  vv, a space before punctuation) says nothing about a form the document keeps;
- the rule families the language rule lists in `silences` (English spelling,
  real-word and scanno rules) say nothing inside a passage in another language;
- in an early modern document, a correction that only modernises a spelling
  (old_spelling.py) is at most info and never a safe fix: `explain SPL801`'s promise.
"""
from __future__ import annotations

from dataclasses import replace

from cleaner.conventions import LANGUAGE_RULE, conventions_of
from cleaner.conventions.characters import FORMS
from cleaner.conventions.old_spelling import modernises, old_past_tense
from cleaner.model import Applicability, Finding, Fix, Severity
from cleaner.spelling.lexicon import get_lexicon

# The rules whose corrections may be modern spellings of an old word.
OLD_SPELLING_RULES = ("SPL801", "SPL803", "RWE601", "SCN50")


def _at_most_info(f: Finding) -> Finding:
    fix = f.fix and Fix(f.fix.edits, Applicability.UNSAFE)
    return replace(f, severity=Severity.INFO, fix=fix)


def apply_conventions(findings: list[Finding], ctx, printed_forms: dict[str, str]) -> list[Finding]:
    """`printed_forms`: rule code -> the printed form its findings are about."""
    conventions = conventions_of(ctx)
    options = conventions.language_options
    silenced = tuple(options["silences"].split()) if options else ()
    kept = []
    for f in findings:
        form = printed_forms.get(f.rule)
        if form and conventions.keeps(form):
            shape = FORMS.get(form)
            if shape is None or shape.in_finding.search(f.text):
                continue
        if silenced and f.rule.startswith(silenced) and f.rule != LANGUAGE_RULE and conventions.passage_at(f.start, f.end):
            continue
        if f.rule.startswith(OLD_SPELLING_RULES) and f.suggestions and conventions.early_modern \
                and (modernises(f.text, f.suggestions[0]) or old_past_tense(f.text, get_lexicon().is_known)):
            f = _at_most_info(f)
        kept.append(f)
    return kept
