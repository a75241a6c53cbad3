"""Document-level scoring: which OCR tokens are wrong, which a tool flagged,
and how far a corrected text is from the gold."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from benchmarks.align import EditCounts, edit_counts, erroneous, gold_map, kept_map, tokens_with_spans


@dataclass
class Scored:
    """An OCR text prepared for scoring against its gold tokens."""

    ocr_spans: list[tuple[int, int, str]]
    ocr: list[str]
    gold: list[str]
    errors: list[bool]
    scored: list[bool]           # OCR tokens that have gold to compare with
    gold_scored: list[bool]
    spans: list[tuple[int, int]]  # gold span of each OCR token

    @classmethod
    def build(cls, ocr_text: str, gold_text: str, unscored_chars=frozenset(), no_gold: str = "#"):
        ocr_spans = tokens_with_spans(ocr_text)
        ocr = [t for _, _, t in ocr_spans]
        gold = gold_text.split()
        gold_scored = [no_gold not in t for t in gold] if unscored_chars else [True] * len(gold)
        spans = gold_map(ocr, gold)
        scored = []
        for (s, e, _), (g0, g1) in zip(ocr_spans, spans, strict=False):
            ok = not any(c in unscored_chars for c in range(s, e)) if unscored_chars else True
            scored.append(ok and all(gold_scored[g0:g1]))
        return cls(ocr_spans, ocr, gold, erroneous(ocr, gold), scored, gold_scored, spans)

    def scored_gold(self) -> list[str]:
        return [t for t, ok in zip(self.gold, self.gold_scored, strict=False) if ok]


@dataclass
class Detection:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: "Detection") -> "Detection":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def flagged_tokens(token_spans: list[tuple[int, int, str]], intervals) -> list[bool]:
    """A token is flagged when an interval [start, end) overlaps it; an empty interval flags the token it touches."""
    ends = [e for _, e, _ in token_spans]
    flags = [False] * len(token_spans)
    for start, end in intervals:
        if end > start:
            k = bisect_right(ends, start)
            while k < len(token_spans) and token_spans[k][0] < end:
                flags[k] = True
                k += 1
        else:
            k = bisect_left(ends, start)
            if k < len(token_spans) and token_spans[k][0] <= start:
                flags[k] = True
    return flags


def detection(doc: Scored, intervals) -> Detection:
    result = Detection()
    for flag, error, ok in zip(flagged_tokens(doc.ocr_spans, intervals), doc.errors, doc.scored, strict=False):
        if not ok:
            continue
        if flag and error:
            result.tp += 1
        elif flag:
            result.fp += 1
        elif error:
            result.fn += 1
    return result


@dataclass
class Correction:
    before: EditCounts = field(default_factory=EditCounts)
    after: EditCounts = field(default_factory=EditCounts)
    correct: int = 0   # scored OCR tokens that were right
    harmed: int = 0    # ... and that the fix did not keep identical
    changed: int = 0   # scored OCR tokens the fix did not keep identical

    def __iadd__(self, other: "Correction") -> "Correction":
        self.before += other.before
        self.after += other.after
        self.correct += other.correct
        self.harmed += other.harmed
        self.changed += other.changed
        return self

    @staticmethod
    def gain(before: float, after: float) -> float:
        return (before - after) / before if before else 0.0

    @property
    def wer_gain(self) -> float:
        return self.gain(self.before.wer, self.after.wer)

    @property
    def cer_gain(self) -> float:
        return self.gain(self.before.cer, self.after.cer)

    @property
    def harm(self) -> float:
        return self.harmed / self.correct if self.correct else 0.0


def scored_hypothesis(doc: Scored, fixed: list[str]) -> list[str]:
    """The fixed tokens minus those that stand where the OCR had no gold."""
    if all(doc.scored):
        return fixed
    keep = [True] * len(fixed)
    last_ok = True
    covered = [None] * len(fixed)
    for i, (a, b) in enumerate(gold_map(doc.ocr, fixed)):
        for j in range(a, b):
            covered[j] = doc.scored[i]
    for j, ok in enumerate(covered):
        # Inserted tokens follow the status of the token before them.
        last_ok = last_ok if ok is None else ok
        keep[j] = last_ok
    return [t for t, k in zip(fixed, keep, strict=False) if k]


def correction(doc: Scored, fixed_text: str, before: EditCounts | None = None) -> Correction:
    fixed = fixed_text.split()
    gold = doc.scored_gold()
    if before is None:
        before = edit_counts([t for t, ok in zip(doc.ocr, doc.scored, strict=False) if ok], gold)
    result = Correction(before=before, after=edit_counts(scored_hypothesis(doc, fixed), gold))
    kept = kept_map(doc.ocr, fixed) if fixed != doc.ocr else range(len(fixed))
    for k, error, ok in zip(kept, doc.errors, doc.scored, strict=False):
        if not ok:
            continue
        if k is None:
            result.changed += 1
        if not error:
            result.correct += 1
            result.harmed += k is None
    return result
