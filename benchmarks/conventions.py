"""Transcription conventions (issue 15): printed line breaks, other languages, old spelling.

    python -m benchmarks.conventions [--data DIR] [--split dev] [--limit N] [--jobs N] [--parts gold,foreign,mixed,f1]

Figures, each with its target:

- gold: warning+ findings per 10,000 words (as `cleaner check` reports them: one per defect) on the
  gold text of every DEV set and on its printed-lines version (benchmarks/printed.py),
  plus the worst single gold document of >= 500 words. Targets <= 10 and <= 40.
- foreign: `fix --unsafe` on the gold text of ../shared/eval/icdar2019-foreign (German
  newspaper, Latin prints, medieval French, Dutch): gold words changed per 1,000. Target <= 1.
- mixed: English DEV gold documents with a foreign gold passage spliced in (as its own
  paragraph, or inline after a sentence): words of the foreign passages changed per 1,000
  by `fix --unsafe`. Target <= 1.
- f1: detection F1 on printed-lines versions of the DEV OCR against the OCR as it is.
  Every piece of a word broken at a printed line end belongs to its source token, and the
  source token counts as flagged when a finding overlaps any of its pieces; the tokens are
  then scored exactly as benchmarks/quality.py scores the original. Target: within 0.02.

The data is read from ../shared/eval and never stored.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import cleaner
from benchmarks import eval_data
from benchmarks.align import kept_map, tokens_with_spans
from benchmarks.metrics import Detection, Scored, flagged_tokens
from benchmarks.printed import printed_lines
from cleaner.model import Severity

PER_WORDS = 10_000
WORST_MIN_WORDS = 500
FOREIGN = ("DE1", "DE4", "FR1", "NL1")
WARNING = Severity.WARNING.rank


# ---------------------------------------------------------------- gold warnings

def _warnings(text: str) -> int:
    return sum(1 for f in cleaner.check_text(text) if f.severity.rank >= WARNING)


def gold_text(doc) -> str:
    """The gold as a transcription: ICDAR's '#' (no gold for this stretch) removed, as
    benchmarks/false_alarms.py does."""
    return doc.gold.replace("#", "") if doc.dataset == "icdar2017" else doc.gold


def gold_job(doc) -> tuple[str, str, int, int, int]:
    gold = gold_text(doc)
    printed, _ = printed_lines(gold, doc.doc_id)
    return doc.dataset, doc.doc_id, len(gold.split()), _warnings(gold), _warnings(printed)


def gold_report(rows) -> list[str]:
    out = ["| gold text | documents | words | warning+ per 10k (target <= 10) | worst document >= 500 words (target <= 40) |",
           "|---|---:|---:|---:|---|"]
    by_set = defaultdict(list)
    for row in rows:
        by_set[row[0]].append(row)
    for dataset, items in by_set.items():
        words = sum(r[2] for r in items)
        for label, col in (("as given", 3), ("printed lines", 4)):
            warned = sum(r[col] for r in items)
            big = [r for r in items if r[2] >= WORST_MIN_WORDS]
            worst = max(big, key=lambda r: r[col] / r[2], default=None)
            worst_cell = f"{PER_WORDS * worst[col] / worst[2]:.1f} ({worst[1]}, {worst[2]} words)" if worst else "-"
            out.append(f"| {dataset} {label} | {len(items)} | {words} | {PER_WORDS * warned / words:.2f} | {worst_cell} |")
    return out


# ---------------------------------------------------------------- foreign text

def load_foreign(root: Path) -> list[tuple[str, str]]:
    """(doc id, gold text) of the foreign control set; '#' (no gold) tokens dropped."""
    docs = []
    for part in FOREIGN:
        folder = root / "icdar2019-foreign" / part
        for path in sorted(folder.glob("*.txt"), key=lambda p: (len(p.stem), p.stem)):
            for line in path.read_bytes().decode("utf-8").splitlines():
                if line.startswith("[ GS_aligned] "):
                    gold = line[len("[ GS_aligned] "):].replace("@", "")
                    gold = " ".join(t for t in gold.split() if "#" not in t)
                    if gold:
                        docs.append((f"{part}/{path.stem}", gold))
    return docs


def changed_words(source: str, fixed: str) -> list[bool]:
    """For each source token, whether the fix failed to keep it identical."""
    return [m is None for m in kept_map(source.split(), fixed.split())]


def foreign_job(item: tuple[str, str]) -> tuple[str, int, int]:
    doc_id, gold = item
    changed = changed_words(gold, cleaner.fix_text(gold, unsafe=True).text)
    return doc_id.split("/")[0], len(changed), sum(changed)


SENTENCE_END = re.compile(r"(?<=[a-z][.!?])\s+(?=[A-Z])")


def _passage(foreign: list[tuple[str, str]], rng: random.Random) -> str:
    """20-60 words of one foreign gold document, starting after a sentence end where there is one."""
    _, gold = foreign[rng.randrange(len(foreign))]
    words = gold.split()
    size = rng.randint(20, 60)
    start = rng.randrange(max(1, len(words) - size))
    for k in range(start, min(len(words) - size, start + 40)):
        if k and words[k - 1][-1:] in ".!?" and words[k][:1].isupper():
            start = k
            break
    return " ".join(words[start:start + size])


def mixed_document(english: str, doc_id: str, foreign: list[tuple[str, str]]) -> tuple[str, int, int]:
    """English gold with one foreign passage spliced in; the passage's token range [first, last)."""
    rng = random.Random(int(hashlib.md5(f"mixed:{doc_id}".encode()).hexdigest()[:8], 16))
    passage = _passage(foreign, rng)
    cuts = [m.start() for m in SENTENCE_END.finditer(english)] or [len(english)]
    at = cuts[rng.randrange(len(cuts))]
    joiner = "\n\n" if rng.random() < 0.5 else " "
    before, after = english[:at].rstrip(), english[at:].lstrip()
    first = len(before.split())
    text = before + joiner + passage + joiner + after
    return text, first, first + len(passage.split())


