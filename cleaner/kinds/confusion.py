"""confusion: real words that OCR makes out of other real words ("la" for
"is", "bad" for "had"), judged by the context model.

The readings of a printed word come from two places: the rule's `pairs`
table, and (when `learned_max_cost` is set) the whole-word confusions learned
from aligned OCR/gold text (rules/data/word_confusions.tsv, TUNE split) whose
two words are both dictionary words, seen at least `learned_min_count` times,
at least `learned_min_length` letters printed, a prior of at least
`learned_min_prior`, and joined by a channel path (cleaner/channel.py) of at
most `learned_max_cost`: "an" for "and", "ne" for
"fine", "band" for "hand". Whether the printed word stands for a reading here
is a Bayesian decision:

    log odds = prior + PMI(intended; neighbours) - PMI(printed; neighbours)

The prior is how often the printed word stood for the intended one in the
aligned text, or `default_prior` for a listed pair the data never showed. The
PMI terms come from word-pair counts, so "it la recalled" turns to "is" while
"a bad cold" and "the arid plains" stay: their neighbours fit the printed word.
Only the table's pairs may be safe fixes (their high-odds band is measured
>= 99% right); learned readings are always unsafe.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from cleaner.model import Applicability, RuleError, Severity
from cleaner.shipped import rules_dir
from cleaner.spelling.channel import channel_cost
from cleaner.spelling.lexicon import get_lexicon
from cleaner.spelling.placement import neighbour_words, sentence_initial

KIND = "confusion"


@lru_cache(maxsize=4)
def word_priors(path: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(printed, meant) -> (times it stood for `meant`, times printed), from a table in rules/data/."""
    table = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        printed, meant, times, seen = line.split("\t")
        table[(printed, meant)] = (int(times), int(seen))
    return table


@lru_cache(maxsize=4)
def learned_readings(path: str) -> dict[str, tuple[tuple[str, int], ...]]:
    """printed -> ((meant, times), ...) from the learned table."""
    table: dict[str, list] = {}
    for (printed, meant), (times, _seen) in word_priors(path).items():
        table.setdefault(printed, []).append((meant, times))
    return {printed: tuple(rows) for printed, rows in table.items()}


