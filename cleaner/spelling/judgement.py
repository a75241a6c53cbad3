"""How a rule judges a verdict of the word analysis, given its thresholds (the
rule's [options] in its TOML file; OPTION_TYPES declares them): whether it is
reported at all, at what severity, and whether its fix is safe."""
from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from cleaner.model import Applicability, Severity
from cleaner.spelling.analysis import Verdict, analyse, match_case
from cleaner.spelling.knowledge import old_spelling

# The thresholds every rule reporting analysis verdicts sets in its TOML file (log10 odds,
# channel costs in log10 units, letters): declared here, valued only in the data.
OPTION_TYPES = dict(warn_confidence=float, warn_reach=float, safe_confidence=float, safe_max_channel=float,
                    safe_inner_confidence=float, safe_inner_max_channel=float, safe_long_letters=int,
                    safe_long_confidence=float, safe_alone_runner=float, safe_alone_keep=float,
                    safe_alone_max_channel=float, novelty=float, min_margin=float, min_reach=float)


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
    """The plain message: the word, the reading offered and the runner-up."""
    text = f"“{verdict.word}” is not a dictionary word; probably “{verdict.replacement}”"
    if verdict.runner_up is not None:
        text += f" (or “{verdict.runner_up.word}”)"
    return text


def suggestions(verdict: Verdict) -> tuple[str, ...]:
    """The reading offered, then the runner-up when it is another spelling of the same word span."""
    runner = verdict.runner_up
    if verdict.kind != "word" or runner is None or runner.origin != "word":
        return (verdict.replacement,)
    second = match_case(verdict.word, runner.word)
    return (verdict.replacement,) if second == verdict.replacement else (verdict.replacement, second)


def evidence(verdict: Verdict) -> str:
    """The model's figures behind the verdict (JSON `evidence`, `--show-evidence`)."""
    best = verdict.best
    parts = [f"channel 10^-{best.channel:.1f}", f"context 10^{best.context:.1f}"]
    if best.doc_count:
        parts.append(f"{best.doc_count}x in this document")
    if verdict.runner_up is not None:
        parts.append(f"runner-up '{verdict.runner_up.word}'")
    parts.append(f"confidence {verdict.confidence:.1f}")
    return ", ".join(parts)


def report_verdicts(kind: str, rule, ctx, options):
    """Findings for the verdicts of one kind (word, split, join) of the shared analysis."""
    for verdict in analyse(ctx):
        if verdict.kind != kind or not reported(verdict, options):
            continue
        yield ctx.finding(
            rule, verdict.start, verdict.end,
            message=describe(verdict),
            evidence=evidence(verdict),
            replacement=verdict.replacement if verdict.fixable else None,
            suggestions=suggestions(verdict),
            applicability=applicability_for(verdict, options),
            severity=severity_for(verdict, options),
        )
