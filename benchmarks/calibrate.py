"""Per-rule fix precision on the TUNE split: which rule codes are right often enough to be `safe`.

    python -m benchmarks.calibrate [--split tune] [--limit N] [--data DIR] [--output FILE]

Every fix cleaner proposes on the original OCR text is judged on its own: it is
applied alone, and it is right when the tokens it changed end up equal to the
gold tokens they align to (token-exact), or when every character it edits moves
the text toward the gold (char-exact; align.fix_verdict). Fixes that change no
token (spacing only) are counted as token-neutral and left out of the precision.
Findings are judged one by one, as check_text returns them (one per place;
rules flagging the same span are merged under the more precise one). A code qualifies as safe with char-exact precision >= 99%
over at least 30 judged fixes (benchmarks/README.md, Quality, says why).
"""
from __future__ import annotations

import argparse
import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from datetime import date
from multiprocessing import Pool

import cleaner.engine  # cleaner loads its names lazily: the submodule is imported by name
from benchmarks import eval_data
from benchmarks.align import fix_verdict
from benchmarks.metrics import Scored

SAFE_PRECISION = 0.99
SAFE_SUPPORT = 30
CONTEXT = 3  # tokens of context on each side of a fix when judging it


def wilson_lower(right: int, n: int, z: float = 1.96) -> float:
    if n == 0:
        return 0.0
    p = right / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - spread) / (1 + z * z / n))


def judge(doc: Scored, text: str, fix) -> tuple[bool, bool] | None | str:
    """Apply one fix alone inside a small window and compare the window with the gold."""
    starts = [s for s, _, _ in doc.ocr_spans]
    ends = [e for _, e, _ in doc.ocr_spans]
    first = bisect_left(ends, fix.start)       # first token ending at or after the fix
    last = bisect_right(starts, fix.end)       # tokens starting at or before the fix end
    if not all(doc.scored[first:last]):
        return "unscored"
    n = len(doc.ocr)
    lo, hi = max(0, first - CONTEXT), min(n, last + CONTEXT)
    char_lo = doc.ocr_spans[lo][0] if lo > 0 else 0
    char_hi = doc.ocr_spans[hi - 1][1] if hi < n else len(text)
    parts, cursor = [], char_lo
    for edit in fix.edits:
        parts.append(text[cursor:edit.start])
        parts.append(edit.replacement)
        cursor = edit.end
    parts.append(text[cursor:char_hi])
    return fix_verdict(doc.ocr, doc.gold, doc.spans, lo, hi, "".join(parts).split())


def calibrate_doc(doc: eval_data.Document) -> tuple[Counter, Counter]:
    scored = Scored.build(doc.ocr, doc.gold, doc.ocr_unscored)
    counts: Counter = Counter()
    for finding in cleaner.engine.check_text(doc.ocr):
        if finding.fix is None:
            continue
        key = (finding.rule, finding.fix.applicability.value)
        verdict = judge(scored, doc.ocr, finding.fix)
        if verdict is None:
            counts[key + ("neutral",)] += 1
        elif verdict == "unscored":
            counts[key + ("unscored",)] += 1
        else:
            counts[key + ("right" if verdict[0] else "wrong",)] += 1
            counts[key + ("char right",)] += verdict[1]
    applied = Counter((f.rule, f.fix.applicability.value) for f in cleaner.fix_text(doc.ocr, unsafe=True).applied)
    return counts, applied


def report(counts: Counter, applied: Counter, split: str, docs: int) -> str:
    rows = defaultdict(Counter)
    for (rule, applicability, outcome), n in counts.items():
        rows[(rule, applicability)][outcome] += n
        rows[("all", applicability)][outcome] += n
    out = [f"## Fix calibration ({date.today().isoformat()}, split {split}, {docs} documents)", "",
           "| rule | applicability | applied (--unsafe run) | proposed | judged | right | wrong | precision "
           "| Wilson 95% lower | char-exact precision | neutral | unscored | qualifies as safe |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for (rule, applicability), c in sorted(rows.items(), key=lambda kv: (kv[0][0] == "all", kv[0])):
        judged = c["right"] + c["wrong"]
        precision = c["right"] / judged if judged else 0.0
        char_precision = c["char right"] / judged if judged else 0.0
        qualifies = judged >= SAFE_SUPPORT and char_precision >= SAFE_PRECISION
        if rule == "all":
            mark = ""
            shown_applied = sum(n for (_, a), n in applied.items() if a == applicability)
        else:
            mark = "yes" if qualifies else ("too few" if judged < SAFE_SUPPORT else "no")
            shown_applied = applied.get((rule, applicability), 0)
        proposed = judged + c["neutral"] + c["unscored"]
        out.append(f"| {rule} | {applicability} | {shown_applied} | {proposed} | {judged} | {c['right']} "
                   f"| {c['wrong']} | {100 * precision:.1f}% | {100 * wilson_lower(c['right'], judged):.1f}% "
                   f"| {100 * char_precision:.1f}% "
                   f"| {c['neutral']} | {c['unscored']} | {mark} |")
    out += ["", f"Safe means char-exact precision >= {100 * SAFE_PRECISION:.0f}% over >= {SAFE_SUPPORT} judged "
            "fixes. Char-exact precision credits fixes whose every edited character moved toward the gold, "
            "also when a neighbouring difference (often punctuation the gold normalised) remains; token-exact "
            "precision (and its Wilson bound) requires the changed tokens to equal the gold."]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    eval_data.add_run_arguments(parser, "tune")
    parser.add_argument("--ght-tokenised", action="store_true",
                        help="keep GHT's tokenised text (default: detokenise OCR and gold alike)")
    args = parser.parse_args(argv)

    docs = [d for n in eval_data.DATASETS for d in eval_data.load(n, args.data, args.split, args.limit, args.ght_tokenised)]
    docs.sort(key=lambda d: -len(d.ocr))
    counts, applied = Counter(), Counter()
    with Pool(args.jobs) as pool:
        for c, a in pool.imap_unordered(calibrate_doc, docs):
            counts.update(c)
            applied.update(a)
    text = report(counts, applied, args.split, len(docs))
    eval_data.emit(text, args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
