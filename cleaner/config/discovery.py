"""Expand the PATH arguments into a sorted, de-duplicated list of files.

Folders are walked without recursion (a tree thousands of levels deep is
fine) and without following symlinked folders (no loops). A file named twice,
or by two paths (a symlink, ./a and a, a hard link), is listed once.
"""
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
    identities: dict[str, object] = field(default_factory=dict)  # file -> what makes it that file


def identity(path: str):
    """What makes two paths the same file: device and inode, else the resolved path."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return os.path.realpath(path)
    if info.st_ino:
        return (info.st_dev, info.st_ino)
    return os.path.realpath(path)   # filesystems without inode numbers


def _excluded(path: str, exclude: tuple[str, ...]) -> bool:
    posix = Path(path).as_posix()
    return any(fnmatch(posix, pat) or fnmatch(Path(path).name, pat) or fnmatch(posix, f"*/{pat}")
               for pat in exclude)


def _walk(top: str, glob: str, exclude: tuple[str, ...], found: Discovery):
    """Files under `top` matching `glob`, in the order os.walk would give them."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as handle:
                entries = sorted(handle, key=lambda e: e.name)
        except OSError as exc:
            found.errors.append(f"{folder}: cannot read directory ({exc.strerror or exc})")
            continue
        subfolders = []
        for entry in entries:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
                linked_folder = not is_folder and entry.is_symlink() and entry.is_dir()
            except OSError:
                is_folder = linked_folder = False
            if is_folder:
                if not entry.name.startswith(".") and not _excluded(entry.path, exclude):
                    subfolders.append(entry.path)
            elif linked_folder:
                found.notes.append(f"{entry.path}: skipped, symbolic link to a folder")
            elif fnmatch(entry.name, glob):
                yield entry.path
        stack.extend(reversed(subfolders))


def discover(paths: list[str], glob: str = "*.txt", exclude: tuple[str, ...] = ()) -> Discovery:
    found = Discovery()
    seen: set = set()

    def add(path: str) -> None:
        if _excluded(path, exclude):
            return
        key = identity(path)
        if key in seen:
            return
        seen.add(key)
        found.files.append(path)
        found.identities[path] = key

    for raw in paths:
        if not os.path.lexists(raw):
            found.errors.append(f"{raw}: no such file or directory")
        elif os.path.isdir(raw):
            if _excluded(raw, exclude):
                continue
            for path in _walk(raw, glob, exclude, found):
                add(path)
        else:
            add(raw)
    return found
