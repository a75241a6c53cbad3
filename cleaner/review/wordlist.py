"""Where `i` puts a word, and how it gets there without disturbing anything.

The target is the first file named by the `words` key of the configuration
that governs the reviewed file (found as `check` finds it: .cleaner.toml,
cleaner.toml, or pyproject.toml's [tool.cleaner], walking up). When that
configuration has no `words` key, the word goes to `cleaner-words.txt` next to
it and one line `words = ["cleaner-words.txt"]` is inserted into the
configuration (no other byte of it changes). With no configuration at all, the
word goes to `cleaner-words.txt` in the current folder, and review tells the
user to list it in a configuration.

Words are appended, one per line; the file is otherwise left as it was (a
missing final newline is added before the first new word). Writes are atomic.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass

from cleaner.bounded import CONFIG_LIMIT, WORD_LIST_LIMIT, RefusedFile, read_bounded
from cleaner.document import DocumentError, write_atomic

DEFAULT_NAME = "cleaner-words.txt"
CONFIG_NAMES = (".cleaner.toml", "cleaner.toml", "pyproject.toml")

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class Target:
    words_file: str
    config: str | None = None        # the configuration that should name words_file
    register: bool = False           # insert `words = [...]` into config on first write


def _table(config: str) -> dict | None:
    try:
        data = tomllib.loads(read_bounded(config, CONFIG_LIMIT).decode("utf-8"))
    except (OSError, ValueError, RecursionError):   # RefusedFile, UnicodeDecodeError, TOMLDecodeError
        return None
    if os.path.basename(config) == "pyproject.toml":
        table = data.get("tool", {}).get("cleaner")
        return table if isinstance(table, dict) else None
    return data


def nearest_config(path: str) -> str | None:
    folder = os.path.dirname(os.path.abspath(path))
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and _table(candidate) is not None:
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def target_for(path: str, config: str | None = None) -> Target:
    config = config or nearest_config(path)
    if config is None:
        return Target(os.path.join(os.getcwd(), DEFAULT_NAME))
    table = _table(config) or {}
    root = os.path.dirname(os.path.abspath(config))
    words = table.get("words")
    if isinstance(words, list) and words and isinstance(words[0], str):
        return Target(os.path.join(root, words[0]), config)
    return Target(os.path.join(root, DEFAULT_NAME), config, register=True)


def append_words(words_file: str, words) -> list[str]:
    """Append the words not already listed; returns those added."""
    try:
        old = read_bounded(words_file, WORD_LIST_LIMIT)
    except FileNotFoundError:
        old = b""
    except RefusedFile as exc:
        raise DocumentError(f"{words_file}: not a word list cleaner can append to: it {exc}") from None
    listed = {w.strip().lower() for w in old.decode("utf-8-sig", "replace").splitlines()}
    new = []
    for word in words:
        if word.lower() not in listed:
            listed.add(word.lower())
            new.append(word)
    if not new:
        return []
    newline = b"\r\n" if b"\r\n" in old else b"\n"
    prefix = old if not old or old.endswith((b"\n", b"\r")) else old + newline
    write_atomic(words_file, prefix + newline.join(w.encode("utf-8") for w in new) + newline)
    return new


def register(config: str, words_file: str) -> bool:
    """Insert one `words = [...]` line into the config; False if no safe place was found."""
    text = read_bounded(config, CONFIG_LIMIT).decode("utf-8")
    rel = os.path.relpath(words_file, os.path.dirname(os.path.abspath(config))).replace(os.sep, "/")
    newline = "\r\n" if "\r\n" in text else "\n"
    line = f'words = ["{rel}"]{newline}'
    if os.path.basename(config) == "pyproject.toml":
        header = re.search(r"^\[tool\.cleaner\][ \t]*(?:#[^\r\n]*)?\r?\n", text, re.MULTILINE)
        if header is None:
            return False
        at = header.end()
    else:
        header = re.search(r"^[ \t]*\[", text, re.MULTILINE)
        at = header.start() if header else len(text)
        if at == len(text) and text and not text.endswith("\n"):
            line = newline + line
    write_atomic(config, (text[:at] + line + text[at:]).encode("utf-8"))
    return True


def save_words(target: Target, words) -> tuple[list[str], str]:
    """Append words; register the file in the config when needed. Returns (added, note)."""
    added = append_words(target.words_file, words)
    note = ""
    if added and target.config and target.register:
        if register(target.config, target.words_file):
            note = f"listed {os.path.basename(target.words_file)} under `words` in {target.config}"
        else:
            note = f"add words = [\"{os.path.basename(target.words_file)}\"] to {target.config} to use it"
    elif added and target.config is None:
        note = (f"no configuration found: add words = [\"{DEFAULT_NAME}\"] to a .cleaner.toml "
                "so that check uses it")
    return added, note
