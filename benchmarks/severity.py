"""Detection precision by rule and confidence band on the TUNE split: which
findings are sure enough that the text is WRONG to be reported as warnings.

    python -m benchmarks.severity [--split tune] [--limit N] [--data DIR] [--cache FILE] [--output FILE]

Severity says how sure cleaner is that the flagged text is wrong (detection);
applicability (safe/unsafe, calibrate.py) says how sure it is that the fix is
right. This script measures the first. Every finding cleaner makes on a TUNE
OCR text (check_text, one finding per place) is a detection hit when it
overlaps at least one erroneous OCR token (metrics.Scored: the token is not
aligned one-to-one with an identical gold token, the definition quality.py
uses), a miss when every scored token it overlaps is correct, and is not
counted when it overlaps no scored token (whitespace only, or ICDAR text
without gold). The same rules also run on the gold text of the same
documents, where every finding is a false alarm (benchmarks/false_alarms.py
measures that on all gold text; here it is per band, TUNE only).

Bands: SPL801, SEG851 and SEG852 by the spelling verdict's `over_keep` (log10
odds of the best reading over the word as printed) for ordinary documents, by
its `confidence` in documents spelt in an older style or for words that could
be older spellings, and `archaic` on its own; RWE601 by log10 posterior odds;
every other rule as a whole. A band qualifies as `warning` with detection
precision >= 90% over >= 30 findings (benchmarks/README.md, Quality, "Severity
calibration", says how the thresholds follow from the table).
"""
from __future__ import annotations

import argparse
import math
import pickle
from collections import Counter, defaultdict
from datetime import date
from multiprocessing import Pool
from pathlib import Path

from benchmarks import eval_data
from benchmarks.calibrate import wilson_lower
from benchmarks.metrics import Scored, flagged_tokens
from cleaner.checks import nonword
from cleaner.context import Context
from cleaner.engine import DEFAULT_CONFIG, active_rules
from cleaner.postprocess import postprocess

WARN_PRECISION = 0.90
WARN_SUPPORT = 30
SPELLING = ("SPL801", "SEG851", "SEG852")
# Band edges (lower bounds, log10 odds); a band runs from its edge to the next one.
OVER_KEEP_EDGES = (-math.inf, -8.0, -7.0, -6.0, -5.0, -4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0)
CONFIDENCE_EDGES = (-math.inf, -4.0, -2.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0)
ODDS_EDGES = (-math.inf, 0.6, 0.7, 0.8, 0.9, 1.0, 1.5, 2.0)


def _edge(value: float) -> str:
    return "-inf" if value == -math.inf else f"{value:g}"


def band_of(value: float, edges) -> str:
    lower = [e for e in edges if value >= e][-1]
    i = edges.index(lower)
    upper = edges[i + 1] if i + 1 < len(edges) else math.inf
    return f"[{_edge(lower)}, {'inf' if upper == math.inf else _edge(upper)})"


def features(finding, verdicts: dict, ctx, rules: dict) -> tuple[str, tuple]:
    """The band a finding falls in, and the raw values that put it there."""
    if finding.rule in SPELLING:
        v = verdicts.get((finding.start, finding.end))
        if v is None:
            return "unmatched", ()
        older = v.early_modern_doc or nonword.old_spelling(v.word.lower())
        raw = (round(v.over_keep, 2), round(v.confidence, 2), v.archaic, older)
        if v.archaic:
            return "archaic", raw
        if older:
            return "older style, confidence " + band_of(v.confidence, CONFIDENCE_EDGES), raw
        return "over_keep " + band_of(v.over_keep, OVER_KEEP_EDGES), raw
    if finding.rule == "RWE601":
        index = next(i for i, w in enumerate(ctx.words) if w[0] == finding.start)
        left, right = nonword.neighbour_words(ctx, index)
        odds, _ = rules["RWE601"].impl.judge(ctx.words[index][2].lower(), left, right)
        return "log10 odds " + band_of(odds, ODDS_EDGES), (round(odds, 2),)
    # Other rules grade in code or by their TOML severity: one band per severity they report at.
    return "as " + finding.severity.value, ()


