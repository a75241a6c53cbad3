"""False alarms on clean text: findings per 10,000 words on human-corrected
transcriptions, where every finding is (nearly) a false alarm.

Texts: the BLN600 ground truth (rows of one Sample ID joined with "\\n") and
the ICDAR2017 English monograph gold text ([ GS_aligned] with '#' and '@'
removed). The data is read from ../shared/eval (or --data) and never stored.

    python -m benchmarks.false_alarms [--data DIR] [--limit N] [--jobs N] [--raw] [--examples RULE]

By default findings are counted as `cleaner check` reports them, after noise
control (cleaner/noise.py) has merged floods and repeats; --raw counts them
before. Prints a Markdown report: totals per corpus, then counts per rule code and
severity, so each rule's owner sees their share.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from benchmarks import eval_data
from cleaner import check_text

PER = 10_000


def clean_texts(root: Path, limit: int | None) -> dict[str, list[tuple[str, str]]]:
    bln = [(d.doc_id, d.gold) for d in eval_data.load_bln600(root)]
    icdar = []
    folder = root / "icdar2017-monograph"
    for path in sorted(folder.glob("*.txt"), key=lambda p: (len(p.stem), p.stem)):
        if not path.stem.isdigit():
            continue
        for line in path.read_bytes().decode("utf-8").split("\r\n"):
            if line.startswith("[ GS_aligned] "):
                gold = line[len("[ GS_aligned] "):].replace("#", "").replace("@", "")
                icdar.append((path.stem, gold))
    if limit:
        bln, icdar = bln[:limit], icdar[:limit]
    return {"BLN600 ground truth": bln, "ICDAR2017 monograph gold": icdar}


def scan(item: tuple[str, str]) -> tuple[int, Counter, list[tuple[str, str, str, str]]]:
    doc_id, text = item
    counts: Counter = Counter()
    samples = []
    for f in check_text(text):
        counts[(f.rule, f.severity.value)] += 1
        start = max(0, f.start - 30)
        samples.append((f.rule, f.severity.value, doc_id, text[start:f.end + 30].replace("\n", "⏎")))
    return len(text.split()), counts, samples


def _no_noise_control() -> None:
    """Worker set-up for --raw: count every finding, before floods and repeats are merged."""
    from cleaner import noise

    noise.FLOOD_MIN = noise.REPEAT_MIN = 10**9


def run(docs, jobs: int, raw: bool = False):
    words = 0
    counts: Counter = Counter()
    samples = []
    with ProcessPoolExecutor(max_workers=jobs, initializer=_no_noise_control if raw else None) as pool:
        for n, c, s in pool.map(scan, docs, chunksize=4):
            words += n
            counts.update(c)
            samples.extend(s)
    return words, counts, samples


def rate(n: int, words: int) -> str:
    return f"{PER * n / words:.2f}" if words else "-"


def report(results) -> str:
    out = [f"Measured {date.today().isoformat()} with `python -m benchmarks.false_alarms`.", ""]
    out.append("| corpus | documents | words | warning+ findings | warning+ per 10k words | info per 10k words |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for name, (docs, words, counts, _) in results.items():
        warn = sum(n for (_, sev), n in counts.items() if sev != "info")
        info = sum(n for (_, sev), n in counts.items() if sev == "info")
        out.append(f"| {name} | {docs} | {words} | {warn} | {rate(warn, words)} | {rate(info, words)} |")
    out.append("")
    names = list(results)
    out.append("Per rule (count, per 10k words):")
    out.append("")
    out.append("| rule | severity | " + " | ".join(names) + " |")
    out.append("|---|---|" + "---:|" * len(names))
    keys = sorted({k for _, _, counts, _ in results.values() for k in counts},
                  key=lambda k: (k[1] == "info", k[0]))
    for rule, sev in keys:
        cells = []
        for name in names:
            _, words, counts, _ = results[name]
            n = counts.get((rule, sev), 0)
            cells.append(f"{n} ({rate(n, words)})")
        out.append(f"| {rule} | {sev} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=eval_data.DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="documents per corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--raw", action="store_true", help="count findings before noise control merges them")
    parser.add_argument("--examples", metavar="RULE", help="also print up to 40 flagged contexts of RULE")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        raise SystemExit(f"eval data not found at {args.data} (use --data DIR)")
    results = {}
    for name, docs in clean_texts(args.data, args.limit).items():
        words, counts, samples = run(docs, args.jobs, args.raw)
        results[name] = (len(docs), words, counts, samples)
    print(report(results))
    if args.examples:
        print()
        for name, (_, _, _, samples) in results.items():
            picked = [s for s in samples if s[0].startswith(args.examples)][:40]
            for rule, sev, doc_id, context in picked:
                print(f"{name[:6]} {doc_id} {rule} {sev}: {context}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
