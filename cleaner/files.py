"""Expand the PATH arguments into a sorted, de-duplicated list of files."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path


@dataclass
class Discovery:
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)   # one-line messages, exit 2
    notes: list[str] = field(default_factory=list)    # skipped things, not errors


def _excluded(path: str, exclude: tuple[str, ...]) -> bool:
    posix = Path(path).as_posix()
    return any(fnmatch(posix, pat) or fnmatch(Path(path).name, pat) or fnmatch(posix, f"*/{pat}")
               for pat in exclude)


def discover(paths: list[str], glob: str = "*.txt", exclude: tuple[str, ...] = ()) -> Discovery:
    found = Discovery()
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key in seen or _excluded(path, exclude):
            return
        seen.add(key)
        found.files.append(path)

    for raw in paths:
        if not os.path.lexists(raw):
            found.errors.append(f"{raw}: no such file or directory")
        elif os.path.isdir(raw):
            if _excluded(raw, exclude):
                continue
            for root, dirs, names in os.walk(raw, onerror=lambda e: found.errors.append(
                    f"{e.filename}: cannot read directory ({e.strerror})")):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not _excluded(os.path.join(root, d), exclude))
                for name in sorted(names):
                    if fnmatch(name, glob):
                        add(os.path.join(root, name))
        else:
            add(raw)
    return found
