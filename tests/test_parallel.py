"""--jobs: the same output, in the same order, whatever the number of workers."""
from __future__ import annotations

import pytest

from cleaner.config import Config
from cleaner.run.parallel import Task, default_jobs, run_all, run_task

JUNK = "junk junk junk junk\n"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for i in range(14):
        folder = tmp_path / "texts" / f"part{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        body = f"Page {i} opens here.\n" + JUNK * (i % 2) + "Too  many spaces.\n" * (i % 3) + "End.\n"
        (folder / f"f{i:02}.txt").write_text(body)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_same_output_for_any_jobs(run, tree, fmt):
    outputs = {jobs: run("check", "--isolated", "--format", fmt, "--jobs", jobs, "texts")
               for jobs in (1, 2, 3)}
    assert outputs[1][0] == 1
    assert outputs[1] == outputs[2] == outputs[3]


def test_fix_with_jobs_matches_serial(run, tree, tmp_path):
    import shutil

    shutil.copytree(tmp_path / "texts", tmp_path / "copy")
    assert run("fix", "--isolated", "--jobs", "1", "texts")[0] == 1
    assert run("fix", "--isolated", "--jobs", "2", "copy")[0] == 1
    for f in (tmp_path / "texts").rglob("*.txt"):
        assert f.read_bytes() == (tmp_path / "copy" / f.relative_to(tmp_path / "texts")).read_bytes()


def test_no_progress_bar_when_piped(run, tree):
    _, _, err = run("check", "--isolated", "--jobs", "2", "texts")
    assert err == ""


def test_default_jobs_is_positive():
    assert default_jobs() >= 1


def test_a_crashing_rule_is_a_one_line_error(monkeypatch, tmp_path):
    import cleaner.run.runner as runner

    def boom(*args, **kwargs):
        raise RuntimeError("bad rule")

    monkeypatch.setattr(runner, "check_file", boom)
    outcome = run_task(Task(str(tmp_path / "x.txt"), Config()))
    assert outcome.result.error.endswith("internal error (RuntimeError: bad rule)")


def test_run_all_keeps_order(tree):
    paths = sorted(str(p) for p in tree.rglob("*.txt"))
    outcomes = list(run_all([Task(p, Config()) for p in paths], jobs=2))
    assert [o.result.path for o in outcomes] == paths


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_workers_run_under_every_start_method(tmp_path, method):
    """The pool's workers are not always our own forks (forkserver is the default from Python 3.14)."""
    import multiprocessing
    import os
    import subprocess
    import sys
    from pathlib import Path

    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    for i in range(6):
        (tmp_path / f"f{i}.txt").write_text(f"Page {i}.\n" + JUNK, encoding="utf-8")
    script = (
        "import multiprocessing, sys\n"
        "if __name__ == '__main__':\n"
        f"    multiprocessing.set_start_method({method!r})\n"
        "    from cleaner.config import Config\n"
        "    from cleaner.run.parallel import Task, run_all\n"
        "    out = list(run_all([Task(p, Config()) for p in sys.argv[1:]], jobs=2))\n"
        "    print(sum(len(o.result.findings) for o in out), [o.result.error for o in out if o.result.error])\n"
    )
    (tmp_path / "run.py").write_text(script, encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, str(tmp_path / "run.py"), *sorted(map(str, tmp_path.glob("f*.txt")))],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == "6" and done.stdout.strip().endswith("[]"), done.stdout
