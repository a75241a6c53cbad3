"""Replaying recorded review decisions on a text, without prompting: the same state
machine as the interactive review, so offsets are re-mapped the same way."""
from __future__ import annotations

from cleaner.review.decisions import Book
from cleaner.review.session import ReviewSession


def replay_text(text: str, findings, decisions) -> tuple[str, int]:
    """Apply the recorded accept/edit decisions to `text`; returns (new text, changes made).

    Runs the same state machine as the interactive review, so offsets are
    re-mapped after each change and overlapping findings are dropped the same way.
    """
    book = Book(decisions)
    session = ReviewSession(text, findings)
    while not session.done:
        item = session.current
        f = item.finding
        decision = book.take(f.rule, f.text, item.context)
        if decision is None or decision.choice in ("skip", "ignore"):
            session.skip()
        elif decision.choice == "edit":
            session.edit(decision.replacement)
        else:
            number = decision.suggestion or 1
            labels = session.choices(item)
            if number <= len(labels) and session.replacement_for(item, number) == decision.replacement:
                session.accept(number)
            else:  # the rule now suggests something else: apply what the reviewer saw
                session.edit(decision.replacement)
    return session.text, session.accepted + session.edited
