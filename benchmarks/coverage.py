"""Candidate and suggestion coverage: is the right word among what cleaner offers?

    python -m benchmarks.coverage --split tune --only candidates   # candidate coverage, TUNE
    python -m benchmarks.coverage --split dev                      # both figures, DEV

Both figures are computed over the OCR tokens that the token alignment maps
one-to-one to a different gold token that is a dictionary word (the token's
word without surrounding punctuation; differences of case alone are left out):

- candidate coverage: the gold word is among the spelling engine's candidates
  for the OCR word (every reading it generates out of context: learned OCR
  rewrites, edits, lost letters, fuzzy search, splits);
- suggestion coverage: among those tokens that a word-level finding overlaps
  (SPL, SEG, RWE, SCN rules and PUN415, also when merged into another rule's
  finding on the same span; info and up), the
  share where applying one of those findings' suggestions turns the token into
  the gold word. Also given over every finding (a punctuation finding on the
  same token cannot name the word) and per rule.
"""
from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from multiprocessing import Pool

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

import cleaner.engine  # cleaner loads its names lazily: the submodule is imported by name
from benchmarks import eval_data
from benchmarks.metrics import Scored
from cleaner.spelling.candidates import lexicon_candidates, split_candidates
from cleaner.spelling.lexicon import get_lexicon

# A 1:1 alignment also pairs unrelated words where the two texts differ by more
# than misreadings (a missed line: "courage" against "blood"). The second figure
# keeps the pairs at least this similar (rapidfuzz ratio, 0-100).
SIMILAR = 50
# Word-level findings: the spelling, word division, real-word and scanno rules,
# and the quote that stands where a word should be.
WORD_RULES = ("SPL", "SEG", "RWE", "SCN")
WORD_RULE_CODES = ("PUN415",)
EDGE = re.compile(r"^[^\w]+|[^\w]+$")
DICTIONARY_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def core(token: str) -> str:
    """The token without punctuation at either end ("said," -> "said")."""
    return EDGE.sub("", token)


def engine_candidates(lower: str) -> set[str]:
    return {c for c, _ in lexicon_candidates(lower)} | {c for c, _ in split_candidates(lower)}


def targets(doc) -> tuple[Scored, list[tuple[int, str, str]]]:
    """(token index, OCR word, gold word) of the tokens both figures are computed on."""
    scored = Scored.build(doc.ocr, doc.gold, doc.ocr_unscored)
    lex = get_lexicon()
    found = []
    for i, ((g0, g1), ok) in enumerate(zip(scored.spans, scored.scored, strict=True)):
        if not ok or g1 - g0 != 1:
            continue
        ocr, gold = core(scored.ocr[i]), core(scored.gold[g0])
        if not ocr or ocr.lower() == gold.lower() or not DICTIONARY_WORD.fullmatch(gold):
            continue
        if not lex.is_known(gold.lower()):
            continue
        found.append((i, ocr, gold))
    return scored, found


def _applied(text: str, start: int, end: int, f, suggestion: str) -> str:
    """The text from start to end with the finding's span replaced by the suggestion."""
    a, b = min(start, f.start), max(end, f.end)
    return text[a:f.start] + suggestion + text[f.end:b]


