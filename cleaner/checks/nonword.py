"""Non-words: words the dictionary does not know, with ranked corrections.

One analysis per document serves both this rule and the segmentation rules
(a word may be best explained as two words run together, or as half of a
word split in two). Words are judged once per distinct spelling and context.

Left alone: capitalised words inside a sentence (names), all-caps
abbreviations, numbers, URLs and e-mail addresses, words in config.words,
halves of a line-end hyphenation (the hyphenation rules own those), words with
letters outside English, and words that recur in the document or corpus
(TICCL's document lexicon) unless they are a cheap misreading of a very
frequent word ("tbe").
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from ..candidates import Scored, rank
from ..lexicon import get_lexicon
from ..model import Applicability, Severity
from ..neighbours import DocumentNeighbours
from . import register

ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|d)$", re.IGNORECASE)
# After these a capital starts a sentence; after a colon it is usually a name.
SENTENCE_END = set('.!?"“”‘’()[]')
URLISH = re.compile(r"(?:://|www\.|@|\.(?:com|org|net|edu|gov|uk|html?)\b)", re.IGNORECASE)
# Channel cost of a space inserted inside a word ("illite rate").
SPACE_ADDED = 2.5
# A lost space almost always follows or precedes a function word ("kingwas");
# two content words run together are usually a closed compound ("beerhouse").
SPLIT_NEEDS_ZIPF = 5.8
# Distinct old spellings that mark a whole document as early modern.
ARCHAIC_DOCUMENT = 4
FUZZY_PER_DOC = 50
FUZZY_CHARS = 2000
# Share (and least number) of a document's unknown words that are older spellings
# of known words, from which the document is taken to be spelt in an older style.
EARLY_MODERN_SHARE = 0.25
EARLY_MODERN_MIN = 2
# In such a document a correction is a fix only with this much confidence (log10 odds).
EARLY_MODERN_FIX_CONFIDENCE = 3.0
# log10 penalty for a genuine word that no word list holds when judging how
# sure a correction is (warning level), tuned on the TUNE split.
WARN_NOVELTY = 2.0
# A capitalised word is read as a misread word only when the reading beats
# both its runner-up and the word as printed by this much (log10 odds) at
# this channel cost at most; measured on TUNE (benchmarks/README.md, Ranking).
CAPITAL_MIN_ODDS = 1.0
CAPITAL_MAX_CHANNEL = 5.0


@dataclass(frozen=True)
class Verdict:
    start: int
    end: int
    word: str
    kind: str                 # "word" | "split" (merged words) | "join" (split word)
    best: Scored
    runner_up: Scored | None
    confidence: float         # log10 odds of best over runner-up and over keeping
    replacement: str
    doc_count: int
    over_runner: float = 0.0  # log10 odds of best over the runner-up
    over_keep: float = 0.0    # log10 odds of best over the word as printed (no novelty penalty)
    archaic: bool = False     # an early modern spelling of a known word
    fixable: bool = True      # False: the correction is only suggested
    early_modern_doc: bool = False  # the document is spelt in an older style
    mid_capital: bool = False  # capitalised inside a sentence: a name, or a misread capital ("Avith")


_ANALYSES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def analyse(ctx) -> list[Verdict]:
    """Every suspicious word of the document with its best correction."""
    cached = _ANALYSES.get(ctx)
    if cached is None:
        cached = list(_analyse(ctx))
        archaic = {v.word.lower() for v in cached if v.archaic}
        if len(archaic) >= ARCHAIC_DOCUMENT:
            # Document evidence: this text is spelt in an older style throughout,
            # so its old spellings are its own, not misreadings.
            cached = [v for v in cached if not v.archaic]
        if early_modern(cached):
            # A book spelt before standard spelling (maister, countrey, comming):
            # its old spellings are not reported, and what is left is only
            # offered as a suggestion unless the evidence is strong.
            cached = [replace(v, early_modern_doc=True, fixable=v.confidence >= EARLY_MODERN_FIX_CONFIDENCE)
                      for v in cached if not old_spelling(v.word.lower())]
        _ANALYSES[ctx] = cached
    return cached


def neighbour_words(ctx, i: int) -> tuple[str | None, str | None]:
    """The words before and after token i when only spaces separate them."""
    words, text = ctx.words, ctx.text
    left = right = None
    start, end, _ = words[i]
    if i > 0 and not text[words[i - 1][1]:start].strip():
        left = words[i - 1][2].lower()
    if i + 1 < len(words) and not text[end:words[i + 1][0]].strip():
        right = words[i + 1][2].lower()
    return left, right


def sentence_initial(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k < 0 or text[k] in SENTENCE_END


def _in_url(text: str, start: int, end: int) -> bool:
    a = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = end
    while b < len(text) and not text[b].isspace():
        b += 1
    return bool(URLISH.search(text[a:b]))


def _hyphenation_half(text: str, start: int, end: int) -> bool:
    after = text[end:end + 3]
    before = text[max(0, start - 3):start]
    return bool(re.match(r"[-­¬]\s", after) or re.search(r"[-­¬]\s+$", before) and "\n" in text[max(0, start - 4):start]
                or re.search(r"[-­¬] $", before))


def candidate_word(ctx, i: int) -> bool:
    """Whether token i is worth judging at all (the word itself is unknown)."""
    start, end, word = ctx.words[i]
    letters = sum(c.isalpha() for c in word)
    if letters < len(word) - 1 or letters < 2 or ORDINAL.match(word):
        return False  # numbers and codes; a single stray digit may be a misread letter
    if word[0].isupper() and not sentence_initial(ctx.text, start) and ctx.word_counts[word.lower()] > 1:
        return False  # a name the document repeats; a one-off capital still meets _decide's name test
    if any(c.isupper() for c in word[1:]):
        return False  # McDonald, iPhone
    lower = word.lower()
    if lower in ctx.config.words or _in_url(ctx.text, start, end) or _hyphenation_half(ctx.text, start, end):
        return False
    return True


def _known(lex, lower: str) -> bool:
    lower = lower.replace("’", "'")
    return _listed(lex, lower) or _derived(lex, lower)


def _listed(lex, lower: str) -> bool:
    if lex.is_known(lower):
        return True
    if lower.endswith("'s") and lex.is_known(lower[:-2]):
        return True
    # British spellings of words the (American-leaning) lists know: -ise, -our, -re.
    for british, american in (("is", "iz"), ("our", "or"), ("tre", "ter"), ("yse", "yze")):
        if british in lower and lex.is_known(lower.replace(british, american)):
            return True
    return False


# Prefixes that make new words from any word ("redistributors", "unskilful"). The
# rest must be a listed word of five letters or more, so that a merge such as
# "overthe" or "rehim" stays unknown. Measured on TUNE (SPL801, SPL803, SEG85x):
# 6 fewer findings on correct words, 1 fewer on errors; on gold text 8 fewer.
DERIVING_PREFIXES = ("re", "un", "non", "pre", "mis", "over", "under", "out", "counter", "anti", "semi", "sub",
                     "super", "inter", "multi", "dis")
DERIVED_MIN_REST = 5


def _derived(lex, lower: str) -> bool:
    for prefix in DERIVING_PREFIXES:
        if lower.startswith(prefix):
            rest = lower[len(prefix):].lstrip("-")
            if len(rest) >= DERIVED_MIN_REST and _listed(lex, rest):
                return True
    return False


def archaic_variant(lex, lower: str) -> bool:
    """Early modern spellings of known words (owne, himselfe, dayes,
    controversie, vpon, enioyed, marryed): correct in their period, so they
    are never more than an info finding and never fixed automatically."""
    forms = []
    if lower.endswith("e"):
        forms.append(lower[:-1])
    if lower.endswith("es"):
        forms.append(lower[:-2] + "s")
    if lower.endswith("ie"):
        forms.append(lower[:-2] + "y")
    if "yed" in lower:
        forms.append(lower.replace("yed", "ied"))
    forms += [lower.replace("v", "u"), lower.replace("u", "v"), lower.replace("i", "j")]
    if "ee" in lower:
        forms.append(lower.replace("ee", "e"))
    if len(lower) >= 5:  # entred, threatned
        forms += [lower[:i] + "e" + lower[i:] for i in range(2, len(lower))]
    return any(f != lower and lex.is_known(f) for f in forms)


# Spelling changes between early modern and present-day English (maister,
# commaunded, countrey, noyse, comming, theeves, foorth, perswaded, loveth).
# Used only to judge a whole document: too loose to excuse a single word.
OLD_SPELLINGS = (
    ("y", "i"), ("ai", "a"), ("au", "a"), ("ey", "y"), ("ck", "c"), ("ck", "k"), ("ck", "ch"),
    ("kt", "ked"), ("ee", "ie"), ("ee", "ea"), ("ea", "e"), ("ea", "ee"), ("oo", "o"), ("sw", "su"),
    ("eth", "s"), ("eth", "es"), ("est", ""), ("ie", "ei"), ("ei", "ai"), ("ai", "e"), ("i", "y"),
    ("u", "v"), ("v", "u"), ("i", "j"), ("ou", "o"), ("ll", "l"), ("tt", "t"), ("ss", "s"),
    ("mm", "m"), ("nn", "n"), ("rr", "r"), ("pp", "p"), ("dd", "d"), ("gg", "g"),
    ("s", "ss"), ("l", "ll"), ("im", "em"), ("in", "en"), ("ies", "ys"), ("e", "ea"),
)


@lru_cache(maxsize=65536)
def old_spelling(lower: str) -> bool:
    """A known word written in an older spelling, by one or two of the changes
    above plus a dropped final e (stomacke, absteine, runne)."""
    lex = get_lexicon()

    def steps(word: str):
        for old, new in OLD_SPELLINGS:
            at = word.find(old)
            while at >= 0:
                yield word[:at] + new + word[at + len(old):]
                at = word.find(old, at + 1)

    def known(word: str) -> bool:
        return word != lower and len(word) >= 3 and (
            lex.is_known(word) or word.endswith("e") and lex.is_known(word[:-1]))

    if known(lower) or archaic_variant(lex, lower):
        return True
    first = set(steps(lower))
    return any(known(w) for w in first) or any(known(w2) for w in first for w2 in steps(w))


def early_modern(verdicts) -> bool:
    """Whether the document's unknown words are largely older spellings of
    known words (measured on TUNE: a quarter or more in 35 of 38 early modern
    book pages, 6 of 160 newspaper and novel documents)."""
    words = {v.word.lower() for v in verdicts if v.kind == "word"}
    old = sum(old_spelling(w) for w in words)
    return old >= EARLY_MODERN_MIN and old >= EARLY_MODERN_SHARE * len(words)


def _analyse(ctx):
    lex = get_lexicon()
    counts = ctx.word_counts
    neighbours = None
    seen: dict[tuple, Verdict | None] = {}
    words = ctx.words
    consumed = -1  # a join takes the next token too
    # Fuzzy search is the slow path: a document gets a budget of them, in order.
    fuzzy_budget = FUZZY_PER_DOC + len(ctx.text) // FUZZY_CHARS
    known: dict[str, bool] = {}
    for i, (start, end, word) in enumerate(words):
        if len(word) < 3 or word.isupper() or not word.isascii() or i <= consumed:
            continue
        lower = word.lower()
        is_known = known.get(lower)
        if is_known is None:
            is_known = known[lower] = _known(lex, lower)
        if is_known or not candidate_word(ctx, i):
            continue
        left, right = neighbour_words(ctx, i)
        joins = _join_options(ctx, i, lex, left, right)
        key = (lower, left, right, tuple(j[1].word for j in joins))
        if key not in seen:
            if neighbours is None:
                neighbours = DocumentNeighbours(ctx)
            fuzzy = fuzzy_budget > 0
            # Document words near this one: they depend on the word and the document, not the context.
            ranked = rank(lower, left, right, neighbours.candidates(lower), counts, fuzzy)
            fuzzy_budget -= fuzzy and len(lower) >= 7
            ranked = sorted(ranked + [j[1] for j in joins], key=lambda s: (-s.score, s.word))
            seen[key] = _decide(lex, lower, ranked, counts[lower], left, right, word[0].isupper())
        verdict = seen[key]
        if verdict is None:
            continue
        if verdict.kind == "join":
            side = next(side for side, scored in joins if scored == verdict.best)
            s, e = (words[i - 1][0], end) if side == "l" else (start, words[i + 1][1])
            if side == "r":
                consumed = i + 1
            yield replace(verdict, start=s, end=e, word=ctx.text[s:e],
                          replacement=_match_case(ctx.text[s:e], verdict.best.word))
        else:
            mid_capital = word[0].isupper() and not sentence_initial(ctx.text, start)
            replacement = _match_case(word, verdict.best.word)
            if mid_capital and verdict.best.word[:1] != lower[:1]:
                replacement = verdict.best.word  # the capital was part of the misreading: "Avith" is "with"
            yield replace(verdict, start=start, end=end, word=word, replacement=replacement,
                          mid_capital=mid_capital)


def _join_options(ctx, i: int, lex, left, right) -> list[tuple[str, Scored]]:
    """Joining with a lower-case neighbour across one space: 'illite rate'."""
    words, text = ctx.words, ctx.text
    found = []
    start, end, word = words[i]
    if i > 0 and left and text[words[i - 1][1]:start] == " " and words[i - 1][2].islower():
        found.append(("l", left + word.lower(), neighbour_words(ctx, i - 1)[0], right))
    if i + 1 < len(words) and right and text[end:words[i + 1][0]] == " " and words[i + 1][2].islower():
        found.append(("r", word.lower() + right, left, neighbour_words(ctx, i + 1)[1]))
    options = []
    for side, joined, outer_left, outer_right in found:
        if lex.in_dictionary(joined) and lex.zipf(joined) >= 2.0:
            context = lex.context_score(outer_left, joined, outer_right)
            count = ctx.word_counts.get(joined, 0)
            options.append((side, Scored(joined, SPACE_ADDED, context, count, context - SPACE_ADDED, "join")))
    return options


def _decide(lex, lower, ranked, own_count, left, right, capitalised) -> Verdict | None:
    if not ranked:
        return None
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    # Keeping the word: no channel cost, but a word no list knows is improbable.
    keep = lex.context_score(left, lower, right)
    over_runner = best.score - runner.score if runner else 6.0
    over_keep = best.score - keep
    if capitalised and not (best.origin == "word" and best.channel <= 3.0 and lex.zipf(best.word) >= 4.5) \
            and not (best.origin == "word" and best.channel <= CAPITAL_MAX_CHANNEL
                     and min(over_runner, over_keep) >= CAPITAL_MIN_ODDS):
        # A capital is most often a name: only "Tbe" -> "The", or a reading
        # that beats both the runner-up and the word as printed 10:1.
        return None
    confidence = min(over_runner, over_keep + WARN_NOVELTY)
    if own_count >= 2:
        # A recurring spelling is the document's own word unless it is a cheap
        # misreading of a very common word.
        if not (best.channel <= 3.0 and lex.zipf(best.word) >= 5.0):
            return None
    if best.origin == "split" and max(lex.zipf(part) for part in best.word.split()) < SPLIT_NEEDS_ZIPF:
        return None  # "beerhouse", "publichouse": closed compounds, not lost spaces
    return Verdict(0, 0, lower, best.origin, best, runner, confidence, best.word, best.doc_count,
                   over_runner, over_keep, archaic_variant(lex, lower))


def _match_case(source: str, target: str) -> str:
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def severity_for(verdict: Verdict, options) -> Severity:
    if verdict.archaic:
        return Severity.INFO
    if verdict.confidence >= options["warn_confidence"]:
        return Severity.WARNING
    # The word is surely wrong even when it is unclear which candidate is right:
    # some reading beats the word as printed outright. Not in a document spelt in
    # an older style, nor for a word that could be an older spelling.
    if verdict.over_keep >= options["warn_reach"] and not verdict.early_modern_doc \
            and not old_spelling(verdict.word.lower()):
        return Severity.WARNING
    return Severity.INFO


def edit_shape(word: str, replacement: str) -> str:
    """Where a correction edits the word: "inner" when the first and last
    letters stay as printed, "end-letter" when one of them is replaced, and
    "end-added" when a letter is added or dropped at either end (a stray mark
    read as a letter, or a letter lost to the neighbouring token or to
    punctuation, which the gold often keeps as something else)."""
    word, replacement = word.lower(), replacement.lower()
    last = len(word) - 1
    shape = "inner"
    for op in Levenshtein.editops(word, replacement):
        if op.src_pos == 0 or op.src_pos >= last:
            if op.tag != "replace":
                return "end-added"
            shape = "end-letter"
    return shape


def applicability_for(verdict: Verdict, options) -> Applicability:
    """Safe only in the bands whose measured precision on the TUNE split was >= 99%
    (benchmarks/calibrate.py; the bands and their DEV check are in benchmarks/README.md)."""
    # Restoring two or more lost letters (a dropped "fi" ligature) is cheap in
    # the channel but right only about three times in four on TUNE: never safe.
    restores = len(verdict.replacement) >= len(verdict.word) + 2
    # A capital inside a sentence leaves the case of the reading open (GHT's
    # "Avith" is "with", not "With"): measured below 99% on TUNE, so never safe.
    if verdict.archaic or restores or verdict.mid_capital:
        return Applicability.UNSAFE
    shape = edit_shape(verdict.word, verdict.replacement)
    # A letter added or dropped at either end of the word: 97% right even in
    # the most confident band on TUNE (34 of 35), so never safe.
    if shape == "end-added":
        return Applicability.UNSAFE
    sure = min(verdict.over_runner, verdict.over_keep)
    channel = verdict.best.channel
    if sure >= options["safe_confidence"] and channel <= options["safe_max_channel"]:
        return Applicability.SAFE
    # Misread letters inside the word, first and last letters as printed.
    if shape == "inner" and sure >= options["safe_inner_confidence"] and channel <= options["safe_inner_max_channel"]:
        return Applicability.SAFE
    # Long words have few near neighbours in the dictionary, so a clear winner is right more often.
    if len(verdict.word) >= options["safe_long_letters"] and sure >= options["safe_long_confidence"] \
            and channel <= options["safe_max_channel"]:
        return Applicability.SAFE
    # A cheap misreading with no rival reading at all (none, or a million times less
    # likely), that is at least as likely as the word as printed.
    if verdict.over_runner >= options["safe_alone_runner"] and verdict.over_keep >= options["safe_alone_keep"] \
            and channel <= options["safe_alone_max_channel"]:
        return Applicability.SAFE
    return Applicability.UNSAFE


def reported(verdict: Verdict, options) -> bool:
    """Worth a finding at all: the best reading beats the runner-up clearly and
    beats the word as printed once a word no list knows is judged improbable."""
    reach = min(verdict.over_runner, verdict.over_keep + options["novelty"])
    return verdict.over_runner >= options["min_margin"] and reach >= options["min_reach"]


def describe(verdict: Verdict) -> str:
    best = verdict.best
    parts = [f"'{verdict.word}' is not in the dictionary; best reading '{verdict.replacement}'"]
    evidence = [f"channel 10^-{best.channel:.1f}", f"context 10^{best.context:.1f}"]
    if best.doc_count:
        evidence.append(f"{best.doc_count}x in this document")
    parts.append(f" ({', '.join(evidence)}")
    if verdict.runner_up is not None:
        parts.append(f"; runner-up '{verdict.runner_up.word}'")
    parts.append(f"; confidence {verdict.confidence:.1f})")
    return "".join(parts)


OPTIONS = dict(warn_confidence=3.0, warn_reach=0.0, safe_confidence=5.0, safe_max_channel=3.5,
               safe_inner_confidence=2.5, safe_inner_max_channel=2.8, safe_long_letters=8, safe_long_confidence=2.0,
               safe_alone_runner=6.0, safe_alone_keep=0.0, safe_alone_max_channel=2.5,
               novelty=10.0, min_margin=1.0, min_reach=0.3)


@register("nonword", **OPTIONS)
def nonword(rule, ctx, options):
    return report_verdicts("word", rule, ctx, options)


def report_verdicts(kind: str, rule, ctx, options):
    """Findings for the verdicts of one kind (word, split, join) of the shared analysis."""
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
