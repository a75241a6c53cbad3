"""The review state machine for one file, free of any terminal I/O.

The session holds the current text and the findings still to decide, in
document order; the first one is the current finding. Every action returns a
short status message and pushes the previous state, so `undo` is exact.

Offsets stay right after a change: the remaining findings are shifted by the
change's length difference, and a finding whose span (or fix) touches the
changed region is dropped, never applied blindly. With a `recheck` function the
shifted findings are also confirmed against a fresh check of the new text: a
place that no rule flags any more leaves the queue (counted apart, as
`unflagged`). Before any edit is
applied the session checks that the text under the finding is still what was
flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from cleaner.model import Edit, Finding, Fix
from cleaner.positions import LineIndex
from cleaner.postprocess import SPELLING_CLASSES
from cleaner.review.decisions import Decision, context_hash

# Rule classes a word-list entry silences: the same classes that check leaves alone.
WORD_RULES = SPELLING_CLASSES
SINGLE_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class ReviewError(Exception):
    """An action that cannot be taken here (no suggestion, nothing to undo...). str() says why."""


@dataclass(frozen=True)
class Item:
    id: int
    finding: Finding
    context: str        # context_hash in the text before review: the key recorded decisions use


@dataclass(frozen=True)
class State:
    text: str
    pending: tuple[Item, ...]
    decisions: tuple[Decision, ...] = ()
    words: tuple[str, ...] = ()
    accepted: int = 0
    edited: int = 0
    skipped: int = 0
    dropped: int = 0     # overlapped a change made in this review
    unflagged: int = 0   # no longer flagged by a fresh check after a change
    note: str = ""       # what the last change dropped, said right after it


def _overlaps(a: int, b: int, edit: Edit) -> bool:
    """Does span [a, b) touch the region the edit replaces?"""
    s, e = edit.start, edit.end
    if s == e:                       # an insertion splits a span only strictly inside it
        return a < s < b
    if a == b:                       # a zero-width finding sits inside a replaced region
        return s < a < e
    return s < b and a < e


def _span(f: Finding) -> tuple[int, int]:
    if f.fix is None:
        return f.start, f.end
    return min(f.start, f.fix.start), max(f.end, f.fix.end)


def _apply_edits(text: str, edits: Iterable[Edit]) -> str:
    parts, cursor = [], 0
    for edit in sorted(edits):
        parts.append(text[cursor:edit.start])
        parts.append(edit.replacement)
        cursor = edit.end
    parts.append(text[cursor:])
    return "".join(parts)


def _well_formed(edits: tuple[Edit, ...], length: int) -> bool:
    last = -1
    for edit in sorted(edits):
        if not (0 <= edit.start <= edit.end <= length) or edit.start < last:
            return False
        last = edit.end
    return bool(edits)


def _shift(f: Finding, edits: tuple[Edit, ...], index: LineIndex) -> Finding:
    def moved(offset: int) -> int:
        return offset + sum(len(e.replacement) - (e.end - e.start) for e in edits if e.end <= offset)

    start, end = moved(f.start), moved(f.end)
    fix = None
    if f.fix is not None:
        fix = Fix(tuple(Edit(moved(e.start), moved(e.end), e.replacement) for e in f.fix.edits),
                  f.fix.applicability)
    line, col = index.line_col(start)
    end_line, end_col = index.line_col(end)
    return replace(f, start=start, end=end, fix=fix, line=line, column=col,
                   end_line=end_line, end_column=end_col)


class ReviewSession:
    def __init__(self, text: str, findings: Iterable[Finding],
                 recheck: Callable[[str], list[Finding]] | None = None) -> None:
        ordered = sorted(findings, key=lambda f: (f.start, f.end, f.rule))
        items = tuple(Item(n, f, context_hash(text, f.start, f.end)) for n, f in enumerate(ordered))
        self.original = text
        self.state = State(text=text, pending=items)
        self.history: list[State] = []
        self.recheck = recheck

    # ----- reading the state -------------------------------------------------
    def __getattr__(self, name):  # text, pending, decisions, words, counts
        if name in State.__dataclass_fields__:
            return getattr(self.state, name)
        raise AttributeError(name)

    @property
    def done(self) -> bool:
        return not self.state.pending

    @property
    def current(self) -> Item | None:
        return self.state.pending[0] if self.state.pending else None

    @property
    def changed(self) -> bool:
        return self.state.text != self.original

    @property
    def position(self) -> tuple[int, int]:
        """(1-based number of the current finding, findings decided plus pending). Findings a
        change dropped leave the count (the note after the change names them), so the counter
        moves by one per decision."""
        decided = self.state.accepted + self.state.edited + self.state.skipped
        return decided + 1, decided + len(self.state.pending)

    @staticmethod
    def choices(item: Item) -> list[str]:
        """Labels of the numbered choices: the suggestions, or the fix when there are none."""
        f = item.finding
        if f.suggestions:
            return list(f.suggestions)
        if f.fix is not None:
            return ["".join(e.replacement for e in f.fix.edits)]
        return []

    def replacement_for(self, item: Item, number: int) -> str:
        return self.choices(item)[number - 1]

    def edits_for(self, item: Item, number: int) -> tuple[Edit, ...]:
        f = item.finding
        labels = self.choices(item)
        if not labels:
            raise ReviewError("no suggestion here: press e to type one, or n to skip")
        if not 1 <= number <= len(labels):
            raise ReviewError(f"there is no suggestion {number} (1-{len(labels)})")
        # The top suggestion is the rule's own fix, which may reach beyond the span
        # (a junk line takes its line break with it).
        if number == 1 and f.fix is not None and (not f.suggestions or
                                                  self._fix_matches_top(f)):
            return f.fix.edits
        return (Edit(f.start, f.end, labels[number - 1]),)

    @staticmethod
    def _fix_matches_top(f: Finding) -> bool:
        """True when the fix is the top suggestion (not an unrelated edit)."""
        if len(f.fix.edits) != 1:
            return True
        edit = f.fix.edits[0]
        return edit.replacement == f.suggestions[0] or (edit.start, edit.end) != (f.start, f.end)

    # ----- actions -----------------------------------------------------------
    def _push(self, new: State) -> None:
        self.history.append(self.state)
        self.state = new

    def _require_current(self) -> Item:
        if self.current is None:
            raise ReviewError("nothing left to review")
        return self.current

    def _decision(self, item: Item, choice: str, replacement=None, suggestion=None) -> Decision:
        f = item.finding
        return Decision(f.rule, f.text, item.context, choice, replacement, suggestion, f.path)

    def _change(self, state: State, item: Item, edits: tuple[Edit, ...]) -> tuple[State, bool]:
        """Apply `edits` for `item` (removed from pending); re-map the rest. False if refused."""
        f = item.finding
        rest = tuple(p for p in state.pending if p.id != item.id)
        text = state.text
        if text[f.start:f.end] != f.text or not _well_formed(edits, len(text)):
            # The text moved under this finding: refuse rather than guess.
            return replace(state, pending=rest, unflagged=state.unflagged + 1), False
        new_text = _apply_edits(text, edits)
        index = LineIndex(new_text)
        kept, overlapped = [], []
        for p in rest:
            a, b = _span(p.finding)
            if any(_overlaps(a, b, e) for e in edits):
                overlapped.append(p)
            else:
                kept.append(replace(p, finding=_shift(p.finding, edits, index)))
        gone = []
        if self.recheck is not None and kept:
            # A place stays while any rule still flags it there; the fresh finding replaces
            # the old one (its rule, message or suggestions may have changed with the context).
            fresh: dict = {}
            for g in self.recheck(new_text):
                fresh.setdefault((g.start, g.end, g.text), g)
            confirmed = []
            for p in kept:
                g = fresh.get((p.finding.start, p.finding.end, p.finding.text))
                if g is None:
                    gone.append(p)
                else:
                    confirmed.append(replace(p, finding=replace(g, path=p.finding.path)))
            kept = confirmed
        notes = []
        if overlapped:
            notes.append(f"dropped {_names(overlapped)}: overlapped this change")
        if gone:
            notes.append(f"{_names(gone)} no longer flagged after this change")
        return replace(state, text=new_text, pending=tuple(kept), dropped=state.dropped + len(overlapped),
                       unflagged=state.unflagged + len(gone), note="; ".join(notes)), True

    def accept(self, number: int = 1) -> str:
        item = self._require_current()
        edits = self.edits_for(item, number)
        replacement = self.replacement_for(item, number)
        state, ok = self._change(self.state, item, edits)
        if not ok:
            self._push(state)
            return "the text under this finding changed; dropped it"
        decision = self._decision(item, "accept", replacement, number)
        self._push(replace(state, accepted=state.accepted + 1,
                           decisions=state.decisions + (decision,)))
        return with_note(f"accepted {_show(replacement)}", state)

    def edit(self, replacement: str) -> str:
        item = self._require_current()
        f = item.finding
        state, ok = self._change(self.state, item, (Edit(f.start, f.end, replacement),))
        if not ok:
            self._push(state)
            return "the text under this finding changed; dropped it"
        decision = self._decision(item, "edit", replacement)
        self._push(replace(state, edited=state.edited + 1, decisions=state.decisions + (decision,)))
        return with_note(f"replaced with {_show(replacement)}", state)

    def skip(self) -> str:
        item = self._require_current()
        self._push(replace(self.state, pending=self.state.pending[1:], skipped=self.state.skipped + 1,
                           decisions=self.state.decisions + (self._decision(item, "skip"),)))
        return "skipped"

    def skip_rule(self) -> str:
        item = self._require_current()
        rule = item.finding.rule
        gone = [p for p in self.state.pending if p.finding.rule == rule]
        self._push(replace(
            self.state,
            pending=tuple(p for p in self.state.pending if p.finding.rule != rule),
            skipped=self.state.skipped + len(gone),
            decisions=self.state.decisions + tuple(self._decision(p, "skip") for p in gone),
        ))
        return f"skipped {len(gone)} {rule} finding{'s' if len(gone) != 1 else ''} in this file"

    def ignore_word(self) -> str:
        """Accept the flagged word from now on: it joins the word list when the file is saved."""
        item = self._require_current()
        word = item.finding.text
        if not SINGLE_WORD.fullmatch(word):
            raise ReviewError(f"{word!r} is not a single word; i adds words to the word list")
        lower = word.lower()
        gone = [p for p in self.state.pending
                if p.id == item.id or (p.finding.text.lower() == lower
                                       and p.finding.rule.startswith(WORD_RULES))]
        ids = {p.id for p in gone}
        words = self.state.words if lower in (w.lower() for w in self.state.words) else self.state.words + (word,)
        self._push(replace(
            self.state,
            pending=tuple(p for p in self.state.pending if p.id not in ids),
            skipped=self.state.skipped + len(gone),
            words=words,
            decisions=self.state.decisions + tuple(self._decision(p, "ignore") for p in gone),
        ))
        return f"added {word!r} to the word list"

    def accept_all(self) -> str:
        """The top suggestion here and at every identical finding (same rule, text, suggestion)."""
        item = self._require_current()
        f = item.finding
        labels = self.choices(item)
        if not labels:
            raise ReviewError("no suggestion here: press e to type one, or n to skip")
        targets = [p.id for p in self.state.pending
                   if p.finding.rule == f.rule and p.finding.text == f.text and self.choices(p)[:1] == labels[:1]]
        state = self.state
        count = 0
        for target in targets:
            match = [p for p in state.pending if p.id == target]
            if not match:
                continue  # dropped by an earlier change in this batch
            edits = self.edits_for(match[0], 1)
            state, ok = self._change(state, match[0], edits)
            if ok:
                count += 1
                state = replace(state, accepted=state.accepted + 1, decisions=state.decisions + (
                    self._decision(match[0], "accept", labels[0], 1),))
        self._push(state)
        return f"accepted {_show(labels[0])} at {count} place{'s' if count != 1 else ''}"

    def undo(self) -> str:
        if not self.history:
            raise ReviewError("nothing to undo")
        self.state = self.history.pop()
        return "undone"


def _show(text: str) -> str:
    return "(delete)" if text == "" else repr(text)


def _names(items) -> str:
    shown = ", ".join(f"{p.finding.rule} {p.finding.text[:20]!r}" for p in items[:3])
    return shown + (f" and {len(items) - 3} more" if len(items) > 3 else "")


def with_note(message: str, state: State) -> str:
    return f"{message}; {state.note}" if state.note else message
