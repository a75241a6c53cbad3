"""Keys of the review prompt and what each one does to a session.

`perform` is pure apart from the `ask` callable it is given for `e`, so the
whole key layer is unit-testable without a terminal.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from cleaner.review.session import ReviewError, ReviewSession

PROMPT = "Fix? [y,n,e,1-9,i,a,s,u,q,x,?] "

HELP = """\
y, Enter  accept the top suggestion
1-9       accept that suggestion
e         type your own replacement (Enter confirms; empty cancels)
n         skip this finding
i         accept this word from now on (adds it to the word list)
a         apply the top suggestion to every identical finding in this file
s         skip the rest of this rule in this file
u         undo the last decision
q         save this file and quit
x, Ctrl-C quit without saving anything
?         this help"""

CTRL_C = "\x03"


@dataclass(frozen=True)
class Outcome:
    """What the driver does next: keep going, or stop (saving or not). `message` is shown."""

    message: str = ""
    stop: str | None = None      # None, "save" or "discard"
    help: bool = False


def perform(session: ReviewSession, key: str, ask: Callable[[str], str | None]) -> Outcome:
    """Apply one keypress. `ask(prompt)` reads a line for `e` (None or "" cancels)."""
    try:
        if key in ("y", "Y", "\r", "\n"):
            return Outcome(session.accept(1))
        if len(key) == 1 and "1" <= key <= "9":
            return Outcome(session.accept(int(key)))
        if key == "e":
            current = session.current
            if current is None:
                return Outcome("nothing left to review")
            typed = ask(f"Replace {current.finding.text!r} with: ")
            if not typed:
                return Outcome("edit cancelled")
            return Outcome(session.edit(typed))
        if key == "n":
            return Outcome(session.skip())
        if key == "i":
            return Outcome(session.ignore_word())
        if key == "a":
            return Outcome(session.accept_all())
        if key == "s":
            return Outcome(session.skip_rule())
        if key == "u":
            return Outcome(session.undo())
        if key == "?":
            return Outcome(help=True)
        if key == "q":
            return Outcome("saving", stop="save")
        if key in ("x", CTRL_C):
            return Outcome("quit without saving", stop="discard")
    except ReviewError as exc:
        return Outcome(str(exc))
    return Outcome(f"unknown key {key!r}; press ? for help")
