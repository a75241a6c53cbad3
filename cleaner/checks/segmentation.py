"""Word segmentation: two words run together ("kingwas") and one word split
in two ("illite rate"). Both come out of the same per-document analysis as
the non-word rule (checks/nonword.py), which weighs a split or a join against
every single-word correction; these rules report the verdicts it chose.
Joins across a line-end hyphen belong to the hyphenation rules."""
from __future__ import annotations

from . import register
from .nonword import OPTIONS, report_verdicts


@register("merged-words", **OPTIONS)
def merged_words(rule, ctx, options):
    return report_verdicts("split", rule, ctx, options)


@register("split-word", **OPTIONS)
def split_word(rule, ctx, options):
    return report_verdicts("join", rule, ctx, options)
