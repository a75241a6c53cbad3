"""The OCR error model: how likely a scanner is to print `observed` when the
page said `intended` (the noisy channel P(observed | intended)).

Costs are -log10 probabilities of segment rewrites ("m" printed as "rn",
"h" as "li", a dropped letter...), learned from aligned OCR/gold word pairs
by benchmarks/learn_confusions.py and shipped as rules/data/ocr_confusions.tsv.
A rewrite the table does not list costs the generic rate for its shape
(substitution, insertion or deletion), also learned.
"""
from __future__ import annotations

from functools import lru_cache

from .rulebook import rules_dir

MAX_SEGMENT = 3
# Fallbacks used only when the table has no generic rows (costs in log10 units).
DEFAULT_GENERIC = {"sub": 2.5, "ins": 2.8, "del": 2.8}


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

    def rewrites_from(self, observed_start: str) -> list[tuple[str, str, float]]:
        return self.by_first.get(observed_start, [])


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
    path = rules_dir() / "data" / "ocr_confusions.tsv"
    return parse_confusions(path.read_text(encoding="utf-8"))


def channel_cost(observed: str, intended: str, confusions: Confusions | None = None) -> float:
    """-log10 P(observed | intended): the cheapest way to explain the OCR
    output as rewrites of the intended word (case-insensitive)."""
    confusions = confusions or default_confusions()
    return _cost(observed.lower(), intended.lower(), confusions)


@lru_cache(maxsize=65536)
def _cost(observed: str, intended: str, confusions: Confusions) -> float:
    if observed == intended:
        return 0.0
    table = confusions.table
    sub, ins, dele = confusions.generic["sub"], confusions.generic["ins"], confusions.generic["del"]
    n, m = len(observed), len(intended)
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        row = best[i]
        for j in range(m + 1):
            here = row[j]
            if here == inf:
                continue
            # Single characters: match, generic substitution, extra or lost letter.
            if i < n and j < m:
                if observed[i] == intended[j]:
                    step = 0.0
                else:
                    step = table.get((observed[i], intended[j]), sub)
                if here + step < best[i + 1][j + 1]:
                    best[i + 1][j + 1] = here + step
            if i < n:
                step = table.get((observed[i], ""), ins)
                if here + step < best[i + 1][j]:
                    best[i + 1][j] = here + step
            if j < m:
                step = table.get(("", intended[j]), dele)
                if here + step < row[j + 1]:
                    row[j + 1] = here + step
            # Learned multi-character rewrites (rn -> m, li -> h, ii -> u ...).
            for seg_obs, seg_int, step in confusions.rewrites_from(observed[i:i + 1]):
                lo, li = len(seg_obs), len(seg_int)
                if lo + li <= 2:
                    continue  # single characters are handled above
                if observed.startswith(seg_obs, i) and intended.startswith(seg_int, j):
                    if here + step < best[i + lo][j + li]:
                        best[i + lo][j + li] = here + step
    return best[n][m]
