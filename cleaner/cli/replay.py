"""`cleaner fix --decisions FILE`: replay recorded review choices, no prompting, no other fixes."""
from __future__ import annotations

import os
import sys

from cleaner.config.files import ConfigError, Settings
from cleaner.review.decisions import DecisionsError, load
from cleaner.review.findings import review_findings
from cleaner.review.replay import replay_text
from cleaner.run.driver import Driver, plural, shown


def fix_with_decisions(paths, decisions_path: str, *, select=(), ignore=(), glob="*.txt",
                       encoding="utf-8", diff=False, config=None, isolated=False, output=None) -> int:
    """Exit 0 nothing changed, 1 a file changed (or would, with --diff), 2 error.
    With `output` (one input only) the corrected text is written there instead."""
    driver = Driver()
    driver.writes(output, "-o/--output", reads=(decisions_path, config))
    try:
        decisions = load(decisions_path)
        planned = driver.plan(paths, glob, Settings(root=os.getcwd(), select=tuple(select) or None,
                                                    ignore=tuple(ignore) or None),
                              config, isolated, keep_going=True)
    except (DecisionsError, ConfigError) as exc:
        driver.error(str(exc))
        return driver.status
    if output is not None and len(planned) + driver.errors != 1:
        driver.error("-o/--output needs exactly one input file")
        return driver.status
    changed = 0
    for item in planned:
        doc = driver.read(item.path, encoding)
        if doc is None:
            continue
        new_text, changes = replay_text(doc.text, review_findings(doc.text, item.config), decisions)
        if output is not None and not diff and not driver.write(output, doc.encode(new_text)):
            continue
        if new_text == doc.text:
            continue
        changed += 1
        if diff:
            driver.diff(doc, new_text, item.path)
            continue
        if output is None and not driver.write(item.path, doc.encode(new_text), expect=doc):
            continue
        print(f"{shown(item.path)}: replayed {plural(changes, 'decision')}", file=sys.stderr)
    return driver.status or (1 if changed else 0)
