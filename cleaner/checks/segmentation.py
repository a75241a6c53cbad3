"""Word segmentation: two words run together ("kingwas", SEG851) and one word split
in two ("illite rate", SEG852). Both come out of the same per-document analysis as
the non-word rule (cleaner/spelling/analysis.py), which weighs a split or a join
against every single-word correction; these rules report the verdicts it chose.
Joins across a line-end hyphen belong to the hyphenation rules."""
from __future__ import annotations

from cleaner.checks import register
from cleaner.spelling.judgement import OPTION_TYPES, report_verdicts


@register("merged-words", **OPTION_TYPES)
def merged_words(rule, ctx, options):
    return report_verdicts("split", rule, ctx, options)


@register("split-word", **OPTION_TYPES)
def split_word(rule, ctx, options):
    return report_verdicts("join", rule, ctx, options)
