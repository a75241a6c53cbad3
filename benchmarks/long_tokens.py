"""Time and peak memory of `cleaner check` and `cleaner fix` on a long run of letters
and on a long line with no space (issue 19).

    python -m benchmarks.long_tokens                    # 10,000 letters and a 5 MB line
    python -m benchmarks.long_tokens --letters 1600 --line-mb 0 --cap-mb 3072 --tree ../old

Each command runs in a fresh process (wall time, CPU user+sys and peak RSS of that
process, from getrusage), optionally under an address-space cap (--cap-mb), with
PYTHONPATH=--tree to measure another checkout of cleaner with this interpreter.
The inputs are random lower-case letters (seeded): "Hello <letters> world.", and
one line of letters without a space; they are written to a temporary folder.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import string
import subprocess
import sys
import tempfile
from pathlib import Path

# Runs one command and reports its own resource use (getrusage of the waited child).
_WRAP = """
import json, resource, subprocess, sys, time
cap = int(sys.argv[1])
def limit():
    if cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
start = time.perf_counter()
try:
    proc = subprocess.run(sys.argv[3:], preexec_fn=limit, capture_output=True, timeout=float(sys.argv[2]))
    code, err = proc.returncode, proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
except subprocess.TimeoutExpired:
    code, err = "timeout", []
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "wall": wall, "cpu": use.ru_utime + use.ru_stime, "rss_kb": use.ru_maxrss,
                  "error": err[0] if err else ""}))
"""


def measure(args: list[str], cap_mb: int, timeout: float, tree: str | None) -> dict:
    env = dict(os.environ)
    cwd = None
    if tree:   # `python -m` puts the working folder first on the path: run from the tree
        cwd = env["PYTHONPATH"] = str(Path(tree).resolve())
    out = subprocess.run([sys.executable, "-c", _WRAP, str(cap_mb << 20), str(timeout),
                          sys.executable, "-m", "cleaner", *args], capture_output=True, text=True, env=env, cwd=cwd)
    return json.loads(out.stdout)


def inputs(folder: Path, letters: int, line_mb: float) -> list[tuple[str, Path]]:
    rng = random.Random(19)
    made = []
    if letters:
        word = folder / "word.txt"
        word.write_text(f"Hello {''.join(rng.choices(string.ascii_lowercase, k=letters))} world.\n")
        made.append((f"a {letters:,}-letter word", word))
    if line_mb:
        line = folder / "line.txt"
        line.write_text("".join(rng.choices(string.ascii_lowercase, k=int(line_mb * 1_000_000))) + "\n")
        made.append((f"a {line_mb:g} MB line with no space", line))
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=10_000, help="length of the long word (0: skip)")
    parser.add_argument("--line-mb", type=float, default=5.0, help="size of the line without a space (0: skip)")
    parser.add_argument("--cap-mb", type=int, default=0, help="address-space cap per run (0: none)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    parser.add_argument("--tree", help="a checkout of cleaner to measure instead of the installed one")
    options = parser.parse_args(argv)
    print("| input | command | exit | wall (s) | CPU user+sys (s) | peak RSS (MB) |")
    print("|---|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in inputs(Path(tmp), options.letters, options.line_mb):
            for command in (["check", "--isolated"], ["fix", "--isolated"]):
                before = path.read_bytes()
                r = measure([*command, str(path)], options.cap_mb, options.timeout, options.tree)
                path.write_bytes(before)
                note = f" ({r['error']})" if r["error"] and r["code"] not in (0, 1) else ""
                print(f"| {name} | {command[0]} | {r['code']}{note} | {r['wall']:.2f} | {r['cpu']:.2f} | "
                      f"{r['rss_kb'] / 1024:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