def findings_with_bands(text: str):
    ctx = Context(text, DEFAULT_CONFIG)
    rules = active_rules(DEFAULT_CONFIG)
    found = [f for rule in rules for f in rule.check(ctx)]
    found = postprocess(found, ctx)
    verdicts = {(v.start, v.end): v for v in nonword.analyse(ctx)}
    by_code = {r.code: r for r in rules}
    for f in found:
        band, raw = features(f, verdicts, ctx, by_code)
        yield f, band, raw


def measure_doc(doc: eval_data.Document) -> tuple[str, int, list[tuple]]:
    """Records (dataset, side, rule, band, severity now, outcome, raw) for one document."""
    records = []
    scored = Scored.build(doc.ocr, doc.gold, doc.ocr_unscored)
    for f, band, raw in findings_with_bands(doc.ocr):
        flags = flagged_tokens(scored.ocr_spans, [(f.start, f.end)])
        hits = [err for flag, err, ok in zip(flags, scored.errors, scored.scored, strict=False) if flag and ok]
        outcome = "unscored" if not hits else ("hit" if any(hits) else "miss")
        records.append((doc.dataset, "ocr", f.rule, band, f.severity.value, outcome, raw))
    gold = doc.gold.replace("#", "") if doc.dataset == "icdar2017" else doc.gold
    for f, band, raw in findings_with_bands(gold):
        records.append((doc.dataset, "gold", f.rule, band, f.severity.value, "false alarm", raw))
    return doc.dataset, len(gold.split()), records


def band_sort_key(band: str):
    """Named bands first (all, archaic, ...), then numeric bands by their lower edge."""
    prefix, _, rest = band.partition("[")
    if not rest:
        return (prefix, -math.inf)
    return (prefix, float(rest.split(",")[0]))


def qualifies(c: Counter, datasets) -> bool:
    """Precision >= WARN_PRECISION over >= WARN_SUPPORT findings, overall and on
    every data set that has WARN_SUPPORT findings of its own in the band (the
    warning level must hold on each kind of text, not only on their mix)."""
    n = c["hit"] + c["miss"]
    if n < WARN_SUPPORT or c["hit"] < WARN_PRECISION * n:
        return False
    for d in datasets:
        m = c["hit " + d] + c["miss " + d]
        if m >= WARN_SUPPORT and c["hit " + d] < WARN_PRECISION * m:
            return False
    return True


def lowest_warning_edge(bands: list[tuple[float, Counter]], datasets) -> tuple[float, list[tuple[float, Counter]]]:
    """Walk a rule's numeric bands (lower edge, counts) from the most confident down.

    Bands with fewer than WARN_SUPPORT findings are pooled with the next band down
    until the pool has enough; a pool that qualifies moves the warning threshold to
    its lower edge, the first that does not stops the walk. A pool still too small
    when the bands run out joins the pool above it, unless its own precision is
    already below the bar. Returns the threshold (inf: no band qualifies) and the
    pools judged."""
    threshold, pools = math.inf, []
    pending: tuple[float, Counter] | None = None
    for lower, counts in sorted(bands, key=lambda b: -b[0]):
        pending = (lower, counts + (pending[1] if pending else Counter()))
        if pending[1]["hit"] + pending[1]["miss"] < WARN_SUPPORT:
            continue
        pools.append(pending)
        if not qualifies(pending[1], datasets):
            return threshold, pools
        threshold, pending = lower, None
    if pending and pools and pending[1]["hit"] >= WARN_PRECISION * (pending[1]["hit"] + pending[1]["miss"]):
        merged = (pending[0], pools.pop()[1] + pending[1])
        pools.append(merged)
        if qualifies(merged[1], datasets):
            threshold = merged[0]
    return threshold, pools


def _share(c: Counter, key: str = "") -> str:
    hits, n = c["hit" + key], c["hit" + key] + c["miss" + key]
    return f"{hits}/{n} ({100 * hits / n:.1f}%)" if n else "-"


