"""Word segmentation: two words run together ("kingwas") and one word split
in two ("illite rate"). Both come out of the same per-document analysis as
the non-word rule (checks/nonword.py), which weighs a split or a join against
every single-word correction; these rules report the verdicts it chose.
Joins across a line-end hyphen belong to the hyphenation rules."""
from __future__ import annotations

from . import register
from .nonword import OPTIONS, analyse, applicability_for, describe, reported, severity_for


def _segmentation(kind: str, rule, ctx, options):
    for verdict in analyse(ctx):
        if verdict.kind != kind or not reported(verdict, options):
            continue
        yield ctx.finding(
            rule, verdict.start, verdict.end,
            message=describe(verdict),
            replacement=verdict.replacement if verdict.fixable else None,
            suggestions=(verdict.replacement,),
            applicability=applicability_for(verdict, options),
            severity=severity_for(verdict, options),
        )


@register("merged-words", **OPTIONS)
def merged_words(rule, ctx, options):
    return _segmentation("split", rule, ctx, options)


@register("split-word", **OPTIONS)
def split_word(rule, ctx, options):
    return _segmentation("join", rule, ctx, options)
