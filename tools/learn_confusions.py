"""Learn the OCR channel model (rules/data/ocr_confusions.tsv) from aligned
OCR/gold text in ../shared/eval, TUNE split only.

    python benchmarks/learn_confusions.py [--eval DIR] [--out FILE]

Steps: align each OCR sentence with its gold sentence word by word; for every
1:1 word pair that differs, align the letters and cut the differences into
segment rewrites (gold "m" printed as "rn"); cost = -log10 of the rewrite's
count over how often the gold segment occurs in all gold words. Rewrites seen
fewer than MIN_COUNT times fall back to the generic substitution / insertion /
deletion rates, also measured here.
"""
from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import math
import re
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
MIN_COUNT = 3
# Whole-word confusions kept for the real-word rule (RWE601 reads them as priors).
WORD_MIN_COUNT = 3
MAX_SEGMENT = 3


def is_tune(doc_id: str) -> bool:
    """The split shared with the benchmarks: TUNE iff the md5 of the id is even."""
    return int(hashlib.md5(doc_id.encode()).hexdigest(), 16) % 2 == 0


def bln600(eval_dir: Path):
    csv.field_size_limit(sys.maxsize)
    with open(eval_dir / "bln600-train" / "train.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            yield row["Sample ID"], row["OCR Text"], row["Ground Truth"]


def icdar(eval_dir: Path):
    for path in sorted((eval_dir / "icdar2017-monograph").glob("*.txt")):
        if not path.stem.isdigit():
            continue  # SOURCE.txt
        lines = path.read_text(encoding="utf-8").splitlines()
        ocr = next(line for line in lines if line.startswith("[OCR_aligned]"))[len("[OCR_aligned] "):]
        gold = next(line for line in lines if line.startswith("[ GS_aligned]"))[len("[ GS_aligned] "):]
        # Cut into chunks at shared spaces so each chunk is a short aligned stretch.
        start = 0
        for i in range(len(gold) + 1):
            if i == len(gold) or (gold[i] == " " and ocr[i] == " " and i - start > 200):
                o, g = ocr[start:i], gold[start:i]
                if "#" not in g:
                    yield path.stem, o.replace("@", ""), g.replace("@", "")
                start = i


def ght(eval_dir: Path):
    for path in sorted((eval_dir / "ght").glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            next(reader)
            for row in reader:
                if len(row) >= 3 and row[0].isdigit():
                    yield f"{path.stem}:{int(row[0]) // 50}", row[1], row[2]


def sentence_pairs(eval_dir: Path, split: str = "tune"):
    for source in (bln600, icdar, ght):
        for doc_id, ocr, gold in source(eval_dir):
            if is_tune(doc_id) == (split == "tune"):
                yield source.__name__, doc_id, ocr, gold


def word_pairs(ocr: str, gold: str):
    """(ocr word, gold word) for every aligned 1:1 position, equal or not."""
    o_words = WORD.findall(ocr)
    g_words = WORD.findall(gold)
    matcher = difflib.SequenceMatcher(None, [w.lower() for w in o_words], [w.lower() for w in g_words], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            yield from zip(o_words[i1:i2], g_words[j1:j2], strict=False)


def segments(ocr: str, gold: str):
    """Letter-level differences between one OCR word and its gold word, as
    (ocr segment, gold segment); adjacent edits merge (gold m -> ocr rn)."""
    pending_o, pending_g = "", ""
    for tag, g1, g2, o1, o2 in Levenshtein.opcodes(gold, ocr):
        if tag == "equal":
            if pending_o or pending_g:
                yield pending_o, pending_g
            pending_o, pending_g = "", ""
        else:
            pending_o += ocr[o1:o2]
            pending_g += gold[g1:g2]
    if pending_o or pending_g:
        yield pending_o, pending_g


def learn(eval_dir: Path):
    """Segment rewrites for the channel model, and whole-word confusions
    (how often a printed word stood for another word) for the real-word rule."""
    rewrites: Counter = Counter()
    word_errors: Counter = Counter()
    printed: Counter = Counter()
    generic: Counter = Counter()
    gold_words: Counter = Counter()
    for _source, _doc, ocr, gold in sentence_pairs(eval_dir, "tune"):
        for o, g in word_pairs(ocr, gold):
            if not o[:1].isupper():  # names and sentence openings say little about common words
                printed[o.lower()] += 1
                if o.lower() != g.lower():
                    word_errors[(o.lower(), g.lower())] += 1
            o, g = o.lower(), g.lower()
            gold_words[g] += 1
            if o == g or Levenshtein.distance(o, g) > max(2, len(g) // 2):
                continue
            for seg_o, seg_g in segments(o, g):
                if len(seg_o) > MAX_SEGMENT or len(seg_g) > MAX_SEGMENT:
                    continue
                rewrites[(seg_o, seg_g)] += 1
    # How often each gold segment occurs: the denominator of P(ocr seg | gold seg).
    occurrences: Counter = Counter()
    wanted = {g for _, g in rewrites if g}
    total_chars = 0
    for word, n in gold_words.items():
        total_chars += len(word) * n
        for size in range(1, MAX_SEGMENT + 1):
            for i in range(len(word) - size + 1):
                piece = word[i:i + size]
                if piece in wanted:
                    occurrences[piece] += n
    rows = []
    for (seg_o, seg_g), count in rewrites.items():
        # Generic rates count every one-letter event; listed rewrites override them.
        if len(seg_o) == len(seg_g) == 1:
            generic["sub"] += count
        elif not seg_g and len(seg_o) == 1:
            generic["ins"] += count
        elif not seg_o and len(seg_g) == 1:
            generic["del"] += count
        if count < MIN_COUNT:
            continue
        base = occurrences[seg_g] if seg_g else total_chars
        cost = -math.log10((count + 0.5) / (base + 1))
        rows.append((seg_o, seg_g, count, round(cost, 3)))
    total = max(total_chars, 1)
    # Any substitution or extra letter is one of some 25 possible letters.
    generic_rows = [
        ("*", "*", generic["sub"], round(-math.log10((generic["sub"] + 1) / total / 25), 3)),
        ("*", "", generic["ins"], round(-math.log10((generic["ins"] + 1) / total / 25), 3)),
        ("", "*", generic["del"], round(-math.log10((generic["del"] + 1) / total), 3)),
    ]
    rows.sort(key=lambda r: (r[3], r[0], r[1]))
    confusions = sorted(
        ((o, g, n, printed[o]) for (o, g), n in word_errors.items() if n >= WORD_MIN_COUNT),
        key=lambda r: (-r[2], r[0], r[1]))
    return generic_rows + rows, confusions, sum(gold_words.values())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--out", type=Path, default=ROOT / "cleaner" / "spelling" / "data" / "ocr_confusions.tsv")
    args = parser.parse_args(argv)
    rows, confusions, words = learn(args.eval)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("# OCR channel model: observed<TAB>intended<TAB>count<TAB>cost (-log10 P(observed|intended)).\n")
        fh.write(f"# Learned by benchmarks/learn_confusions.py from {words} aligned words (TUNE split).\n")
        for seg_o, seg_g, count, cost in rows:
            fh.write(f"{seg_o}\t{seg_g}\t{count}\t{cost}\n")
    print(f"{len(rows)} rows from {words} words -> {args.out}")
    words_out = args.out.with_name("word_confusions.tsv")
    with open(words_out, "w", encoding="utf-8") as fh:
        fh.write("# Whole-word OCR confusions: printed<TAB>meant<TAB>times<TAB>times printed at all (TUNE split).\n")
        fh.write("# Learned by benchmarks/learn_confusions.py; the real-word rule reads its priors from here.\n")
        for o, g, n, seen in confusions:
            fh.write(f"{o}\t{g}\t{n}\t{seen}\n")
    print(f"{len(confusions)} word confusions -> {words_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
