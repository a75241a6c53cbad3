"""One info finding per passage in another language (the passages themselves are
found once per document by cleaner/conventions/languages.py)."""
from __future__ import annotations

from cleaner.checks import register
from cleaner.conventions import conventions_of

LANGUAGE_NAMES = {
    "de": "German", "fr": "French", "la": "Latin", "es": "Spanish", "it": "Italian", "nl": "Dutch",
    "pt": "Portuguese", "pl": "Polish", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "cs": "Czech",
    "hu": "Hungarian", "fi": "Finnish", "ca": "Catalan", "ro": "Romanian",
}


@register("other-language", languages=str, silences=str, common_zipf=float, max_common=float, rare_zipf=float,
          min_rare=float, max_common_nearby=float, min_words=int, min_probability=float, whole_document=float, whole_document_min_words=int)
def other_language(rule, ctx, options):
    for passage in conventions_of(ctx).passages:
        name = LANGUAGE_NAMES.get(passage.language, passage.language)
        # The finding marks the passage's first word and names its extent: it is
        # a note about the passage, not a claim that every word in it is wrong.
        first = next((w for w in ctx.words if passage.start <= w[0] < passage.end), None)
        if first is None:
            continue  # tokens too long to be words, no language: SPL806 reports them
        end_line = ctx.index.line_col(passage.end)[0]
        yield ctx.finding(rule, first[0], first[1], message=rule.message.format(
            language=name, code=passage.language, words=passage.words, end_line=end_line))