def evaluate(job):
    doc, want_candidates, want_suggestions = job
    scored, found = targets(doc)
    cand = Counter()
    sugg: dict[str, Counter] = defaultdict(Counter)
    if want_candidates:
        for _i, ocr, gold in found:
            hit = gold.lower() in engine_candidates(ocr.lower())
            similar = fuzz.ratio(ocr.lower(), gold.lower()) >= SIMILAR
            cand["tokens"] += 1
            cand["covered"] += hit
            cand["similar"] += similar
            cand["similar covered"] += similar and hit
            # The ceiling for any generator of a given reach: gold within that many edits.
            distance = Levenshtein.distance(ocr.lower(), gold.lower(), score_cutoff=4)
            cand["within 2"] += distance <= 2
            cand["within 3"] += distance <= 3
    if want_suggestions and found:
        findings = cleaner.engine.check_text(doc.ocr)
        for i, _ocr, gold in found:
            start, end, _ = scored.ocr_spans[i]
            over = [f for f in findings if f.start < end and f.end > start or f.start == f.end == start]
            if not over:
                continue
            hit = False
            covered_by = set()
            for f in over:
                ok = any(gold.lower() in {core(t).lower() for t in _applied(doc.ocr, start, end, f, s).split()}
                         for s in f.suggestions)
                sugg[f.rule]["tokens"] += 1
                sugg[f.rule]["covered"] += ok
                sugg[f.rule]["none"] += not f.suggestions
                hit = hit or ok
                if ok:
                    covered_by.add(f.rule)
            sugg["all"]["tokens"] += 1
            sugg["all"]["covered"] += hit
            sugg["all"]["none"] += all(not f.suggestions for f in over)
            words = [f for f in over if any(r.startswith(WORD_RULES) or r in WORD_RULE_CODES
                                            for r in (f.rule, *f.also))]
            if words:
                sugg["words"]["tokens"] += 1
                sugg["words"]["covered"] += any(f.rule in covered_by for f in words)
                sugg["words"]["none"] += all(not f.suggestions for f in words)
    return doc.dataset, len(found), cand, dict(sugg)


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "n/a"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    eval_data.add_run_arguments(parser, "dev")
    parser.add_argument("--datasets", default=",".join(eval_data.DATASETS))
    parser.add_argument("--only", choices=("both", "candidates", "suggestions"), default="both")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    names = [n for n in args.datasets.split(",") if n]
    docs = [d for n in names for d in eval_data.load(n, args.data, args.split, args.limit)]
    jobs = [(d, args.only != "suggestions", args.only != "candidates") for d in sorted(docs, key=lambda d: -len(d.ocr))]
    with Pool(args.jobs) as pool:
        results = list(pool.imap_unordered(evaluate, jobs))
    per_set: dict[str, dict] = defaultdict(lambda: {"cand": Counter(), "sugg": defaultdict(Counter)})
    for dataset, _n, cand, sugg in results:
        per_set[dataset]["cand"].update(cand)
        for rule, c in sugg.items():
            per_set[dataset]["sugg"][rule].update(c)
    out = [f"## Coverage ({args.split}" + (f", limit {args.limit}" if args.limit else "") + ")", "",
           "| set | tokens (1:1, gold a dictionary word) | candidate coverage | of them similar (ratio >= 50) "
           "| candidate coverage, similar | flagged by a word-level finding | suggestion coverage "
           "| ... with no suggestion | flagged by any finding | suggestion coverage, any finding |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name in names:
        c, s, w = per_set[name]["cand"], per_set[name]["sugg"]["all"], per_set[name]["sugg"]["words"]
        out.append(f"| {name} | {c['tokens'] or '-'} | {pct(c['covered'], c['tokens'])} | {c['similar'] or '-'} "
                   f"| {pct(c['similar covered'], c['similar'])} | {w['tokens']} | {pct(w['covered'], w['tokens'])} "
                   f"| {w['none']} | {s['tokens']} | {pct(s['covered'], s['tokens'])} |")
    if args.only != "suggestions":
        out += ["", "Reach: the share of those tokens whose gold word is within 2 or 3 edits (Levenshtein) of the "
                "OCR word, the ceiling of a candidate generator with that reach:", "",
                "| set | within 2 edits | within 3 edits |", "|---|---:|---:|"]
        for name in names:
            c = per_set[name]["cand"]
            out.append(f"| {name} | {pct(c['within 2'], c['tokens'])} | {pct(c['within 3'], c['tokens'])} |")
    if args.only != "candidates":
        out += ["", "Suggestion coverage by rule (a token counts once for every rule that flags it):", "",
                "| rule | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
        rules = sorted({r for n in names for r in per_set[n]["sugg"] if r not in ("all", "words")})
        for rule in rules:
            cells = []
            for name in names:
                c = per_set[name]["sugg"].get(rule, Counter())
                cells.append(f"{pct(c['covered'], c['tokens'])} of {c['tokens']}" if c["tokens"] else "-")
            out.append(f"| {rule} | " + " | ".join(cells) + " |")
    out.append(f"\nWall time {time.perf_counter() - started:.0f} s with {args.jobs} processes.")
    eval_data.emit("\n".join(out), args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
