"""Issue 15 thresholds on the TUNE split: what LNG001's `min_words` / `min_probability`
and old_spelling's `MIN_SHARE` trade off, over a grid around the shipped values.

    python -m benchmarks.conventions_tune [--data DIR] [--limit N]

- LNG001, passages in English documents: words inside non-English passages found in
  English TUNE documents (OCR and gold of BLN600, GHT, ICDAR2017), whole-document rule
  applied. Each is a false passage unless the document really quotes another language
  (GHT novels quote French and Latin): read them with the passages listed.
- LNG001, found: share of the words of foreign passages (drawn from the TUNE half of
  icdar2019-foreign by md5 of the document id) that fall inside a passage found in the
  mixed document (English TUNE gold of BLN600 and GHT with the passage spliced in,
  as benchmarks/conventions.py builds them), and the same on the whole foreign documents.
- MIN_SHARE: TUNE documents taken as early modern. BLN600 (19th-century newspapers)
  and GHT (19th-century novels) are modern: each one flagged is a false positive.
  ICDAR2017 monographs (17th-19th century) are mixed: flagged counts are given with
  the documents' evidence shares.

Only the TUNE split is read; DEV is never touched here. Data stays in ../shared/eval.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import tomllib

from benchmarks import eval_data
from benchmarks.conventions import gold_text, load_foreign, mixed_document
from cleaner.conventions import languages, old_spelling
from cleaner.conventions.languages import Settings, find_passages
from cleaner.spelling.lexicon import get_lexicon

MIN_WORDS_GRID = (3, 4, 5, 6, 7)
PROBABILITY_GRID = (0.9, 0.95, 0.98, 0.99, 0.995, 0.999)
SHARE_GRID = (0.02, 0.03, 0.04, 0.05, 0.06, 0.08)
WORD = re.compile(r"\S+")
class _Remembered:
    """py3langid's identifier with its answers kept: the grid asks about the same
    clauses once per `min_probability`, and the model is the slow part."""

    def __init__(self, identifier) -> None:
        self._identifier = identifier
        self._seen: dict[str, list] = {}

    def rank(self, text: str) -> list:
        if text not in self._seen:
            self._seen[text] = self._identifier.rank(text)
        return self._seen[text]


_models: dict[tuple, _Remembered] = {}
_load = languages._identifier


def _identifier(codes: tuple[str, ...]) -> _Remembered:
    if codes not in _models:
        _models[codes] = _Remembered(_load(codes))
    return _models[codes]


languages._identifier = _identifier
RULE = Path(__file__).resolve().parents[1] / "rules" / "languages" / "LNG001.toml"


def _options() -> dict:
    return tomllib.loads(RULE.read_text(encoding="utf-8"))["options"]


def _settings(options: dict, min_words: int, min_probability: float) -> Settings:
    names = ("common_zipf", "max_common", "rare_zipf", "min_rare", "max_common_nearby")
    return Settings(languages=tuple(options["languages"].split()), min_words=min_words,
                    min_probability=min_probability, **{n: options[n] for n in names})


def _covered(text: str, options: dict, settings: Settings) -> list[tuple[int, int]]:
    """Character spans silenced as not English, with the whole-document rule of
    cleaner/conventions/__init__.py applied."""
    found = find_passages(text, get_lexicon().zipf, settings)
    words = list(WORD.finditer(text))
    if found and len(words) >= options["whole_document_min_words"] \
            and sum(p.words for p in found) >= options["whole_document"] * len(words):
        return [(0, len(text))]
    return [(p.start, p.end) for p in found]


def _words_inside(text: str, spans, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """(words in text[lo:hi], of them inside a span)."""
    hi = len(text) if hi is None else hi
    total = inside = 0
    for m in WORD.finditer(text, lo, hi):
        total += 1
        inside += any(s <= m.start() < e for s, e in spans)
    return total, inside


def _is_tune(doc_id: str) -> bool:
    return int(hashlib.md5(doc_id.encode()).hexdigest(), 16) % 2 == 0


def language_table(docs, foreign, options) -> list[str]:
    english = [(f"{d.dataset} OCR", d.ocr) for d in docs] + [(f"{d.dataset} gold", gold_text(d)) for d in docs]
    mixed = []
    for d in docs:
        if d.dataset == "icdar2017":
            continue
        text, first, last = mixed_document(d.gold, d.doc_id, foreign)
        tokens = list(WORD.finditer(text))
        mixed.append((text, tokens[first].start(), tokens[last - 1].end()))
    out = ["| min_words | min_probability | words in passages, English OCR (per 10k) "
           "| words in passages, English gold (per 10k) | English texts with a passage | mixed: foreign words found | mixed: English words silenced (per 10k) "
           "| foreign docs: words found |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for min_words in MIN_WORDS_GRID:
        for probability in PROBABILITY_GRID:
            settings = _settings(options, min_words, probability)
            tally = {"OCR": [0, 0], "gold": [0, 0]}
            docs_with = 0
            for label, text in english:
                total, inside = _words_inside(text, _covered(text, options, settings))
                key = label.split()[-1]
                tally[key][0] += total
                tally[key][1] += inside
                docs_with += inside > 0
            found = [0, 0]
            silenced = [0, 0]
            for text, lo, hi in mixed:
                spans = _covered(text, options, settings)
                total, inside = _words_inside(text, spans, lo, hi)
                found[0] += total
                found[1] += inside
                for a, b in ((0, lo), (hi, len(text))):
                    total, inside = _words_inside(text, spans, a, b)
                    silenced[0] += total
                    silenced[1] += inside
            whole = [0, 0]
            for _, gold in foreign:
                total, inside = _words_inside(gold, _covered(gold, options, settings))
                whole[0] += total
                whole[1] += inside
            out.append(f"| {min_words} | {probability} | {tally['OCR'][1]} ({1e4 * tally['OCR'][1] / tally['OCR'][0]:.1f}) "
                       f"| {tally['gold'][1]} ({1e4 * tally['gold'][1] / tally['gold'][0]:.1f}) | {docs_with} of {len(english)} "
                       f"| {found[1]} of {found[0]} ({100 * found[1] / found[0]:.1f}%) "
                       f"| {silenced[1]} ({1e4 * silenced[1] / silenced[0]:.1f}) "
                       f"| {whole[1]} of {whole[0]} ({100 * whole[1] / whole[0]:.1f}%) |")
            print(out[-1], file=sys.stderr, flush=True)
    return out


def _shares(words: list[str]) -> tuple[int, float]:
    known = get_lexicon().is_known
    distinct = {w.lower() for w in words if w.isalpha() or "\u017f" in w}
    evidence = sum(1 for w in distinct if old_spelling._evidence(w, known))
    return evidence, evidence / max(len(distinct), 1)


def share_table(docs) -> list[str]:
    rows = []
    for d in docs:
        for label, text in (("OCR", d.ocr), ("gold", gold_text(d))):
            evidence, share = _shares([m.group() for m in re.finditer(r"[^\W\d_]+", text)])
            rows.append((d.dataset, label, evidence, share))
    out = ["| MIN_SHARE | " + " | ".join(f"{ds} {lb} flagged" for ds in eval_data.DATASETS for lb in ("OCR", "gold")) + " |",
           "|---:|" + "---:|" * (2 * len(eval_data.DATASETS))]
    for share in SHARE_GRID:
        cells = []
        for ds in eval_data.DATASETS:
            for lb in ("OCR", "gold"):
                mine = [r for r in rows if r[0] == ds and r[1] == lb]
                hit = sum(1 for r in mine if r[2] >= old_spelling.MIN_WORDS and r[3] >= share)
                cells.append(f"{hit} of {len(mine)}")
        out.append(f"| {share:.0%} | " + " | ".join(cells) + " |")
    out += ["", "Evidence share per TUNE document (evidence words >= MIN_WORDS only), highest first:", ""]
    for ds in eval_data.DATASETS:
        for lb in ("OCR", "gold"):
            mine = sorted((r[3] for r in rows if r[0] == ds and r[1] == lb and r[2] >= old_spelling.MIN_WORDS),
                          reverse=True)
            out.append(f"- {ds} {lb}: " + ", ".join(f"{s:.1%}" for s in mine[:25]) + (" ..." if len(mine) > 25 else ""))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="documents per dataset")
    parser.add_argument("--parts", default="share,language")
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    root = Path(args.data) if args.data else eval_data.DEFAULT_DATA
    docs = [d for name in eval_data.DATASETS for d in eval_data.load(name, args.data, "tune", args.limit)]
    out = [f"TUNE split only, limit {args.limit or 'none'}: {len(docs)} documents.", ""]
    if "share" in args.parts:
        out += share_table(docs) + [""]
    if "language" in args.parts:
        foreign = [item for item in load_foreign(root) if _is_tune(item[0])]
        out += [f"Foreign passages from the TUNE half of icdar2019-foreign ({len(foreign)} documents).", ""]
        out += language_table(docs, foreign, _options()) + [""]
    eval_data.emit("\n".join(out), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
