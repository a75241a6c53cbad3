"""SPL801: words the dictionary does not know, with ranked corrections. The
analysis lives in cleaner/spelling/analysis.py; this rule reports its single-word verdicts."""
from __future__ import annotations

from cleaner.checks import register
from cleaner.spelling.judgement import OPTION_TYPES, report_verdicts


@register("non-word", **OPTION_TYPES)
def non_word(rule, ctx, options):
    return report_verdicts("word", rule, ctx, options)
