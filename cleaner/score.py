"""An estimated word error rate for a whole document, with an interval.

The estimate is a linear model over a few shares of the document's
whitespace tokens: how many any finding touches, how many are not plain words,
how many are stray single letters, and so on (FEATURES says what each one
is). Its coefficients are data, fitted on the TUNE half of the evaluation sets
by `python benchmarks/validation.py --write-model` and stored in
rules/data/error_rate.json; nothing here is tuned by hand.

The interval is estimate +- scale * sqrt(model_error^2 + (relative_error p)^2
+ p(1-p)/n): a fixed and a proportional model error plus the binomial noise of
a document of n tokens, with the scale
chosen so that the stated share of TUNE documents (cross-validated) fall inside.

The findings are check_text's: one per defect, each with its own span.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cleaner.model import Finding
from cleaner.shipped import rules_dir

TOKEN = re.compile(r"\S+")
PLAIN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
NUMBER_LIKE = re.compile(r"[\d£$€§¶]")
EDGE_PUNCTUATION = ".,;:!?\"'()[]{}-—–“”‘’«»*"
QUOTES = "\"'“”‘’«»"
REAL_ONE_LETTER_WORDS = frozenset({"a", "A", "I", "O", "&"})

FEATURES = {
    "flagged": "share of tokens that a finding touches",
    "not_plain_word": "share of tokens that, without edge punctuation, are not letters (with inner apostrophes) and do not start like a number",
    "stray_letter": "share of tokens that are one letter other than a, I, O",
    "short": "share of tokens of one or two characters without edge punctuation",
    "quotes": "quote marks at the edges of tokens or standing alone, per token (not apostrophes inside words)",
}


@dataclass(frozen=True)
class Estimate:
    """Estimated word error rate of one document (shares, 0..1) and what drives it."""

    wer: float
    low: float
    high: float
    words: int
    top_rules: tuple[tuple[str, int], ...]

    def to_json(self) -> dict:
        return {
            "estimated_wer": round(self.wer, 4),
            "interval": [round(self.low, 4), round(self.high, 4)],
            "words": self.words,
            "top_rules": [{"rule": r, "findings": n} for r, n in self.top_rules],
        }


def model_path() -> Path:
    return rules_dir() / "data" / "error_rate.json"


@lru_cache(maxsize=1)
def load_model(path: Path | None = None) -> dict:
    model = json.loads((path or model_path()).read_text(encoding="utf-8"))
    unknown = set(model["weights"]) - set(FEATURES)
    if unknown:
        raise ValueError(f"{path or model_path()}: unknown feature {sorted(unknown)[0]!r}")
    return model


def flagged_tokens(spans: list[tuple[int, int]], findings: list[Finding]) -> int:
    """How many tokens a finding overlaps; an empty finding counts the token it touches."""
    ends = [e for _, e in spans]
    flags = bytearray(len(spans))
    for f in findings:
        if f.end > f.start:
            k = bisect_right(ends, f.start)
            while k < len(spans) and spans[k][0] < f.end:
                flags[k] = 1
                k += 1
        else:
            k = bisect_left(ends, f.start)
            if k < len(spans) and spans[k][0] <= f.start:
                flags[k] = 1
    return sum(flags)


def features(text: str, findings: list[Finding]) -> tuple[dict[str, float], int]:
    """The model's inputs for one document, and its token count."""
    spans = []
    not_plain = stray = short = quotes = 0
    for m in TOKEN.finditer(text):
        spans.append((m.start(), m.end()))
        token = m.group()
        core = token.strip(EDGE_PUNCTUATION)
        if len(core) != len(token):
            quotes += sum(token.count(q) for q in QUOTES) - sum(core.count(q) for q in QUOTES)
        if not core:
            continue
        if len(core) <= 2:
            short += 1
        if not PLAIN_WORD.fullmatch(core):
            # Numbers, sums and dimensions ("4to", "6s", "£2") are rarely misreadings.
            not_plain += not NUMBER_LIKE.match(core)
        elif len(core) == 1 and core not in REAL_ONE_LETTER_WORDS:
            stray += 1
    n = len(spans)
    if not n:
        return dict.fromkeys(FEATURES, 0.0), 0
    values = {
        "flagged": flagged_tokens(spans, findings) / n,
        "not_plain_word": not_plain / n,
        "stray_letter": stray / n,
        "short": short / n,
        "quotes": quotes / n,
    }
    return values, n


def predict(values: dict[str, float], model: dict) -> float:
    rate = model["intercept"] + sum(w * values[k] for k, w in model["weights"].items())
    return min(max(rate, 0.0), 1.0)


def sigma(p: float, n: int, model_error: float, relative_error: float) -> float:
    """Spread of the true rate around estimate p: fixed and proportional model error, binomial noise."""
    return math.sqrt(model_error ** 2 + (relative_error * p) ** 2 + p * (1 - p) / max(n, 1))


def interval(rate: float, n: int, model: dict) -> tuple[float, float]:
    spec = model["interval"]
    p = max(rate, spec["rate_floor"])
    half = spec["scale"] * sigma(p, n, spec["model_error"], spec["relative_error"])
    return max(rate - half, 0.0), min(rate + half, 1.0)


def top_rules(findings: list[Finding], k: int = 3) -> tuple[tuple[str, int], ...]:
    counts = Counter(f.rule for f in findings)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:k])


def estimate(text: str, findings: list[Finding], model: dict | None = None) -> Estimate:
    """Estimated WER of `text` from its unmerged findings."""
    model = model or load_model()
    values, n = features(text, findings)
    if not n:
        return Estimate(0.0, 0.0, 0.0, 0, ())
    rate = predict(values, model)
    low, high = interval(rate, n, model)
    return Estimate(rate, low, high, n, top_rules(findings))


def percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def over_limit(estimate: Estimate, limit: float | None) -> str | None:
    """The one-line reason a file fails `check --max-error-rate`, or None."""
    if limit is None or estimate.wer <= limit:
        return None
    return (f"estimated word error rate {percent(estimate.wer)} (interval {percent(estimate.low)}-"
            f"{percent(estimate.high)}, {estimate.words} words) is above max-error-rate {percent(limit)}")
