"""Where the shipped rule files are: inside the installed wheel, else the source checkout.
A module of its own because both the rulebook and the rule kinds that read data tables
(rules/data/) need it, and the kinds sit below the rulebook."""
from __future__ import annotations

from pathlib import Path


def rules_dir() -> Path:
    """rules/ inside the installed wheel, else the source checkout's rules/."""
    packaged = Path(__file__).parent / "rules_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"
