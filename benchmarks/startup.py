"""Time `cleaner check` on one small file, as a pre-commit hook runs it.

Usage: python benchmarks/startup.py [--runs N] [FILE]
Prints the median wall time of N fresh processes for cleaner, for a bare
Python start, and for codespell on the same file when it is installed.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default=str(ROOT / "samples" / "stalin-reassures-hitler-1933.txt"))
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "cleaner check": [sys.executable, "-m", "cleaner", "check", args.file],
    }
    codespell = shutil.which("codespell", path=str(Path(sys.executable).parent)) or shutil.which("codespell")
    if codespell:
        commands["codespell"] = [codespell, args.file]
    # One untimed run so a first-time model build is not counted as start-up.
    subprocess.run(commands["cleaner check"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"| command | median of {args.runs} runs (s) |\n|---|---|")
    for name, cmd in commands.items():
        print(f"| {name} | {median_seconds(cmd, args.runs):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
