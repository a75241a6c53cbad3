"""Corpus benchmark: `cleaner corpus` on Dask (issue 18).

    python -m benchmarks.corpus [--megabytes 20] [--parts scaling,overhead,memory,quality] [--data DIR] [--output FILE]

- scaling: `cleaner corpus check` with a LocalCluster of 2 single-threaded workers vs 1 worker
  on a corpus of >= 20 MB (target: >= 1.7x faster);
- overhead: 1 Dask worker vs `cleaner check --jobs 1` on the same files (target: <= 15% more time);
- memory: each worker's peak RSS on the corpus and on the corpus twice over (target: <= +10%);
- quality: DEV checked as one corpus, `fix --unsafe` WER gain with the corpus lexicon vs without.

The corpora are built under a temporary folder in /tmp from the eval documents (never in the
repository). Dask runs go through the library API (cleaner.scale.run.run_corpus, what the command
calls) on a fresh LocalCluster each, timed from cluster start to close, so that each worker's peak
memory can be read in the worker; `cleaner check` runs as a subprocess. CPU time (user+sys, all
descendant processes) is recorded next to wall time, because the machine is shared and wall time
is noisy.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import eval_data
from benchmarks.speed import build_corpus, load_documents

ROOT = Path(__file__).resolve().parent.parent
CLEANER = [sys.executable, "-m", "cleaner"]


def _load() -> str:
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


def timed(command: list[str]) -> dict:
    """Wall and CPU seconds of a command and all its descendants (reaped through wait4)."""
    started = time.perf_counter()
    load_before = _load()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{err[-2000:]}")
    # The CLI's own CPU comes from wait4; the workers' (grandchildren) from RUSAGE_CHILDREN
    # of the CLI, which wait4 also reports, since nannies and workers are all reaped.
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "load": f"{load_before} -> {_load()}"}


def _cpu_now() -> float:
    """CPU seconds of this process and of all its reaped descendants (nannies, workers)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def dask_run(folder: Path, out: Path, workers: int) -> dict:
    """`cleaner corpus check` through the API on a fresh LocalCluster of single-threaded worker
    processes: wall and CPU from cluster start to cluster close, and each worker's peak RSS (MB),
    read in the worker itself."""
    import resource

    from distributed import Client, LocalCluster

    from cleaner.config import Config
    from cleaner.scale.run import CorpusRun, run_corpus

    shutil.rmtree(out, ignore_errors=True)
    load_before = _load()
    cpu, started = _cpu_now(), time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as cluster, Client(cluster) as client:
        run_corpus(client, CorpusRun(str(folder), str(out), "check", Config()))
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {"wall": time.perf_counter() - started, "cpu": _cpu_now() - cpu, "load": f"{load_before} -> {_load()}",
            "peaks": sorted(peaks.values())}


def doubled(folder: Path, twice: Path) -> None:
    """The corpus twice over: every file and a copy of it under another name. The same documents,
    so the largest one (which sets a worker's peak) is the same in both runs; only the size grows."""
    twice.mkdir()
    for path in sorted(folder.iterdir()):
        os.link(path, twice / path.name)
        os.link(path, twice / f"copy-{path.name}")


