"""Time `cleaner check` on one small file, as a pre-commit hook runs it.

Usage: python -m benchmarks.startup [--runs N] [FILE]
Prints the median wall time of N fresh processes for cleaner, for a bare
Python start, and for codespell on the same file when it is installed. The
commands take turns run by run, so a change in machine load hits all alike.

The untimed first run may write cleaner's bytecode (__pycache__) even when
PYTHONDONTWRITEBYTECODE is set: an installed cleaner has it (pip compiles it, as
it did codespell's), and compiling 40 modules on every run is not start-up.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seconds(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


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
    # One untimed run so a first-time model build (and bytecode) is not counted as start-up.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(commands["cleaner check"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            times[name].append(seconds(cmd))
    medians = {name: statistics.median(t) for name, t in times.items()}
    print(f"| command | median of {args.runs} runs (s) |\n|---|---|")
    for name, median in medians.items():
        print(f"| {name} | {median:.3f} |")
    if "codespell" in medians:
        print(f"\ncleaner check / codespell = {medians['cleaner check'] / medians['codespell']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
