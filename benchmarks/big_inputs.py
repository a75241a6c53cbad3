"""Time and peak memory of `cleaner check` / `cleaner fix` on very large inputs.

Synthetic inputs built from the seed sample (no evaluation data needed):
  big-<N>MB.txt   the seed transcript repeated to N MB (multi-line prose)
  line-<N>MB.txt  the same prose joined into one line of N MB
Each run is a fresh `python -m cleaner` process; peak memory is its max RSS.
With --per-rule, each rule is also timed alone on the single-line input (in
its own process, with a time limit) to spot quadratic behaviour.

    python -m benchmarks.big_inputs --big-mb 100 --line-mb 10 --per-rule
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

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "stalin-reassures-hitler-1933.txt"


def build(path: Path, megabytes: float, single_line: bool) -> None:
    seed = SEED.read_text(encoding="utf-8")
    if single_line:
        seed = " ".join(seed.split()) + " "
    block = seed.encode("utf-8")
    target = int(megabytes * 1_000_000)
    with open(path, "wb") as out:
        written = 0
        while written < target:
            out.write(block)
            written += len(block)
        if not single_line:
            out.write(b"\n")


def measure(args: list[str], timeout: float | None = None) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one cleaner process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        _, status, usage = _wait(proc.pid, timeout)
    except TimeoutError:
        proc.kill()
        proc.wait()
        return float("inf"), float("nan"), -1
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _wait(pid: int, timeout: float | None):
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        done_pid, status, usage = os.wait4(pid, os.WNOHANG)
        if done_pid:
            return done_pid, status, usage
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.05)


def per_rule(path: Path, timeout: float) -> list[tuple[str, float]]:
    sys.path.insert(0, str(ROOT))
    from cleaner.rulebook import default_rules

    times = []
    for rule in default_rules():
        seconds, _, _ = measure(["check", "--select", rule.code, str(path)], timeout)
        times.append((rule.code, seconds))
        print(f"  {rule.code}: {seconds:.1f}s", flush=True)
    return sorted(times, key=lambda t: -t[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big-mb", type=float, default=100)
    parser.add_argument("--line-mb", type=float, default=10)
    parser.add_argument("--per-rule", action="store_true")
    parser.add_argument("--rule-timeout", type=float, default=300)
    parser.add_argument("--fix-mb", type=float, default=None, help="size for the fix run (default --big-mb)")
    parser.add_argument("--skip-big", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cleaner-big-"))
    try:
        if not args.skip_big:
            big = work / f"big-{args.big_mb:g}MB.txt"
            build(big, args.big_mb, single_line=False)
            size = big.stat().st_size / 1e6
            seconds, rss, code = measure(["check", str(big)])
            print(f"check {size:.0f} MB multi-line: {seconds:.0f}s, peak RSS {rss:.0f} MB "
                  f"({rss / size:.1f}x the file), exit {code}", flush=True)
            if args.fix_mb is not None and args.fix_mb != args.big_mb:
                build(big, args.fix_mb, single_line=False)
                size = big.stat().st_size / 1e6
            seconds, rss, code = measure(["fix", str(big)])
            print(f"fix   {size:.0f} MB multi-line: {seconds:.0f}s, peak RSS {rss:.0f} MB "
                  f"({rss / size:.1f}x the file), exit {code}", flush=True)
            big.unlink()
        line = work / f"line-{args.line_mb:g}MB.txt"
        build(line, args.line_mb, single_line=True)
        size = line.stat().st_size / 1e6
        seconds, rss, code = measure(["check", str(line)])
        print(f"check {size:.0f} MB single line: {seconds:.0f}s, peak RSS {rss:.0f} MB, exit {code}", flush=True)
        if args.per_rule:
            print("per rule on the single line (slowest first):")
            for code_, secs in per_rule(line, args.rule_timeout)[:10]:
                print(f"  {code_}: {secs:.1f}s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
