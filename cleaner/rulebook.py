"""Load rule data files strictly: every key is known, every value has the
right type, every regex compiles and every code is unique.

A rule file is TOML. Common keys are listed in COMMON_KEYS; each kind adds its
own (see cleaner/kinds). Errors name the file and the key.
"""
from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from cleaner.kinds import KINDS
from cleaner.model import Applicability, RuleError, Severity
from cleaner.shipped import rules_dir

# The shipped rule files, parsed, are kept as JSON in the per-user cache folder,
# keyed by their contents: reading it is ~15x cheaper than parsing 48 TOML files
# (start-up counts for pre-commit hooks). Bump when the cached layout changes.
CACHE_FORMAT = 1

CODE_RE = re.compile(r"^[A-Z]{3}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9-]*$")

COMMON_KEYS = {
    "code": str,
    "name": str,
    "kind": str,
    "severity": str,
    "applicability": str,
    "message": str,
    "summary": str,
    "doc": str,
    "enabled": bool,
    "examples": dict,
    # The spelling engine adds its ranked readings of the flagged word to the suggestions.
    "suggest_words": bool,
    # A printed form this rule's findings are about (cleaner/conventions/): silent where the document keeps it.
    "printed_form": str,
}
PRINTED_FORMS = ("line-end-hyphen", "ligatures", "long-s", "vv", "space-before-punctuation")
REQUIRED_KEYS = ("code", "name", "kind", "severity", "message", "summary", "doc", "examples")


@dataclass(frozen=True, eq=False)
class Rule:
    code: str
    name: str
    kind: str
    severity: Severity
    applicability: Applicability | None  # None: the rule never fixes
    message: str
    summary: str
    doc: str
    enabled: bool
    fail_examples: tuple[tuple[str, str | None], ...]
    pass_examples: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    printed_form: str | None = None
    impl: Any = None  # the compiled kind object
    suggest_words: bool = False  # the engine's readings of the flagged word join the suggestions

    def check(self, ctx):
        return self.impl.check(self, ctx)

    def __reduce__(self):
        # Compiled regexes and kind objects stay in each process: pickle by code.
        return (rule_by_code, (self.code,))


def _fail(path: Path, key: str | None, problem: str) -> RuleError:
    where = f"{path}: key '{key}'" if key else str(path)
    return RuleError(f"{where}: {problem}")


def _examples(path: Path, raw: dict) -> tuple[tuple, tuple]:
    unknown = set(raw) - {"fail", "pass"}
    if unknown:
        raise _fail(path, f"examples.{sorted(unknown)[0]}", "unknown key")
    fails = []
    if not isinstance(raw.get("fail", []), list):
        raise _fail(path, "examples.fail", "must be a list of tables")
    for i, item in enumerate(raw.get("fail", [])):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise _fail(path, f"examples.fail[{i}]", "must be a table with a string 'text'")
        extra = set(item) - {"text", "fixed"}
        if extra:
            raise _fail(path, f"examples.fail[{i}].{sorted(extra)[0]}", "unknown key")
        fixed = item.get("fixed")
        if fixed is not None and not isinstance(fixed, str):
            raise _fail(path, f"examples.fail[{i}].fixed", "must be a string")
        fails.append((item["text"], fixed))
    passes = raw.get("pass", [])
    if not isinstance(passes, list) or not all(isinstance(p, str) for p in passes):
        raise _fail(path, "examples.pass", "must be a list of strings")
    return tuple(fails), tuple(passes)


def _tomllib():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib


def _parse(path: Path, data: bytes | None = None) -> dict:
    tomllib = _tomllib()
    try:
        if data is None:
            data = path.read_bytes()
        return tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise _fail(path, None, f"invalid TOML: {str(exc).splitlines()[0]}") from None
    except OSError as exc:
        raise _fail(path, None, f"cannot read ({exc.strerror or exc})") from None


