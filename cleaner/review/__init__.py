"""Interactive review (`cleaner review`): session state machine (session.py),
keys (keys.py), rich rendering (render.py), terminal input (terminal.py),
word-list writes (wordlist.py) and the command driver (command.py)."""
from __future__ import annotations


def run_review(paths, *, select=(), ignore=(), min_severity="warning", decisions=None,
               glob="*.txt", encoding="utf-8", config=None, isolated=False) -> int:
    from ..model import Severity
    from .command import Options, run

    return run(Options(list(paths), tuple(select), tuple(ignore), Severity(min_severity), decisions,
                       glob, encoding, config, isolated))
