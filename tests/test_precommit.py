"""The real pre-commit runs both hooks from this repository.

pre-commit clones the repository at a commit and pip-installs it into its own
environment, so this test sees the COMMITTED HEAD of this checkout (not the
working tree) and needs network access to PyPI for the dependencies, as CI has.
It is skipped only when git is missing (or this is not a git checkout)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JUNK = "return return return return return\n"


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def head_sha():
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        return git("rev-parse", "HEAD", cwd=ROOT)
    except subprocess.CalledProcessError:
        pytest.skip("not running from a git checkout of cleaner")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    # Shared by both tests so the hook environment is built once.
    return tmp_path_factory.mktemp("pre-commit-home")


def make_repo(path: Path, sha: str, hook: str) -> None:
    path.mkdir()
    git("init", "-q", cwd=path)
    git("config", "user.email", "test@example.invalid", cwd=path)
    git("config", "user.name", "test", cwd=path)
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {ROOT.as_posix()}\n  rev: {sha}\n  hooks:\n  - id: {hook}\n")
    (path / "page.txt").write_text("A fine opening line.\n" + JUNK + "A fine closing line.\n")
    (path / "notes.md").write_text(JUNK)  # not a .txt file: the hooks leave it alone
    git("add", ".", cwd=path)
    git("commit", "-q", "-m", "init", cwd=path)


def pre_commit(repo: Path, home: Path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PRE_COMMIT", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_check_hook_fails_on_junk(tmp_path, head_sha, pre_commit_home):
    repo = tmp_path / "repo"
    make_repo(repo, head_sha, "cleaner-check")
    proc = pre_commit(repo, pre_commit_home)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "cleaner check" in proc.stdout and "Failed" in proc.stdout
    assert "page.txt:2:1: JNK701" in proc.stdout
    assert "notes.md" not in proc.stdout
    assert (repo / "page.txt").read_text().count("return") == 5


def test_fix_hook_rewrites_the_file(tmp_path, head_sha, pre_commit_home):
    repo = tmp_path / "repo"
    make_repo(repo, head_sha, "cleaner-fix")
    proc = pre_commit(repo, pre_commit_home)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "files were modified by this hook" in proc.stdout
    assert (repo / "page.txt").read_text() == "A fine opening line.\nA fine closing line.\n"
    assert (repo / "notes.md").read_text() == JUNK
    # Run again: nothing left to fix, the hook passes.
    again = pre_commit(repo, pre_commit_home)
    assert again.returncode == 0, again.stdout + again.stderr
