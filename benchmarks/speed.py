"""Speed of `cleaner` against codespell and typos on the same real OCR text.

Builds a corpus of real OCR text (at least 25 MB by default) from the
evaluation data in <repo>/../shared/eval (or --data DIR): the OCR side of
BLN600 (train.csv rows grouped by Sample ID), ICDAR2017 ([OCR_toInput]) and
GHT (the input column). The documents are shuffled and packed into a few
hundred files, repeated as often as needed to reach the size. Everything is
written to a temporary folder, never into the repository.

In one run, on the same files, alternating the commands round by round, it
times `cleaner check --jobs 1`, `cleaner check --jobs 2`,
`cleaner fix --unsafe --diff`, codespell and typos, and reports the median
wall time, MB/s, peak memory and the ratio against codespell. It also times
start-up on one small file, the growth from half the corpus to all of it (a
doubling), and one single-line file of 10 MB.

    python -m benchmarks.speed            # full run (slow: minutes per round)
    python -m benchmarks.speed --quick    # about 3 MB, one round: a smoke test

Peak memory: "largest process" is the maximum resident set of any one process
of the command (from wait4); "all processes" sums the resident sets of the
command and its worker processes, sampled every 0.1 s; "PSS" sums their
proportional set sizes at the same moments, which counts a page that forked
workers share copy-on-write (the word models) once instead of once per process.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
SMALL_FILE = ROOT / "samples" / "stalin-reassures-hitler-1933.txt"
BIN = Path(sys.executable).parent


# ---------------------------------------------------------------- corpus

def _bln600(data: Path) -> list[str]:
    groups: dict[str, list[str]] = {}
    with (data / "bln600-train" / "train.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            groups.setdefault(row["Sample ID"], []).append(row["OCR Text"])
    return ["\n".join(rows) + "\n" for rows in groups.values()]


def _icdar(data: Path) -> list[str]:
    docs = []
    for path in sorted((data / "icdar2017-monograph").glob("*.txt")):
        if not path.stem.isdigit():
            continue
        for line in path.read_bytes().decode("utf-8").split("\r\n"):
            if line.startswith("[OCR_toInput] "):
                docs.append(line[len("[OCR_toInput] "):] + "\n")
    return docs


def _ght(data: Path, rows_per_doc: int = 50) -> list[str]:
    docs = []
    for path in sorted((data / "ght").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            next(reader)
            rows = [row[1].replace('\\"', '"') for row in reader]
        for i in range(0, len(rows), rows_per_doc):
            docs.append("\n".join(rows[i:i + rows_per_doc]) + "\n")
    return docs


def load_documents(data: Path) -> list[str]:
    if not data.is_dir():
        raise SystemExit(f"eval data not found at {data} (use --data DIR)")
    return _bln600(data) + _icdar(data) + _ght(data)


def build_corpus(docs: list[str], folder: Path, megabytes: float, files: int, seed: int = 7) -> int:
    """Write about `megabytes` of documents into `files` files; returns bytes written."""
    folder.mkdir(parents=True)
    target = int(megabytes * 1_000_000)
    per_file = max(1, target // files)
    rng = random.Random(seed)
    stream: list[str] = []
    total = 0
    index = 0
    buffer: list[str] = []
    size = 0
    while total < target:
        if not stream:  # a fresh shuffle each repetition, so files differ between repetitions
            stream = docs[:]
            rng.shuffle(stream)
        doc = stream.pop()
        encoded = len(doc.encode("utf-8"))
        buffer.append(doc)
        size += encoded
        total += encoded
        if size >= per_file:
            (folder / f"doc-{index:04d}.txt").write_text("\n".join(buffer), encoding="utf-8")
            index += 1
            buffer, size = [], 0
    if buffer:
        (folder / f"doc-{index:04d}.txt").write_text("\n".join(buffer), encoding="utf-8")
    return sum(p.stat().st_size for p in folder.iterdir())


def half_of(folder: Path, out: Path) -> int:
    """Hard-link every other file of `folder` into `out`: half the corpus, same kind of text."""
    out.mkdir()
    for n, path in enumerate(sorted(folder.iterdir())):
        if n % 2 == 0:
            os.link(path, out / path.name)
    return sum(p.stat().st_size for p in out.iterdir())


def build_long_line(docs: list[str], path: Path, megabytes: float) -> int:
    target = int(megabytes * 1_000_000)
    parts, size = [], 0
    rng = random.Random(11)
    while size < target:
        doc = " ".join(rng.choice(docs).split()) + " "
        parts.append(doc)
        size += len(doc.encode("utf-8"))
    path.write_text("".join(parts), encoding="utf-8")
    return path.stat().st_size


# ---------------------------------------------------------------- measuring

@dataclass
class Run:
    seconds: float
    max_rss_mb: float      # largest single process (wait4)
    tree_rss_mb: float     # all processes of the command together (sampled)
    exit_code: int
    tree_pss_mb: float = 0.0   # the same, shared pages counted once (sampled)
    cpu_seconds: float = 0.0   # user+sys of the command and its waited-for children (wait4)


@dataclass
class Command:
    name: str
    argv: list[str]
    runs: list[Run] = field(default_factory=list)

    def median(self, attr: str = "seconds") -> float:
        values = [getattr(r, attr) for r in self.runs]
        return statistics.median(values) if values else float("nan")


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_memory_kb(root: int) -> tuple[int, int]:
    """(resident set, proportional set) of `root` and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(stat[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(stat[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        pss += _pss_kb(pid)
        todo.extend(children.get(pid, []))
    return total, pss


def measure(argv: list[str], timeout: float | None = None, cwd: Path | None = None) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    peak = [0, 0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.1):
            rss, pss = _tree_memory_kb(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.monotonic() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                stop.set()
                return Run(float("inf"), usage.ru_maxrss / 1024, peak[0] / 1024, -9, peak[1] / 1024)
            time.sleep(0.02)
    finally:
        stop.set()
        sampler.join()
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, max(peak[0] / 1024, usage.ru_maxrss / 1024), proc.returncode,
               peak[1] / 1024, usage.ru_utime + usage.ru_stime)


def _seconds(run: Run, timeout: float) -> str:
    return f"{run.seconds:.1f}s" if run.seconds != float("inf") else f"did not finish in {timeout:.0f}s (killed)"


def tool(name: str) -> str | None:
    return shutil.which(name, path=str(BIN)) or shutil.which(name)


def cleaner(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", *args]


def has_jobs_option() -> bool:
    out = subprocess.run(cleaner("check", "--help"), capture_output=True, text=True).stdout
    return "--jobs" in out


def alternate(commands: list[Command], rounds: int, timeout: float | None, log) -> None:
    """Each round runs every command once; the order rotates so no command always goes first."""
    for r in range(rounds):
        order = commands[r % len(commands):] + commands[:r % len(commands)]
        for cmd in order:
            run = measure(cmd.argv, timeout, cwd=ROOT)
            cmd.runs.append(run)
            log(f"  round {r + 1}: {cmd.name}: {run.seconds:.2f}s (cpu {run.cpu_seconds:.2f}s), rss {run.max_rss_mb:.0f}/"
                f"{run.tree_rss_mb:.0f} MB (PSS {run.tree_pss_mb:.0f}), exit {run.exit_code}")


# ---------------------------------------------------------------- report

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="eval data folder (default ../shared/eval)")
    parser.add_argument("--mb", type=float, default=25, help="corpus size in MB (default 25)")
    parser.add_argument("--files", type=int, default=300, help="number of files (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; medians are reported")
    parser.add_argument("--startup-runs", type=int, default=10)
    parser.add_argument("--long-mb", type=float, default=10, help="size of the single-line file (0: skip)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before one command is killed")
    parser.add_argument("--skip-doubling", action="store_true")
    parser.add_argument("--quick", action="store_true", help="about 3 MB, 60 files, one round, 1 MB line")
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpus and print its path")
    parser.add_argument("--only", default="", help="comma-separated command names to time (default: all), "
                        "e.g. 'cleaner check --jobs 1,codespell'")
    args = parser.parse_args(argv)
    if args.quick:
        args.mb, args.files, args.rounds, args.startup_runs, args.long_mb = 3, 60, 1, 5, 1

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    docs = load_documents(args.data)
    work = Path(tempfile.mkdtemp(prefix="cleaner-speed-"))
    try:
        corpus = work / "corpus"
        size = build_corpus(docs, corpus, args.mb, args.files)
        n_files = len(list(corpus.iterdir()))
        mb = size / 1e6
        log(f"corpus: {n_files} files, {mb:.1f} MB in {corpus}")

        jobs = has_jobs_option()
        check_one = cleaner("check", "--jobs", "1", str(corpus)) if jobs else cleaner("check", str(corpus))
        commands = [Command("cleaner check --jobs 1", check_one)]
        if jobs:
            commands.append(Command("cleaner check --jobs 2", cleaner("check", "--jobs", "2", str(corpus))))
        commands.append(Command("cleaner fix --unsafe --diff", cleaner("fix", "--unsafe", "--diff", str(corpus))))
        codespell, typos = tool("codespell"), tool("typos")
        if codespell:
            commands.append(Command("codespell", [codespell, str(corpus)]))
        if typos:
            commands.append(Command("typos", [typos, str(corpus)]))
        if args.only:
            wanted = {name.strip() for name in args.only.split(",")}
            commands = [c for c in commands if c.name in wanted]
            if not commands:
                raise SystemExit(f"--only matched no command: {args.only}")
        half = work / "half"
        half_mb = half_of(corpus, half) / 1e6
        if not args.skip_doubling:
            # Timed in the same rounds as the rest, so a change in machine load hits both sizes alike.
            commands.append(Command("check --jobs 1, half the files", check_one[:-1] + [str(half)]))
        # One untimed run so a first-time model build is not counted.
        subprocess.run(cleaner("check", str(SMALL_FILE)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        log(f"throughput: {args.rounds} round(s)")
        alternate(commands, args.rounds, args.timeout, log)

        base = next((c for c in commands if c.name == "codespell"), None)
        lines = [f"Corpus: {n_files} files, {mb:.1f} MB of OCR text (BLN600, ICDAR2017, GHT); "
                 f"{args.rounds} alternating round(s), medians; {os.cpu_count()} CPUs.", "",
                 "| command | wall (s) | MB/s | peak RSS, largest process (MB) | peak RSS, all processes (MB) "
                 "| peak PSS, all processes (MB) | time vs codespell | CPU user+sys (s) | CPU vs codespell |",
                 "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for cmd in commands:
            if cmd.name.endswith("half the files"):
                continue
            secs = cmd.median()
            ratio = f"{secs / base.median():.1f}x" if base else "n/a"
            cpu = cmd.median("cpu_seconds")
            cpu_ratio = f"{cpu / base.median('cpu_seconds'):.1f}x" if base and base.median("cpu_seconds") else "n/a"
            lines.append(f"| {cmd.name} | {secs:.2f} | {mb / secs:.2f} | {cmd.median('max_rss_mb'):.0f} "
                         f"| {cmd.median('tree_rss_mb'):.0f} | {cmd.median('tree_pss_mb'):.0f} | {ratio} "
                         f"| {cpu:.2f} | {cpu_ratio} |")
        if not jobs:
            lines.append("\n`--jobs` is not available in this version: timed `cleaner check` as it is.")
        named = {c.name: c for c in commands}
        one = named["cleaner check --jobs 1"].median() if "cleaner check --jobs 1" in named else None
        if one and "cleaner check --jobs 2" in named:
            lines.append(f"\nParallel speed-up, --jobs 1 / --jobs 2: {one / named['cleaner check --jobs 2'].median():.2f}x "
                         f"(target >= 1.7x).")

        log("start-up on one small file")
        small = [Command("cleaner check (small file)", cleaner("check", str(SMALL_FILE)))]
        if codespell:
            small.append(Command("codespell (small file)", [codespell, str(SMALL_FILE)]))
        if typos:
            small.append(Command("typos (small file)", [typos, str(SMALL_FILE)]))
        alternate(small, args.startup_runs, args.timeout, lambda m: None)
        startup = ", ".join(f"{c.name.split(' (')[0]} {c.median():.3f}s" for c in small)
        lines.append(f"\nStart-up ({SMALL_FILE.name}, {SMALL_FILE.stat().st_size / 1000:.0f} kB, median of "
                     f"{args.startup_runs}): {startup}"
                     + (f"; cleaner / codespell = {small[0].median() / small[1].median():.1f}x (target <= 3x)."
                        if codespell else "."))

        if not args.skip_doubling and one:
            halves = commands[-1]
            growth = one / halves.median()
            lines.append(f"\nDoubling: check --jobs 1 on half the files ({half_mb:.1f} MB) took {halves.median():.2f}s, "
                         f"on all ({mb:.1f} MB) {one:.2f}s: {growth:.2f}x the time for {mb / half_mb:.2f}x the input "
                         f"(target <= 2.2x).")

        if args.long_mb:
            log("single long line")
            line_path = work / "one-line.txt"
            line_mb = build_long_line(docs, line_path, args.long_mb) / 1e6
            longs = [Command("cleaner check", cleaner("check", "--jobs", "1", str(line_path)) if jobs
                             else cleaner("check", str(line_path)))]
            if codespell:
                longs.append(Command("codespell", [codespell, str(line_path)]))
            alternate(longs, 1, args.timeout, log)
            parts = ", ".join(f"{c.name} {_seconds(c.runs[0], args.timeout)} (peak {c.runs[0].max_rss_mb:.0f} MB, "
                              f"exit {c.runs[0].exit_code})" for c in longs)
            lines.append(f"\nOne single-line file of {line_mb:.1f} MB: {parts}.")
        print("\n".join(lines))
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
