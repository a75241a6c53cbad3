"""The wheel carries the rule data and works outside the source tree."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_ships_rules_and_runs_elsewhere(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = wheels.glob("cleaner-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = sorted(p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*") if p.is_file())
    missing = [r for r in rule_files if f"cleaner/rules_data/{r}" not in names]
    assert not missing

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    sample = tmp_path / "x.txt"
    sample.write_text("Fine.\nreturn return return return\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(target)}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run([sys.executable, "-m", "cleaner", "check", str(sample)], cwd=elsewhere,
                          env=env, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert "JNK701" in proc.stdout
    probe = subprocess.run([sys.executable, "-c", "import cleaner.rulebook as r; print(r.rules_dir())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True)
    assert Path(probe.stdout.strip()).is_relative_to(target)
