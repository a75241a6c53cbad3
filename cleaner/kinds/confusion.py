"""confusion: real words that OCR makes out of other real words ("la" for
"is", "bad" for "had"), judged by the context model.

The rule lists which printed word may stand for which intended words
(`pairs`). Whether it does here is a Bayesian decision:

    log odds = prior + PMI(intended; neighbours) - PMI(printed; neighbours)

The prior is how often the printed word stood for the intended one in aligned
OCR/gold text (rules/data/word_confusions.tsv, learned on the TUNE split),
or `default_prior` for a pair the data never showed. The PMI terms come from
word-pair counts, so "it la recalled" turns to "is" while "a bad cold" and
"the arid plains" stay: their neighbours fit the printed word.
"""
from __future__ import annotations

import math
from functools import lru_cache

from ..model import Applicability, Severity
from ..rulebook import RuleError, rules_dir

KIND = "confusion"


@lru_cache(maxsize=4)
def word_priors(name: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(printed, meant) -> (times it stood for `meant`, times printed)."""
    table = {}
    path = rules_dir() / "data" / name
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        printed, meant, times, seen = line.split("\t")
        table[(printed, meant)] = (int(times), int(seen))
    return table


class Kind:
    KEYS = {
        "pairs": dict, "priors": str, "default_prior": float, "min_odds": float,
        "warn_odds": float, "safe_odds": float,
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
        if self.priors_name and not (rules_dir() / "data" / self.priors_name).is_file():
            raise RuleError(f"no file rules/data/{self.priors_name}", "priors")
        self.default_prior = opts.get("default_prior", -2.0)
        self.min_odds = opts.get("min_odds", 0.5)
        self.warn_odds = opts.get("warn_odds", 1.0)
        self.safe_odds = opts.get("safe_odds", 99.0)
        if rule.applicability is None:
            raise RuleError("a confusion rule fixes: it needs an applicability", "applicability")

    def prior(self, printed: str, meant: str) -> float:
        """log10 odds that `printed` stood for `meant` before looking at context."""
        if self.priors_name:
            times, seen = word_priors(self.priors_name).get((printed, meant), (0, 0))
            if times:
                return math.log10((times + 0.5) / (seen - times + 1.0))
        return self.default_prior

    def judge(self, printed: str, left: str | None, right: str | None):
        """Best (odds, meant) for a printed word between its neighbours."""
        from ..lexicon import get_lexicon

        lex = get_lexicon()

        def fit(word: str) -> float:  # PMI of the word with its neighbours
            return lex.context_score(left, word, right) - lex.log_prob(word)

        own = fit(printed)
        best = None
        for meant in self.pairs.get(printed, ()):
            odds = self.prior(printed, meant) + fit(meant) - own
            if best is None or odds > best[0]:
                best = (odds, meant)
        return best

    def check(self, rule, ctx):
        from ..checks.nonword import neighbour_words, sentence_initial

        seen: dict[tuple, tuple | None] = {}
        for i, (start, end, word) in enumerate(ctx.words):
            lower = word.lower()
            if lower not in self.pairs or lower in ctx.config.words:
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
            odds, meant = verdict
            replacement = meant.capitalize() if word[0].isupper() else meant
            yield ctx.finding(
                rule, start, end,
                message=rule.message.format(found=word, right=replacement, odds=10 ** odds),
                replacement=replacement,
                suggestions=(replacement,),
                severity=Severity.WARNING if odds >= self.warn_odds else Severity.INFO,
                applicability=Applicability.SAFE if odds >= self.safe_odds else Applicability.UNSAFE,
            )