def quality(data: Path | None, tmp: Path, workers: int) -> list[str]:
    import json

    from distributed import Client, LocalCluster

    from benchmarks.align import edit_counts
    from benchmarks.metrics import Correction, Scored, correction
    from cleaner.config import Config
    from cleaner.scale.run import CorpusRun, run_corpus

    docs = [d for name in eval_data.DATASETS for d in eval_data.load(name, data, "dev")]
    source = tmp / "dev.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for d in docs:
            handle.write(json.dumps({"id": f"{d.dataset}/{d.doc_id}", "text": d.ocr}, ensure_ascii=False) + "\n")
    fixed: dict[bool, dict[str, str]] = {}
    words = 0
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as cluster, Client(cluster) as client:
        for with_lexicon in (False, True):
            out = tmp / f"dev-{with_lexicon}"
            summary = run_corpus(client, CorpusRun(str(source), str(out), "fix", Config(), unsafe=True,
                                                   corpus_lexicon=with_lexicon))
            words = summary["lexicon_words"] if with_lexicon else words
            texts = {}
            for part in sorted((out / "texts").glob("part-*.jsonl")):
                for line in part.read_text(encoding="utf-8").splitlines():
                    row = json.loads(line)
                    texts[row["id"]] = row["text"]
            fixed[with_lexicon] = texts
    rows = ["| dataset | documents | WER before | --unsafe WER gain without corpus lexicon | with | "
            "harm without | harm with |", "|---|---:|---:|---:|---:|---:|---:|"]
    totals = {False: Correction(), True: Correction()}
    for name in eval_data.DATASETS + ("all",):
        chosen = [d for d in docs if name in ("all", d.dataset)]
        cor = {False: Correction(), True: Correction()}
        for d in chosen:
            scored = Scored.build(d.ocr, d.gold, d.ocr_unscored)
            before = edit_counts([t for t, ok in zip(scored.ocr, scored.scored, strict=False) if ok], scored.scored_gold())
            for flag in (False, True):
                text = fixed[flag].get(f"{d.dataset}/{d.doc_id}", d.ocr)  # a bad document stays as it was
                cor[flag] += correction(scored, text, before)
        if name == "all":
            totals = cor
        rows.append(f"| {name} | {len(chosen)} | {100 * cor[False].before.wer:.2f}% | {100 * cor[False].wer_gain:.2f}% "
                    f"| {100 * cor[True].wer_gain:.2f}% | {100 * cor[False].harm:.2f}% | {100 * cor[True].harm:.2f}% |")
    met = totals[True].wer_gain > totals[False].wer_gain
    rows += ["", f"Corpus lexicon: {words} words. Target (gain with > gain without, all DEV): "
             f"{100 * totals[True].wer_gain:.2f}% vs {100 * totals[False].wer_gain:.2f}%: "
             + ("**met**" if met else "**not met**")]
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="eval data folder [../shared/eval]")
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--files", type=int, default=400, help="files the corpus is written into")
    parser.add_argument("--parts", default="scaling,overhead,memory,quality")
    parser.add_argument("--output", type=Path, default=None, help="also write the report here")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    data = args.data or eval_data.DEFAULT_DATA
    out: list[str] = [f"## Corpus on Dask ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})", "",
                      f"Machine: {os.cpu_count()} cores, shared; load average at start {_load()}.", ""]
    tmp = Path(tempfile.mkdtemp(prefix="cleaner-corpus-bench-", dir="/tmp"))
    try:
        folder = tmp / "corpus"
        size = build_corpus(load_documents(data), folder, args.megabytes, args.files)
        out.append(f"Corpus: {size / 1e6:.1f} MB of eval documents in {args.files} files (built under /tmp).")
        out.append("")
        runs: dict[str, dict] = {}
        if parts & {"scaling", "overhead"}:
            runs["corpus check, 1 worker"] = dask_run(folder, tmp / "out1", 1)
        if parts & {"scaling", "memory"}:
            runs["corpus check, 2 workers"] = dask_run(folder, tmp / "out2", 2)
        if "memory" in parts:
            twice = tmp / "twice"
            doubled(folder, twice)
            runs["corpus check, 2 workers, the corpus twice over"] = dask_run(twice, tmp / "out3", 2)
        if "overhead" in parts:
            runs["cleaner check --jobs 1"] = timed(CLEANER + ["check", str(folder), "--jobs", "1", "--isolated",
                                                              "--format", "json", "--output-file", str(tmp / "l.json")])
        if runs:
            out += ["| run | corpus (MB) | wall (s) | CPU user+sys (s) | MB/s (wall) | worker peak RSS (MB) "
                    "| load average before -> after |", "|---|---:|---:|---:|---:|---:|---|"]
            for name, r in runs.items():
                mb = (2 * size if "twice" in name else size) / 1e6
                peaks = ", ".join(f"{p:.0f}" for p in r.get("peaks", ())) or "-"
                out.append(f"| {name} | {mb:.1f} | {r['wall']:.1f} | {r['cpu']:.1f} | {mb / r['wall']:.3f} | {peaks} "
                           f"| {r['load']} |")
            out.append("")
        if "scaling" in parts:
            one, two = runs["corpus check, 1 worker"], runs["corpus check, 2 workers"]
            ratio = one["wall"] / two["wall"]
            out.append(f"Scaling: 2 workers {ratio:.2f}x faster than 1 by wall time (target >= 1.7x: "
                       + ("**met**" if ratio >= 1.7 else "**not met**")
                       + f"); CPU {two['cpu'] / one['cpu']:.2f}x of the 1-worker run's.")
        if "overhead" in parts:
            one, local = runs["corpus check, 1 worker"], runs["cleaner check --jobs 1"]
            extra = one["wall"] / local["wall"] - 1
            out.append(f"Overhead: 1 Dask worker {100 * extra:+.1f}% wall time vs `cleaner check --jobs 1` "
                       "(target <= +15%: " + ("**met**" if extra <= 0.15 else "**not met**")
                       + f"); CPU {100 * (one['cpu'] / local['cpu'] - 1):+.1f}%.")
        if "memory" in parts:
            small = runs["corpus check, 2 workers"]["peaks"]
            big = runs["corpus check, 2 workers, the corpus twice over"]["peaks"]
            growth = max(big) / max(small) - 1
            out.append(f"Memory: doubling the corpus ({size / 1e6:.1f} -> {2 * size / 1e6:.1f} MB) moves the largest "
                       f"worker peak {max(small):.0f} -> {max(big):.0f} MB, {100 * growth:+.1f}% (target <= +10%: "
                       + ("**met**" if growth <= 0.10 else "**not met**") + ").")
        if "quality" in parts:
            out += ["", "Quality, DEV as one corpus (`cleaner corpus fix --unsafe`, 2 workers):", ""]
            out += quality(args.data, tmp, 2)
        out += ["", f"Load average at the end {_load()}."]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = "\n".join(out) + "\n"
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