class Kind:
    KEYS = {
        "pairs": dict, "priors": str, "default_prior": float, "min_odds": float,
        "warn_odds": float, "safe_odds": float,
        "learned_max_cost": float, "learned_min_count": int, "learned_min_length": int,
        "learned_min_prior": float,
    }

    def __init__(self, rule) -> None:
        opts = rule.options
        pairs = opts.get("pairs")
        if not pairs:
            raise RuleError("missing or empty", "pairs")
        self.pairs: dict[str, tuple[str, ...]] = {}
        for printed, meant in pairs.items():
            meant = [meant] if isinstance(meant, str) else meant
            if not isinstance(meant, list) or not all(isinstance(m, str) and m and m != printed for m in meant):
                raise RuleError(f"entry {printed!r} must list other words", "pairs")
            self.pairs[printed.lower()] = tuple(m.lower() for m in meant)
        self.priors_name = opts.get("priors")
        self.priors_path = str(rules_dir() / "data" / self.priors_name) if self.priors_name else None
        if self.priors_path and not Path(self.priors_path).is_file():
            raise RuleError(f"no file rules/data/{self.priors_name}", "priors")
        self.default_prior = opts.get("default_prior", -2.0)
        self.min_odds = opts.get("min_odds", 0.5)
        self.warn_odds = opts.get("warn_odds", 1.0)
        self.safe_odds = opts.get("safe_odds", 99.0)
        # Learned readings beyond the table (off while learned_max_cost is 0).
        self.learned_max_cost = opts.get("learned_max_cost", 0.0)
        self.learned_min_count = opts.get("learned_min_count", 3)
        self.learned_min_length = opts.get("learned_min_length", 2)
        # A reading rarer than this (log10 odds) needs more evidence than two
        # neighbours give; judging it on every "the" or "in" costs time for nothing.
        self.learned_min_prior = opts.get("learned_min_prior", -2.0)
        if self.learned_max_cost > 0 and not self.priors_name:
            raise RuleError("learned readings need a priors file", "learned_max_cost")
        self._readings: dict[str, tuple[tuple[str, float, bool], ...]] = {}
        if rule.applicability is None:
            raise RuleError("a confusion rule fixes: it needs an applicability", "applicability")

    def prior(self, printed: str, meant: str) -> float:
        """log10 odds that `printed` stood for `meant` before looking at context."""
        if self.priors_name:
            times, seen = word_priors(self.priors_path).get((printed, meant), (0, 0))
            if times:
                return math.log10((times + 0.5) / (seen - times + 1.0))
        return self.default_prior

    def readings(self, printed: str) -> tuple[tuple[str, float, bool], ...]:
        """(meant, prior, listed) for every word `printed` may stand for;
        listed says the reading is in the rule's own table."""
        cached = self._readings.get(printed)
        if cached is None:
            if len(self._readings) > 100_000:
                self._readings.clear()  # bound the memory on huge vocabularies
            cached = self._readings[printed] = self._find_readings(printed)
        return cached

    def _find_readings(self, printed: str) -> tuple[tuple[str, float, bool], ...]:
        found = [(meant, self.prior(printed, meant), True) for meant in self.pairs.get(printed, ())]
        if self.learned_max_cost <= 0 or len(printed) < self.learned_min_length or not printed.isalpha():
            return tuple(found)
        learned = learned_readings(self.priors_path).get(printed)
        if not learned:
            return tuple(found)
        lex = get_lexicon()
        if not lex.in_dictionary(printed):
            return tuple(found)  # a non-word is the spelling rules' job
        listed = set(self.pairs.get(printed, ()))
        for meant, times in learned:
            # Two real words that a cheap channel path joins: an OCR slip, not
            # an editor's choice of word ("which" for "that").
            if meant in listed or times < self.learned_min_count:
                continue
            prior = self.prior(printed, meant)
            if (prior >= self.learned_min_prior and lex.in_dictionary(meant)
                    and channel_cost(printed, meant) <= self.learned_max_cost):
                found.append((meant, prior, False))
        return tuple(found)

    def judge(self, printed: str, left: str | None, right: str | None):
        """Best (odds, meant, listed) for a printed word between its neighbours."""
        lex = get_lexicon()

        def fit(word: str) -> float:  # PMI of the word with its neighbours
            return lex.context_score(left, word, right) - lex.log_prob(word)

        readings = self.readings(printed)
        if not readings:
            return None
        own = fit(printed)
        best = None
        for meant, prior, listed in readings:
            odds = prior + fit(meant) - own
            if best is None or odds > best[0]:
                best = (odds, meant, listed)
        return best

    def check(self, rule, ctx):
        seen: dict[tuple, tuple | None] = {}
        for i, (start, end, word) in enumerate(ctx.words):
            lower = word.lower()
            if lower in ctx.config.words or not self.readings(lower):
                continue
            if word[0].isupper() and (len(word) > 1 and word.isupper() or not sentence_initial(ctx.text, start)):
                continue  # "La Rochelle", "BE"
            left, right = neighbour_words(ctx, i)
            if left is None and right is None:
                continue  # no context, no evidence
            key = (lower, left, right)
            if key not in seen:
                seen[key] = self.judge(lower, left, right)
            verdict = seen[key]
            if verdict is None or verdict[0] < self.min_odds:
                continue
            odds, meant, listed = verdict
            # Only the table's pairs are measured safe at high odds (calibrate.py).
            safe = odds >= self.safe_odds and listed
            replacement = meant.capitalize() if word[0].isupper() else meant
            yield ctx.finding(
                rule, start, end,
                message=rule.message.format(found=word, right=replacement),
                evidence=f"odds {10 ** odds:.0f} to 1 (log10 {odds:.1f})",
                replacement=replacement,
                suggestions=(replacement,),
                severity=Severity.WARNING if odds >= self.warn_odds else Severity.INFO,
                applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
            )
