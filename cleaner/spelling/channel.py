"""The OCR error model: how likely a scanner is to print `observed` when the
page said `intended` (the noisy channel P(observed | intended)).

Costs are -log10 probabilities of segment rewrites ("m" printed as "rn",
"h" as "li", a dropped letter...), learned from aligned OCR/gold word pairs
by tools/learn_confusions.py and shipped beside this module as data/ocr_confusions.tsv.
A rewrite the table does not list costs the generic rate for its shape
(substitution, insertion or deletion), also learned.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from cleaner.spelling.edits import LETTERS

MAX_SEGMENT = 3
# Fallbacks used only when the table has no generic rows (costs in log10 units).
DEFAULT_GENERIC = {"sub": 2.5, "ins": 2.8, "del": 2.8}
_LARGEST = sys.float_info.max


class Confusions:
    """The learned rewrite costs; hashed by identity so results can be cached."""

    def __init__(self, table: dict[tuple[str, str], float], generic: dict[str, float]) -> None:
        self.table = table      # (observed, intended) -> cost
        self.generic = generic  # "sub" | "ins" | "del" -> cost
        # Rewrites by the first observed letter, cheapest first.
        self.by_first: dict[str, list[tuple[str, str, float]]] = {}
        for (observed, intended), cost in table.items():
            self.by_first.setdefault(observed[:1], []).append((observed, intended, cost))
        for rows in self.by_first.values():
            rows.sort(key=lambda r: r[2])
        # The same rows by their whole observed segment, each with its place in
        # by_first, so a word position looks up only the rows that fit it.
        self.by_observed: dict[str, list[tuple[int, str, str, float]]] = {}
        self.place_of: dict[tuple[str, str], int] = {}
        for rows in self.by_first.values():
            for place, (observed, intended, cost) in enumerate(rows):
                self.by_observed.setdefault(observed, []).append((place, observed, intended, cost))
                self.place_of[observed, intended] = place
        # Multi-letter rewrites only (rn -> m, li -> h), for the cost programme.
        self.multi_by_observed: dict[str, list[tuple[int, str, float]]] = {}
        for observed, rows in self.by_observed.items():
            # Everything but one character for one (or for none), which the
            # programme's single-character steps already price.
            multi = [(len(observed), seg, cost) for _, _, seg, cost in rows if len(observed) > 1 or len(seg) > 1]
            if multi and observed:
                self.multi_by_observed[observed] = multi
        # Segments of two or more letters printed as nothing, by segment (the
        # single lost letters are the programme's own steps).
        self.lost_by_segment = {seg: cost for _, _, seg, cost in self.by_observed.get("", ()) if len(seg) > 1}
        self.lost_lengths = sorted({len(seg) for seg in self.lost_by_segment})
        self.observed_lengths = sorted({len(o) for o in self.by_observed if o})
        self.min_cost = min([*table.values(), *generic.values()])
        self.longest_observed = max(self.observed_lengths, default=1)
        self._windows: dict[tuple[float, bool], _Windows] = {}

    def by_window(self, max_cost: float, skip_plain: bool = False) -> dict[str, list[tuple[int, int, str, float]]]:
        """(place, observed length, intended, cost) of the rewrites of at most
        max_cost that fit the start of a window word[i:i + longest observed
        segment], in rewrites_at order; filled on demand (a few hundred
        windows). skip_plain leaves out rewrites that are plain edits."""
        windows = self._windows.get((max_cost, skip_plain))
        if windows is None:
            windows = self._windows[max_cost, skip_plain] = _Windows(self, max_cost, skip_plain)
        return windows

    def plain_rewrite(self, observed: str, intended: str) -> tuple[int, float] | None:
        """(place, cost) of the one-character rewrite observed -> intended."""
        place = self.place_of.get((observed, intended))
        return None if place is None else (place, self.table[observed, intended])

    def rewrites_at(self, word: str, i: int) -> list[tuple[int, str, str, float]]:
        """(place, observed, intended, cost) of the rewrites whose observed side starts
        word[i:], in by_first order (cheapest first)."""
        found = []
        index = self.by_observed
        for length in self.observed_lengths:
            if i + length <= len(word):
                rows = index.get(word[i:i + length])
                if rows:
                    found = sorted(found + rows) if found else rows
        return found


class _Windows(dict):
    """Confusions.by_window: window -> rows, computed on the first miss."""

    def __init__(self, confusions: Confusions, max_cost: float, skip_plain: bool) -> None:
        super().__init__()
        self.confusions, self.max_cost, self.skip_plain = confusions, max_cost, skip_plain

    def __missing__(self, window: str) -> list[tuple[int, int, str, float]]:
        rows = self[window] = [
            (place, len(observed), intended, cost)
            for place, observed, intended, cost in self.confusions.rewrites_at(window, 0)
            if cost <= self.max_cost and not (self.skip_plain and plain_edit(observed, intended))]
        return rows


def plain_edit(observed: str, intended: str) -> bool:
    """A rewrite that is also a plain edit of edits.py: one printed character
    dropped, or replaced by a letter a-z."""
    return len(observed) == 1 and (intended == "" or len(intended) == 1 and intended in LETTERS)


def parse_confusions(text: str) -> Confusions:
    """TSV rows: observed, intended, count, cost. '*' rows give generic costs:
    ('*','*') substitution, ('*','') extra character, ('','*') lost character."""
    table: dict[tuple[str, str], float] = {}
    generic = dict(DEFAULT_GENERIC)
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        observed, intended, _count, cost = line.split("\t")
        value = float(cost)
        if observed == "*" and intended == "*":
            generic["sub"] = value
        elif observed == "*" and intended == "":
            generic["ins"] = value
        elif observed == "" and intended == "*":
            generic["del"] = value
        elif observed != intended and len(observed) <= MAX_SEGMENT and len(intended) <= MAX_SEGMENT:
            table[(observed, intended)] = value
    return Confusions(table, generic)


@lru_cache(maxsize=1)
def default_confusions() -> Confusions:
    path = Path(__file__).parent / "data" / "ocr_confusions.tsv"
    return parse_confusions(path.read_text(encoding="utf-8"))


def channel_cost(observed: str, intended: str, confusions: Confusions | None = None) -> float:
    """-log10 P(observed | intended): the cheapest way to explain the OCR
    output as rewrites of the intended word (case-insensitive)."""
    confusions = confusions or default_confusions()
    return _cost(observed.lower(), intended.lower(), confusions)


def channel_cost_up_to(observed: str, intended: str, bound: float) -> float:
    """channel_cost when it is at most `bound`, else infinity. The programme
    skips every cell dearer than `bound` (no path through one can be cheaper),
    which leaves a narrow band around the diagonal."""
    confusions = default_confusions()
    observed, intended = observed.lower(), intended.lower()
    if confusions.min_cost < 0:
        cost = _cost(observed, intended, confusions)  # a negative step breaks the argument
    else:
        cost = _cost(observed, intended, confusions, bound)
    return cost if cost <= bound else float("inf")


def channel_cost_within(observed: str, intended: str, bound: float) -> float:
    """channel_cost when some way of explaining the word costing about
    `bound` is known: fast when it is an upper bound, exact either way."""
    cost = channel_cost_up_to(observed, intended, bound)
    return cost if cost <= bound else channel_cost(observed, intended)


@lru_cache(maxsize=65536)
def _cost(observed: str, intended: str, confusions: Confusions, bound: float = float("inf")) -> float:
    """The cheapest rewrite path; cells dearer than `bound` are not extended
    (exact whenever the answer is at most `bound`: every step costs >= 0).

    The programme fills best[i][j], the cheapest way to print observed[:i] for
    intended[:j]. What a cell may do next is looked up before the loop: the
    single-letter steps per letter, the multi-letter rewrites per printed
    position (kept only when their intended side occurs in the word at all),
    and the letters printed as nothing ("fi" lost) per intended position."""
    if observed == intended:
        return 0.0
    table = confusions.table
    sub, ins, dele = confusions.generic["sub"], confusions.generic["ins"], confusions.generic["del"]
    n, m = len(observed), len(intended)
    # Multi-letter rewrites (rn -> m, li -> h, ii -> u ...) that fit the printed
    # word at each position; found once per word, not once per cell.
    index = confusions.multi_by_observed
    multi: list[list[tuple[int, str, float]]] = [[] for _ in range(n + 1)]
    for i in range(n):
        for length in confusions.observed_lengths:
            if i + length <= n:
                rows = index.get(observed[i:i + length])
                if rows:
                    multi[i] += [row for row in rows if row[1] in intended]
    # Segments printed as nothing (a lost "fi" ligature) may go anywhere: by
    # where they fit the intended word, (length, cost).
    lost_by_seg, lost_lengths = confusions.lost_by_segment, confusions.lost_lengths
    lost = [[(k, lost_by_seg[intended[j:j + k]]) for k in lost_lengths
             if j + k <= m and intended[j:j + k] in lost_by_seg] for j in range(m + 1)]
    # A letter lost by the scan, per intended position.
    lost_letter = [table.get(("", letter), dele) for letter in intended]
    inf = float("inf")
    # Skip a cell dearer than the bound or unreached (inf > any finite limit).
    limit = min(bound, _LARGEST)
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        row = best[i]
        here_multi = multi[i]
        if i < n:
            below = best[i + 1]
            char = observed[i]
            extra_cost = table.get((char, ""), ins)  # an extra printed letter
        for j in range(m + 1):
            here = row[j]
            if here > limit:
                continue
            # Single characters: match, substitution, extra printed letter, lost letter.
            if i < n:
                if j < m:
                    letter = intended[j]
                    cost = here if char == letter else here + table.get((char, letter), sub)
                    if cost < below[j + 1]:
                        below[j + 1] = cost
                cost = here + extra_cost
                if cost < below[j]:
                    below[j] = cost
            if j < m:
                cost = here + lost_letter[j]
                if cost < row[j + 1]:
                    row[j + 1] = cost
            for k, step in lost[j]:
                cost = here + step
                if cost < row[j + k]:
                    row[j + k] = cost
            for lo, seg, step in here_multi:
                if intended.startswith(seg, j):
                    cost = here + step
                    if cost < best[i + lo][j + len(seg)]:
                        best[i + lo][j + len(seg)] = cost
    return best[n][m]