def thresholds(rows: dict[tuple, Counter], datasets) -> list[str]:
    families: dict[tuple, list] = defaultdict(list)
    for (rule, band), c in rows.items():
        prefix, _, rest = band.partition("[")
        if rest:
            families[(rule, prefix.strip())].append((float(rest.split(",")[0]), c))
    out = ["| rule | banded by | lowest qualifying edge | pools judged, top down: edge: hits/findings "
           "(per set where it has >= 30) |", "|---|---|---:|---|"]
    for (rule, prefix), bands in sorted(families.items()):
        edge, pools = lowest_warning_edge(bands, datasets)
        shown = []
        for lower, c in pools:
            sets = [f"{SHORT[d]} {_share(c, ' ' + d)}" for d in datasets
                    if c["hit " + d] + c["miss " + d] >= WARN_SUPPORT]
            shown.append(f"{_edge(lower)}: {_share(c)}" + (f" [{'; '.join(sets)}]" if sets else ""))
        verdict = ("none" if pools else "too few") if edge == math.inf else _edge(edge)
        out.append(f"| {rule} | {prefix} | {verdict} | {', '.join(shown)} |")
    return out


SHORT = {"bln600": "BLN600", "icdar2017": "ICDAR", "ght": "GHT"}


def report(records: list[tuple], words: Counter, split: str, docs: int) -> str:
    datasets = [d for d in eval_data.DATASETS if words[d]]
    rows: dict[tuple, Counter] = defaultdict(Counter)
    for dataset, side, rule, band, severity, outcome, _ in records:
        c = rows[(rule, band)]
        if side == "gold":
            c["fa " + dataset] += 1
            continue
        c[outcome] += 1
        c[f"{outcome} {dataset}"] += 1
        c["severity " + severity] += 1
    out = [f"#### Severity calibration ({date.today().isoformat()}, split {split}, {docs} documents)", "",
           "| rule | band | severity now | findings | hits | detection precision | Wilson 95% lower | "
           + " | ".join(f"{SHORT[d]} hits/findings" for d in datasets) + " | qualifies | "
           + " | ".join(f"gold FA {SHORT[d]} /10k" for d in datasets) + " |",
           "|---|---|---|---:|---:|---:|---:|" + "---:|" * len(datasets) + "---|" + "---:|" * len(datasets)]
    for (rule, band), c in sorted(rows.items(), key=lambda kv: (kv[0][0], band_sort_key(kv[0][1]))):
        n = c["hit"] + c["miss"]
        precision = c["hit"] / n if n else 0.0
        mark = "yes" if qualifies(c, datasets) else ("too few" if n < WARN_SUPPORT else "no")
        now = "/".join(f"{s}:{c['severity ' + s]}" for s in ("error", "warning", "info") if c["severity " + s])
        per_set = " | ".join(f"{c['hit ' + d]}/{c['hit ' + d] + c['miss ' + d]}" for d in datasets)
        fa = " | ".join(f"{10_000 * c['fa ' + d] / words[d]:.2f}" for d in datasets)
        out.append(f"| {rule} | {band} | {now or '-'} | {n} | {c['hit']} | {100 * precision:.1f}% "
                   f"| {100 * wilson_lower(c['hit'], n):.1f}% | {per_set} | {mark} | {fa} |")
    out += [""] + thresholds(rows, datasets)
    out += ["", "Findings: unmerged findings on the OCR text that overlap a scored token; hits overlap an "
            "erroneous token. `severity now` counts them by the severity cleaner gave them in this run. "
            "Gold FA: findings of the band on the gold text of the same documents per 10,000 gold words "
            f"({', '.join(f'{SHORT[d]} {words[d]}' for d in datasets)} words). A band qualifies as warning "
            f"with detection precision >= {100 * WARN_PRECISION:.0f}% over >= {WARN_SUPPORT} findings, overall "
            f"and on each set with >= {WARN_SUPPORT} findings in the band."]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    eval_data.add_run_arguments(parser, "tune")
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep the measured records here (and reuse them when the file exists)")
    args = parser.parse_args(argv)

    if args.cache and args.cache.is_file():
        words, records, n_docs = pickle.loads(args.cache.read_bytes())
    else:
        docs = [d for n in eval_data.DATASETS for d in eval_data.load(n, args.data, args.split, args.limit)]
        docs.sort(key=lambda d: -len(d.ocr))
        words, records, n_docs = Counter(), [], len(docs)
        with Pool(args.jobs) as pool:
            for dataset, n, recs in pool.imap_unordered(measure_doc, docs):
                words[dataset] += n
                records.extend(recs)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((words, records, n_docs)))
    text = report(records, words, args.split, n_docs)
    eval_data.emit(text, args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
