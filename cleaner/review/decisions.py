"""Recorded review decisions: what a reviewer chose for each finding, so that
`cleaner fix --decisions FILE` can replay the choices without prompting (in CI,
or on another copy of the file).

A decision names the finding by its rule, its matched text and a hash of the
text around it in the file as it was before the review. The hash, not the
offset, is what makes a replay safe: a finding whose surroundings differ is not
the finding the reviewer saw, so it is left alone.

File format: JSON Lines, one decision per line, e.g.
{"rule": "SPL801", "text": "unansweringly", "context": "3f2a...", "choice": "edit",
 "replacement": "unswervingly", "suggestion": null, "path": "a.txt"}
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict, deque
from dataclasses import asdict, dataclass

from cleaner.bounded import DECISIONS_LIMIT, RefusedFile, loads_json, read_bounded
from cleaner.document import write_atomic

CONTEXT_CHARS = 40
CHOICES = ("accept", "edit", "skip", "ignore")


class DecisionsError(ValueError):
    """A decisions file that cannot be read. str() is one line naming the file."""


@dataclass(frozen=True)
class Decision:
    rule: str
    text: str
    context: str                    # context_hash() of the finding in the text before review
    choice: str                     # accept | edit | skip | ignore
    replacement: str | None = None  # the text put in place of the span (accept, edit)
    suggestion: int | None = None   # 1-based suggestion number for accept
    path: str = ""                  # informational only; replay matches on rule/text/context

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.text, self.context)


def context_hash(text: str, start: int, end: int) -> str:
    """A short hash of the characters either side of text[start:end]."""
    before = text[max(0, start - CONTEXT_CHARS):start]
    after = text[end:end + CONTEXT_CHARS]
    data = f"{before}\x1f{text[start:end]}\x1f{after}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


def dumps(decisions) -> str:
    return "".join(json.dumps(asdict(d), ensure_ascii=False) + "\n" for d in decisions)


def _parse(obj, where: str) -> Decision:
    if not isinstance(obj, dict):
        raise DecisionsError(f"{where}: expected a JSON object")
    try:
        decision = Decision(**{k: obj[k] for k in obj if k in Decision.__dataclass_fields__})
    except TypeError as exc:
        raise DecisionsError(f"{where}: missing field ({exc})") from None
    if decision.choice not in CHOICES:
        raise DecisionsError(f"{where}: unknown choice {decision.choice!r}")
    if decision.choice in ("accept", "edit") and not isinstance(decision.replacement, str):
        raise DecisionsError(f"{where}: {decision.choice} needs a replacement string")
    return decision


def loads(data: str, source: str = "<decisions>") -> list[Decision]:
    """JSON Lines, or one JSON array of decision objects."""
    stripped = data.strip()
    if stripped.startswith("["):
        try:
            items = loads_json(stripped)
        except json.JSONDecodeError as exc:
            raise DecisionsError(f"{source}: invalid JSON ({exc})") from None
        except RefusedFile as exc:
            raise DecisionsError(f"{source}: invalid JSON (it {exc})") from None
        return [_parse(obj, f"{source}: item {n}") for n, obj in enumerate(items, 1)]
    out = []
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = loads_json(line)
        except json.JSONDecodeError as exc:
            raise DecisionsError(f"{source}:{number}: invalid JSON ({exc.msg})") from None
        except RefusedFile as exc:
            raise DecisionsError(f"{source}:{number}: invalid JSON (it {exc})") from None
        out.append(_parse(obj, f"{source}:{number}"))
    return out


def load(path: str) -> list[Decision]:
    try:
        return loads(read_bounded(path, DECISIONS_LIMIT).decode("utf-8"), path)
    except RefusedFile as exc:
        raise DecisionsError(f"{path}: decisions not read: it {exc}") from None
    except FileNotFoundError:
        raise DecisionsError(f"{path}: decisions file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DecisionsError(f"{path}: cannot read decisions ({exc})") from None


def save(path: str, decisions) -> None:
    write_atomic(path, dumps(decisions).encode("utf-8"))


class Book:
    """Decisions looked up by finding key; identical keys are used in recorded order."""

    def __init__(self, decisions) -> None:
        self._by_key: dict[tuple, deque] = defaultdict(deque)
        for d in decisions:
            self._by_key[d.key].append(d)

    def take(self, rule: str, text: str, context: str) -> Decision | None:
        queue = self._by_key.get((rule, text, context))
        return queue.popleft() if queue else None
