"""Baselines: record today's findings so that `check --baseline FILE` reports
only new ones. An old archive can adopt cleaner without fixing everything first.

A finding is matched by (path, rule, flagged text, hash of up to WINDOW
characters either side of it on its own line, whitespace collapsed), never by
line number or by its whole line: most OCR keeps a paragraph on one line, and correcting one word
there must not bring back every other recorded finding of the paragraph. Lines
inserted or deleted elsewhere do not matter either. Identical entries are
counted, so two identical junk lines recorded once each stay matched one to one.

Paths are stored relative to the baseline file's folder, with forward slashes.
They are only ever compared, never opened or written; a stored path that is
absolute or climbs out with '..' is rejected, and `cleaner baseline` refuses
files outside the baseline's folder."""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cleaner.bounded import BASELINE_LIMIT, RefusedFile, loads_json, read_bounded
from cleaner.model import Finding

VERSION = 2   # 1 hashed whole lines
WINDOW = 16   # characters either side: about two words
ENTRY_KEYS = ("path", "rule", "text", "context")
_SPACE = re.compile(r"\s+")


class BaselineError(ValueError):
    """A bad baseline file or path. str() is one line naming the file."""


def context_hash(text: str, start: int, end: int) -> str:
    """Hash of up to WINDOW characters before and after text[start:end] on the span's own
    line(s), whitespace collapsed: an edit on a neighbouring line changes nothing."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    ends = [i for i in (text.find("\n", end), text.find("\r", end)) if i != -1]
    line_end = min(ends) if ends else len(text)
    if end > start and text[end - 1] in "\r\n":
        line_end = end   # the span takes its line break with it
    before = _SPACE.sub(" ", text[max(line_start, start - WINDOW):start])
    after = _SPACE.sub(" ", text[end:min(line_end, end + WINDOW)])
    nearby = f"{before}\x1f{after}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(nearby).hexdigest()[:16]


def fingerprints(text: str, findings) -> tuple[str, ...]:
    return tuple(context_hash(text, f.start, f.end) for f in findings)


def relative_key(path: str, base_dir: str) -> str | None:
    """The path relative to base_dir (posix), or None when it lies outside."""
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir))
    except ValueError:
        return None
    rel = PurePosixPath(Path(rel)).as_posix()
    return None if rel == ".." or rel.startswith("../") else rel


def _safe_stored_path(value: str) -> bool:
    pure = PurePosixPath(value)
    return (bool(value) and not pure.is_absolute() and ".." not in pure.parts
            and "\\" not in value and not re.match(r"^[A-Za-z]:", value))


def _entry(path_key: str, f: Finding, context: str) -> tuple[str, str, str, str]:
    return (path_key, f.rule, f.text, context)


def build(results, base_dir: str) -> list[dict]:
    """Entries for (path, findings, fingerprints) triples; raises BaselineError for outside paths."""
    entries = []
    for path, findings, prints in results:
        key = relative_key(path, base_dir)
        if key is None:
            raise BaselineError(f"{path}: outside the baseline's folder {base_dir}; "
                                "write the baseline in a folder that contains every checked file")
        entries.extend(_entry(key, f, c) for f, c in zip(findings, prints, strict=False))
    entries.sort()
    return [dict(zip(ENTRY_KEYS, e, strict=False)) for e in entries]


def dumps(entries: list[dict]) -> str:
    return json.dumps({"version": VERSION, "tool": "cleaner", "entries": entries},
                      ensure_ascii=False, indent=2) + "\n"


@dataclass
class Baseline:
    base_dir: str
    counts: Counter = field(default_factory=Counter)
    used: Counter = field(default_factory=Counter)

    @classmethod
    def load(cls, path: str) -> "Baseline":
        try:
            data = loads_json(read_bounded(path, BASELINE_LIMIT).decode("utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"{path}: not a valid baseline (bad JSON: {exc})") from None
        except RefusedFile as exc:
            raise BaselineError(f"{path}: baseline not read: it {exc}") from None
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if isinstance(data, dict) and data.get("version") == 1:
            raise BaselineError(f"{path}: a version 1 baseline (findings matched by whole lines); "
                                "regenerate it with `cleaner baseline`")
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
            raise BaselineError(f"{path}: not a cleaner baseline (version {VERSION}); "
                                "regenerate it with `cleaner baseline`")
        counts: Counter = Counter()
        for n, entry in enumerate(data["entries"]):
            if (not isinstance(entry, dict) or set(entry) != set(ENTRY_KEYS)
                    or not all(isinstance(entry[k], str) for k in ENTRY_KEYS)):
                raise BaselineError(f"{path}: entry {n} must have exactly the string keys {', '.join(ENTRY_KEYS)}")
            if not _safe_stored_path(entry["path"]):
                raise BaselineError(f"{path}: entry {n} has an unsafe path {entry['path']!r} "
                                    "(must be relative, without '..')")
            counts[tuple(entry[k] for k in ENTRY_KEYS)] += 1
        return cls(os.path.dirname(os.path.abspath(path)), counts)

    def new_findings(self, path: str, findings, prints) -> list[Finding]:
        """The findings of one file that the baseline does not cover."""
        key = relative_key(path, self.base_dir)
        if key is None:
            return list(findings)
        kept = []
        for f, context in zip(findings, prints, strict=False):
            entry = _entry(key, f, context)
            if self.used[entry] < self.counts[entry]:
                self.used[entry] += 1
            else:
                kept.append(f)
        return kept

    def unused(self, checked_paths) -> int:
        """Entries for files checked in this run that matched nothing (fixed or changed since)."""
        keys = {relative_key(p, self.base_dir) for p in checked_paths}
        return sum(n - self.used[e] for e, n in self.counts.items() if e[0] in keys)
