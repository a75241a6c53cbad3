"""Reports people can act on (issue 16), measured on the evaluation documents:

- how many findings the JSON report lists, and how many places several rules
  flagged at once (merged into one finding per defect, `also_flagged_by`);
- whether the summary's fixable counts are what `fix` and `fix --unsafe` then
  apply: the summary counts the first pass, `fix` names what later passes add.

Run from the repository root: `python -m benchmarks.report_counts --limit 10`.
Serial (`--jobs` is accepted and ignored): it runs check, fix and fix --unsafe
on every document."""
from __future__ import annotations

import argparse
from collections import Counter

from benchmarks import eval_data
from cleaner import check_text, fix_text
from cleaner.report.text import tally


def measure(text: str) -> Counter:
    found = check_text(text)
    counts = tally(found)
    safe_fix, all_fix = fix_text(text), fix_text(text, unsafe=True)
    out = Counter(documents=1, listed=len(found), merged=sum(len(f.also) for f in found),
                  summary_safe=counts["safe"], summary_unsafe_more=counts["unsafe"],
                  fix_first=len(safe_fix.applied) - safe_fix.later, fix_later=safe_fix.later,
                  unsafe_first=len(all_fix.applied) - all_fix.later, unsafe_later=all_fix.later)
    out["docs_safe_exact"] = int(out["summary_safe"] == out["fix_first"])
    out["docs_unsafe_exact"] = int(out["summary_safe"] + out["summary_unsafe_more"] == out["unsafe_first"])
    return out


COLUMNS = ("documents", "listed", "merged", "summary_safe", "fix_first", "fix_later", "docs_safe_exact",
           "summary_unsafe_more", "unsafe_first", "unsafe_later", "docs_unsafe_exact")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    eval_data.add_run_arguments(parser, split="dev")
    args = parser.parse_args(argv)
    lines = ["| dataset | " + " | ".join(COLUMNS) + " |", "|---|" + "---:|" * len(COLUMNS)]
    total: Counter = Counter()
    for dataset in eval_data.DATASETS:
        counts: Counter = Counter()
        for doc in eval_data.load(dataset, args.data, args.split, args.limit):
            counts.update(measure(doc.ocr))
        total.update(counts)
        lines.append(f"| {dataset} | " + " | ".join(str(counts[c]) for c in COLUMNS) + " |")
    lines.append("| all | " + " | ".join(str(total[c]) for c in COLUMNS) + " |")
    eval_data.emit("\n".join(lines), args.output)


if __name__ == "__main__":
    main()
