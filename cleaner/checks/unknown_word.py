"""Unknown words with no good correction, judged by how noisy the document is.

SPL801 reports an unknown word only when some correction clearly wins, so
garbled words ("dsogen", "gtiag", "secniiiness") that no single candidate
explains go unreported. Whether such a word is an OCR error or a rare real
word depends on the document: in clean text a word no list knows is a name,
a technical term or a foreign word; in a document where many lower-case words
are unknown it is nearly always OCR damage. The rule reports the lower-case
unknown words that SPL801 and the segmentation rules leave alone, at warning
level in noisy documents and at info level in fairly clean ones; in clean
documents, and in documents spelt in an older style, it stays quiet or at info.
"""
from __future__ import annotations

from bisect import bisect_right

from cleaner.checks import register, word_set
from cleaner.hyphens import LINE_END_HYPHENS
from cleaner.model import Severity
from cleaner.spelling.analysis import analyse
from cleaner.spelling.judgement import reported
from cleaner.spelling.knowledge import known_word, old_spelling
from cleaner.spelling.lexicon import get_lexicon
from cleaner.spelling.placement import candidate_word

HYPHENS = LINE_END_HYPHENS
# The rules that report each kind of analysis verdict: their thresholds decide which words are theirs.
REPORTED_BY = {"word": "SPL801", "split": "SEG851", "join": "SEG852"}


def _judged(word: str) -> bool:
    return len(word) >= 3 and word.isascii() and word.isalpha() and word.islower()


def _elided(word: str) -> bool:
    """A lower-case word with an apostrophe inside ("di'crent", "the'ush"): judged
    like the others, but not counted in the document's noise."""
    return ("'" in word or "’" in word) and _judged(word.replace("'", "").replace("’", ""))


def document_profile(ctx, lexicon) -> tuple[float, float, dict[str, bool], int]:
    """(share of lower-case words that are unknown, share of the distinct unknown
    ones that are older spellings of known words, known-ness per word, number of
    lower-case words)."""
    known: dict[str, bool] = {}
    total = unknown = 0
    for _, _, word in ctx.words:
        if not _judged(word):
            continue
        total += 1
        is_known = known.get(word)
        if is_known is None:
            is_known = known[word] = known_word(lexicon, word)
        unknown += not is_known
    distinct = [w for w, k in known.items() if not k]
    old = sum(old_spelling(w) for w in distinct) if distinct else 0
    return unknown / max(total, 1), old / max(len(distinct), 1), known, total


def archaic_share(ctx, markers: frozenset) -> float:
    """Share of the document's words that are early modern function words (hath, vpon, selfe)."""
    words = ctx.words
    return sum(w.lower() in markers for _, _, w in words) / max(len(words), 1)


def older_style(ctx, options, old_share: float) -> bool:
    """A document spelt in an older style has many unknown words that are its
    own (SPL801 judges them): its unknown words are largely older spellings of
    known ones, or it uses the function words of early modern English."""
    return (old_share >= options["max_old_share"]
            or archaic_share(ctx, word_set(options["archaic_markers"])) >= options["max_archaic"])


@register("unknown-word", warn_noise=float, info_noise=float, max_old_share=float, min_words=int,
          max_archaic=float, archaic_markers=str, foreign_markers=str, foreign_window=int)
def unknown_word(rule, ctx, options):
    lexicon = get_lexicon()
    noise, old_share, known, total = document_profile(ctx, lexicon)
    # A share over a few words says nothing about the document; SPL801 judges
    # the old spellings of a document spelt in an older style.
    if noise < options["info_noise"] or total < options["min_words"] or older_style(ctx, options, old_share):
        return
    severity = Severity.WARNING if noise >= options["warn_noise"] else Severity.INFO
    foreign = word_set(options["foreign_markers"])
    window = options["foreign_window"]
    # Spans SPL801 and the segmentation rules report: their words are theirs.
    taken = sorted((v.start, v.end) for v in analyse(ctx) if reported(v, ctx.rule_options(REPORTED_BY[v.kind])))
    taken_starts = [s for s, _ in taken]
    text, counts, words = ctx.text, ctx.word_counts, ctx.words
    for i, (start, end, word) in enumerate(words):
        if word in known:
            if known[word] or counts[word] > 1:
                continue
        elif not _elided(word) or counts[word.lower()] > 1 or known_word(lexicon, word):
            continue
        if start and text[start - 1] in HYPHENS or end < len(text) and text[end] in HYPHENS:
            continue  # a piece of a hyphenated word: the hyphenation rules judge the whole
        k = bisect_right(taken_starts, start) - 1
        if k >= 0 and end <= taken[k][1] or not candidate_word(ctx, i) or old_spelling(word):
            continue
        # A quoted passage in another language ("Qui dedet suum", "und schwarze kutten").
        in_foreign = any(w.lower() in foreign for _, _, w in words[max(0, i - window):i + window + 1])
        yield ctx.finding(
            rule, start, end, severity=Severity.INFO if in_foreign else severity,
            message=rule.message.format(word=word, noise=round(100 * noise)),
        )