def mixed_job(item) -> tuple[str, int, int]:
    dataset, text, first, last = item
    changed = changed_words(text, cleaner.fix_text(text, unsafe=True).text)[first:last]
    return dataset, len(changed), sum(changed)


def per_thousand_report(title: str, rows) -> list[str]:
    out = [f"| {title} | words | changed | per 1,000 (target <= 1) |", "|---|---:|---:|---:|"]
    totals = defaultdict(lambda: [0, 0])
    for key, words, changed in rows:
        totals[key][0] += words
        totals[key][1] += changed
    totals["all"] = [sum(v[0] for v in totals.values()), sum(v[1] for v in totals.values())]
    for key, (words, changed) in totals.items():
        out.append(f"| {key} | {words} | {changed} | {1000 * changed / max(words, 1):.2f} |")
    return out


# ---------------------------------------------------------------- F1 on printed lines

def _intervals(findings, warning_only: bool):
    return [(f.start, f.end) for f in findings if not warning_only or f.severity.rank >= WARNING]


def _score(scored: Scored, flags: list[bool]) -> Detection:
    result = Detection()
    for flag, error, ok in zip(flags, scored.errors, scored.scored, strict=True):
        if ok:
            result.tp += flag and error
            result.fp += flag and not error
            result.fn += error and not flag
    return result


def f1_job(doc) -> tuple[str, dict[str, Detection]]:
    scored = Scored.build(doc.ocr, doc.gold, doc.ocr_unscored)
    printed, origin = printed_lines(doc.ocr, doc.doc_id)
    printed_spans = tokens_with_spans(printed)
    assert len(printed_spans) == len(origin) and origin[-1:] == [len(scored.ocr) - 1]
    found = cleaner.check_text(doc.ocr)
    found_printed = cleaner.check_text(printed)
    result = {}
    for label, warning_only in (("warning+", True), ("info+", False)):
        result[f"as given, {label}"] = _score(scored, flagged_tokens(scored.ocr_spans, _intervals(found, warning_only)))
        pieces = flagged_tokens(printed_spans, _intervals(found_printed, warning_only))
        flags = [False] * len(scored.ocr)
        for flag, source in zip(pieces, origin, strict=True):
            flags[source] = flags[source] or flag
        result[f"printed lines, {label}"] = _score(scored, flags)
    return doc.dataset, result


def f1_report(rows) -> list[str]:
    totals: dict[str, dict[str, Detection]] = defaultdict(lambda: defaultdict(Detection))
    for dataset, result in rows:
        for key, det in result.items():
            totals[dataset][key] += det
    out = ["| DEV OCR | text | precision | recall | F1 |", "|---|---|---:|---:|---:|"]
    for dataset, result in totals.items():
        for key, det in result.items():
            out.append(f"| {dataset} | {key} | {det.precision:.3f} | {det.recall:.3f} | {det.f1:.3f} |")
    return out


# ---------------------------------------------------------------- driver

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    eval_data.add_run_arguments(parser, "dev")
    parser.add_argument("--datasets", default=",".join(eval_data.DATASETS))
    parser.add_argument("--parts", default="gold,foreign,mixed,f1")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    root = Path(args.data) if args.data else eval_data.DEFAULT_DATA
    docs = [d for name in args.datasets.split(",")
            for d in eval_data.load(name, args.data, args.split, args.limit)]
    out: list[str] = [f"Documents: {args.split} split, limit {args.limit or 'none'}, datasets {args.datasets}.", ""]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        if "gold" in parts:
            out += gold_report(list(pool.map(gold_job, docs, chunksize=2))) + [""]
        foreign = load_foreign(root) if parts & {"foreign", "mixed"} else []
        if "foreign" in parts:
            per_part = defaultdict(list)
            for item in foreign:
                per_part[item[0].split("/")[0]].append(item)
            items = [item for part in per_part.values() for item in part[: args.limit or None]]
            out += per_thousand_report("fix --unsafe on foreign gold", pool.map(foreign_job, items)) + [""]
        if "mixed" in parts:
            english = [d for d in docs if d.dataset != "icdar2017"]
            items = [(d.dataset, *mixed_document(d.gold, d.doc_id, foreign)) for d in english]
            rows = pool.map(mixed_job, items, chunksize=2)
            out += per_thousand_report("fix --unsafe, foreign passages in English gold", rows) + [""]
        if "f1" in parts:
            out += f1_report(list(pool.map(f1_job, docs, chunksize=2))) + [""]
    eval_data.emit("\n".join(out), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
