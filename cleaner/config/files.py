"""Find and parse configuration files strictly, then resolve one Config per file.

Sources, nearest folder first (walking up from each checked file):
`.cleaner.toml`, `cleaner.toml`, then `pyproject.toml` with a [tool.cleaner]
table (a pyproject without that table is passed over). `--config PATH` names one
file for every input; `--isolated` uses none. Command-line options override the
file's keys one by one. Every problem is a ConfigError whose str() is one line
naming the file and the key.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

from cleaner.bounded import CONFIG_LIMIT, WORD_LIST_LIMIT, RefusedFile, read_bounded
from cleaner.config.settings import Config
from cleaner.model import Severity
from cleaner.rulebook import default_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_NAMES = (".cleaner.toml", "cleaner.toml", "pyproject.toml")
SELECTOR = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")

# key -> (type check, description for the error message)
KEYS: dict[str, tuple[type, str]] = {
    "select": (list, "a list of rule codes or prefixes"),
    "ignore": (list, "a list of rule codes or prefixes"),
    "extend-select": (list, "a list of rule codes or prefixes"),
    "per-file-ignores": (dict, "a table of glob = [codes]"),
    "exclude": (list, "a list of globs"),
    "fail-on": (str, "one of info, warning, error"),
    "words": (list, "a list of word-list file paths"),
    "max-error-rate": ((str, int, float), 'a share such as "2%" or 0.02'),
    "line-breaks": (str, "one of as-printed, reflowed, auto"),
    "characters": (str, "one of as-printed, normalised, auto"),
}
# Transcription conventions (cleaner/conventions/): the values each key accepts.
CONVENTION_VALUES = {"line-breaks": ("as-printed", "reflowed", "auto"), "characters": ("as-printed", "normalised", "auto")}


class ConfigError(ValueError):
    """Bad configuration. str() is one line naming the file and the problem."""


@dataclass(frozen=True)
class Settings:
    """Everything one configuration source says, plus the folder its globs are relative to."""

    root: str = "."
    source: str | None = None                     # the file, None for defaults/CLI only
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] | None = None
    exclude: tuple[str, ...] | None = None
    fail_on: Severity | None = None
    words: frozenset[str] | None = None
    max_error_rate: float | None = None
    line_breaks: str | None = None
    characters: str | None = None

    def merged(self, overrides: "Settings") -> "Settings":
        """These settings with every key the overrides set replaced."""
        changes = {k: v for k, v in overrides.__dict__.items()
                   if k not in ("root", "source") and v is not None}
        return replace(self, **changes)

    def _relative(self, path: str) -> str | None:
        try:
            rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        except ValueError:  # another drive on Windows
            return None
        return None if rel.startswith("..") else PurePosixPath(Path(rel)).as_posix()

    def excludes(self, path: str) -> bool:
        return bool(self.exclude) and _matches(path, self._relative(path), self.exclude)

    def config_for(self, path: str) -> Config:
        ignore = list(self.ignore or ())
        rel = self._relative(path)
        for glob, codes in self.per_file_ignores or ():
            if _matches(path, rel, (glob,)):
                ignore.extend(codes)
        return Config(
            select=self.select or (),
            ignore=tuple(ignore),
            extend_select=self.extend_select or (),
            words=self.words or frozenset(),
            fail_on=self.fail_on or Severity.WARNING,
            max_error_rate=self.max_error_rate,
            line_breaks=self.line_breaks or "auto",
            characters=self.characters or "auto",
        )


def _matches(path: str, rel: str | None, globs) -> bool:
    """A glob matches the path relative to the config folder, any trailing part of it, or the name."""
    name = os.path.basename(path)
    candidates = [name]
    if rel is not None:
        parts = rel.split("/")
        candidates += ["/".join(parts[i:]) for i in range(len(parts))]
    for glob in globs:
        glob = glob.rstrip("/")
        for cand in candidates:
            if fnmatch(cand, glob) or fnmatch(cand, glob + "/*"):
                return True
        # A folder glob excludes everything below it.
        if rel is not None and any(fnmatch("/".join(rel.split("/")[:i]), glob)
                                   for i in range(1, rel.count("/") + 1)):
            return True
    return False


def known_selectors() -> set[str]:
    return {r.code for r in default_rules()}


def parse_selectors(values, where: str) -> tuple[str, ...]:
    """Validate rule codes or prefixes (e.g. JNK, JNK7, JNK701) against the rulebook."""
    codes = known_selectors()
    out = []
    for value in values:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected rule codes as strings, got {value!r}")
        value = value.strip().upper()
        if not SELECTOR.match(value) or not any(c.startswith(value) for c in codes):
            raise ConfigError(f"{where}: unknown rule code or prefix {value!r} (see `cleaner rules`)")
        out.append(value)
    return tuple(out)


def parse_fail_on(value, where: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise ConfigError(f"{where}: fail-on must be info, warning or error, not {value!r}") from None


def parse_error_rate(value, where: str) -> float:
    """'2%', '2.5 %', 0.02 or '0.02' as a share in [0, 1]."""
    text = str(value).strip()
    try:
        rate = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        rate = -1.0
    if isinstance(value, bool) or not 0.0 <= rate <= 1.0:
        raise ConfigError(f"{where}: max-error-rate must be a share such as 2% or 0.02, not {value!r}")
    return rate


def read_word_lists(paths, base: str, where: str) -> frozenset[str]:
    """Words from files, one per line; blank lines and lines starting with # are skipped."""
    words: set[str] = set()
    for raw in paths:
        if not isinstance(raw, str):
            raise ConfigError(f"{where}: word-list paths must be strings, got {raw!r}")
        path = os.path.join(base, raw)
        try:
            lines = read_bounded(path, WORD_LIST_LIMIT).decode("utf-8-sig").splitlines()
        except FileNotFoundError:
            raise ConfigError(f"{path}: word list not found ({where})") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: word list is not valid UTF-8 ({where})") from None
        except RefusedFile as exc:
            raise ConfigError(f"{path}: word list not read: it {exc} ({where})") from None
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read word list ({exc.strerror or exc})") from None
        words.update(w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#"))
    return frozenset(words)


def parse_convention(key: str, value: str, where: str) -> str:
    if value not in CONVENTION_VALUES[key]:
        raise ConfigError(f"{where}: must be one of {', '.join(CONVENTION_VALUES[key])}, not {value!r}")
    return value


def parse_table(table: dict[str, Any], path: str, root: str) -> Settings:
    """Strictly turn a [tool.cleaner] (or cleaner.toml) table into Settings."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"{path}: unknown key {key!r} (known: {', '.join(KEYS)})")
        kind, what = KEYS[key]
        if not isinstance(value, kind):
            raise ConfigError(f"{path}: key {key!r} must be {what}")
        where = f"{path}: key {key!r}"
        if key in ("select", "ignore", "extend-select"):
            values[key.replace("-", "_")] = parse_selectors(value, where)
        elif key == "per-file-ignores":
            pairs = []
            for glob, codes in value.items():
                if isinstance(codes, str):
                    codes = [codes]
                if not isinstance(codes, list):
                    raise ConfigError(f"{where}: {glob!r} must map to a list of rule codes")
                pairs.append((glob, parse_selectors(codes, f"{where} {glob!r}")))
            values["per_file_ignores"] = tuple(pairs)
        elif key == "exclude":
            if not all(isinstance(g, str) for g in value):
                raise ConfigError(f"{where}: globs must be strings")
            values["exclude"] = tuple(value)
        elif key == "fail-on":
            values["fail_on"] = parse_fail_on(value, where)
        elif key == "words":
            values["words"] = read_word_lists(value, root, where)
        elif key == "max-error-rate":
            values["max_error_rate"] = parse_error_rate(value, where)
        elif key in CONVENTION_VALUES:
            values[key.replace("-", "_")] = parse_convention(key, value, where)
    return Settings(root=root, source=path, **values)


def load_file(path: str) -> Settings | None:
    """Settings from one file; None for a pyproject.toml without [tool.cleaner]."""
    try:
        data = tomllib.loads(read_bounded(path, CONFIG_LIMIT).decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except RecursionError:   # tomllib recurses into nested arrays and inline tables
        raise ConfigError(f"{path}: invalid TOML (nested too deeply)") from None
    except RefusedFile as exc:
        raise ConfigError(f"{path}: configuration file not read: it {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    root = os.path.dirname(os.path.abspath(path))
    if os.path.basename(path) == "pyproject.toml":
        table = data.get("tool", {}).get("cleaner")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.cleaner] must be a table")
        return parse_table(table, path, root)
    return parse_table(data, path, root)


@dataclass
class Resolver:
    """Settings per file: explicit file, isolated, or discovered by walking up (cached per folder)."""

    overrides: Settings = field(default_factory=Settings)
    config_path: str | None = None
    isolated: bool = False
    _by_dir: dict[str, Settings] = field(default_factory=dict)
    _explicit: Settings | None = None

    def __post_init__(self) -> None:
        if self.config_path is not None and not self.isolated:
            loaded = load_file(self.config_path)
            if loaded is None:
                raise ConfigError(f"{self.config_path}: no [tool.cleaner] table")
            self._explicit = loaded.merged(self.overrides)

    def settings_for(self, path: str) -> Settings:
        if self.isolated:
            return replace(self.overrides, root=os.getcwd())
        if self._explicit is not None:
            return self._explicit
        folder = os.path.dirname(os.path.abspath(path))
        return self._discover(folder)

    def _discover(self, folder: str) -> Settings:
        # Walk up in a loop, not by recursion: a tree thousands of folders deep is fine.
        climbed: list[str] = []
        found = None
        while found is None:
            if folder in self._by_dir:
                found = self._by_dir[folder]
                break
            climbed.append(folder)
            for name in CONFIG_NAMES:
                candidate = os.path.join(folder, name)
                if os.path.isfile(candidate):
                    found = load_file(candidate)
                    if found is not None:
                        found = found.merged(self.overrides)
                        break
            parent = os.path.dirname(folder)
            if found is None and parent == folder:
                found = replace(self.overrides, root=os.getcwd())
            folder = parent
        for seen in climbed:
            self._by_dir[seen] = found
        return found
