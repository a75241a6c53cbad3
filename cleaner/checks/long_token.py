"""SPL806: a run of letters or digits too long to be any word ("a table scanned as
text, a line of dots read as letters, a base64 blob"). Such a token is left out of
every other rule's words (Context.words), because the work per word grows with
its length squared or worse; this rule says so once, so that it is not silently
unchecked."""
from __future__ import annotations

from cleaner.checks import register
from cleaner.context import LONGEST_WORD


@register("too-long-word")
def too_long_word(rule, ctx, options):
    for start, end in ctx.long_tokens:
        yield ctx.finding(rule, start, end, message=rule.message.format(length=f"{end - start:,}",
                                                                        longest=LONGEST_WORD))