def load_rule(path: Path, raw: dict | None = None) -> Rule:
    """The rule in `path`; `raw` is its already parsed TOML, when the caller has it."""


    if raw is None:
        raw = _parse(path)
    for key in REQUIRED_KEYS:
        if key not in raw:
            raise _fail(path, key, "missing")
    kind_name = raw["kind"]
    if kind_name not in KINDS:
        raise _fail(path, "kind", f"unknown kind {kind_name!r} (known: {', '.join(sorted(KINDS))})")
    kind = KINDS[kind_name]
    options = {}
    for key, value in raw.items():
        expected = COMMON_KEYS.get(key) or kind.KEYS.get(key)
        if expected is None:
            raise _fail(path, key, f"unknown key for a {kind_name} rule")
        if not isinstance(value, expected):
            raise _fail(path, key, f"must be {getattr(expected, '__name__', expected)}")
        if key not in COMMON_KEYS:
            options[key] = value
    if not CODE_RE.match(raw["code"]):
        raise _fail(path, "code", "must look like ABC123")
    if not NAME_RE.match(raw["name"]):
        raise _fail(path, "name", "must be lower-case words joined by '-'")
    try:
        severity = Severity(raw["severity"])
    except ValueError:
        raise _fail(path, "severity", "must be info, warning or error") from None
    applicability = None
    if "applicability" in raw:
        try:
            applicability = Applicability(raw["applicability"])
        except ValueError:
            raise _fail(path, "applicability", "must be safe or unsafe") from None
    printed_form = raw.get("printed_form")
    if printed_form is not None and printed_form not in PRINTED_FORMS:
        raise _fail(path, "printed_form", f"must be one of {', '.join(PRINTED_FORMS)}")
    fails, passes = _examples(path, raw["examples"])
    if not fails:
        raise _fail(path, "examples.fail", "a rule needs at least one example to flag")
    rule = Rule(
        code=raw["code"], name=raw["name"], kind=kind_name, severity=severity,
        applicability=applicability, message=raw["message"], summary=raw["summary"],
        doc=raw["doc"], enabled=raw.get("enabled", True), fail_examples=fails,
        pass_examples=passes, options=options, source=str(path), printed_form=printed_form,
        suggest_words=raw.get("suggest_words", False),
    )
    try:
        impl = kind(rule)
    except RuleError as exc:
        raise _fail(path, exc.args[1] if len(exc.args) > 1 else None, exc.args[0]) from None
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError, RecursionError) as exc:
        # A value of the wrong shape deep inside a kind's options: still one line naming the file.
        raise _fail(path, None, f"invalid rule data ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from None
    object.__setattr__(rule, "impl", impl)
    return rule


def rule_files(directory: Path) -> list[Path]:
    return [p for p in sorted(directory.rglob("*.toml")) if p.parent.name != "data"]


def load_rules(directory: Path, parsed: dict[Path, dict] | None = None) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    names: dict[str, Path] = {}
    for path in rule_files(directory):
        rule = load_rule(path, (parsed or {}).get(path))
        if rule.code in seen:
            raise _fail(path, "code", f"duplicate code {rule.code} (also in {seen[rule.code]})")
        if rule.name in names:
            raise _fail(path, "name", f"duplicate name {rule.name} (also in {names[rule.name]})")
        seen[rule.code] = path
        names[rule.name] = path
        rules.append(rule)
    rules.sort(key=lambda r: r.code)
    return rules


def _cache_file(key: str) -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cleaner")) / f"rules-{CACHE_FORMAT}-{key}.json"


def parsed_rule_files(directory: Path) -> dict[Path, dict] | None:
    """Every rule file's parsed TOML, from the cache when the files are unchanged.
    None when a file cannot be read or parsed: load_rules then reports it."""
    import hashlib

    try:
        blobs = [(p, p.read_bytes()) for p in rule_files(directory)]
    except OSError:
        return None
    digest = hashlib.sha256()
    for path, data in blobs:
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0" + data + b"\0")
    cache = _cache_file(digest.hexdigest()[:24])
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        return {directory / name: raw for name, raw in stored.items()}
    except (OSError, ValueError, AttributeError):
        pass  # missing or damaged: parse and store again
    try:
        parsed = {path: _parse(path, data) for path, data in blobs}
    except RuleError:
        return None
    try:
        text = json.dumps({p.relative_to(directory).as_posix(): raw for p, raw in parsed.items()})
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, cache)
        _prune(cache.parent)
    except (OSError, TypeError, ValueError):
        pass  # a read-only cache folder, or a value JSON cannot hold (a TOML date): no cache
    return parsed


def _prune(folder: Path, keep: int = 8) -> None:
    """Drop all but the newest few rule caches: every edit of a rule file makes a new
    one, and several installed versions may share the folder."""
    caches = sorted(folder.glob(f"rules-{CACHE_FORMAT}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in caches[keep:]:
        old.unlink(missing_ok=True)


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    directory = rules_dir()
    return tuple(load_rules(directory, parsed_rule_files(directory)))


def rule_by_code(code: str) -> Rule:
    for rule in default_rules():
        if rule.code == code:
            return rule
    raise KeyError(code)
