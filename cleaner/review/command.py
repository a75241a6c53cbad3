"""`cleaner review`: walk the findings file by file and ask about each one.

Exit codes: 0 reviewed (and saved, with q or at the end); 1 quit with `x`
(the current file untouched); 130 Ctrl-C (likewise); 2 usage or file error,
including stdin not being a terminal. A file is written once, atomically, when
its last finding is decided or on `q`; word lists and the decisions file are
written only with it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from cleaner.config import Config
from cleaner.config.files import ConfigError, Settings
from cleaner.document import DocumentError
from cleaner.model import Severity
from cleaner.review.decisions import save
from cleaner.review.findings import review_findings
from cleaner.review.keys import CTRL_C, perform
from cleaner.review.render import make_console, show_finding, show_help, show_prompt, show_summary
from cleaner.review.session import ReviewSession
from cleaner.review.terminal import Terminal, stdin_is_terminal
from cleaner.review.wordlist import save_words, target_for
from cleaner.run.driver import Driver, shown
from cleaner.spelling.corpus import corpus_counts

RECHECK_LIMIT = 30_000   # characters: a full check of this much takes about half a second
NOT_A_TERMINAL = ("review needs an interactive terminal (stdin is not a TTY); nothing was written. "
                  "Use `cleaner fix --decisions FILE` to apply recorded decisions without prompting.")


@dataclass
class Options:
    paths: list[str]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: Severity | None = None   # None: the default set (wanted())
    decisions: str | None = None
    glob: str = "*.txt"
    encoding: str = "utf-8"
    config: str | None = None
    isolated: bool = False
    words_added: set = field(default_factory=set)


def _findings(text: str, config: Config, options: Options):
    """Every finding of a changed text: a pending place stays while anything still flags it."""
    words = {w.lower() for w in options.words_added}
    return review_findings(text, config, Severity.INFO, words)


def wanted(f, level: Severity | None) -> bool:
    """Review is where a person judges uncertain fixes, so by default it asks about every
    finding that offers a change (a suggestion or a fix), at any severity, and every warning
    or error. --min-severity narrows that to findings at or above the level."""
    if level is not None:
        return f.severity.rank >= level.rank
    return bool(f.suggestions) or f.fix is not None or f.severity.rank >= Severity.WARNING.rank


def _hidden_note(count: int, level: Severity | None) -> str:
    """Say that findings were left out, and how to see them."""
    if not count or level is Severity.INFO:
        return ""
    what = ("info-level finding" if level is None or level is Severity.WARNING
            else "info- or warning-level finding")
    plural = "s" if count != 1 else ""
    extra = " without a suggestion" if level is None else ""
    return (f" {count} {what}{plural}{extra} not shown; "
            f"run with --min-severity info to review {'them' if count != 1 else 'it'}.")


def run(options: Options) -> int:
    driver = Driver()
    driver.writes(options.decisions, "--decisions", reads=(options.config,))
    if not stdin_is_terminal():
        driver.error(NOT_A_TERMINAL)
        return driver.status
    overrides = Settings(root=os.getcwd(), select=options.select or None, ignore=options.ignore or None)
    try:
        planned = driver.plan(options.paths, options.glob, overrides, options.config, options.isolated,
                              keep_going=True)
    except ConfigError as exc:   # the --config file itself
        driver.error(str(exc))
        return driver.status
    corpus = corpus_counts([p.path for p in planned])  # words recurring across the run's files (TICCL)
    console = make_console()
    decisions = []
    try:
        with Terminal() as term:
            for item in planned:
                config = replace(item.config, corpus_counts=corpus) if corpus else item.config
                outcome, file_decisions = _review_file(item.path, config, options, console, term, driver)
                decisions.extend(file_decisions)
                if outcome in ("discard", "save-quit"):
                    if outcome == "discard":
                        driver.status = 1
                    break
    except KeyboardInterrupt:
        console.print("\nInterrupted: the current file was not written.")
        driver.status = 130
    except EOFError:   # the terminal went away: same as x
        driver.error("end of input: the current file was not written")
        driver.status = 1
    if options.decisions and decisions:
        try:
            save(options.decisions, decisions)
        except DocumentError as exc:
            driver.error(str(exc))
    return driver.status


def _review_file(path, config, options, console, term, driver):
    """Review one file. Returns (outcome, decisions): outcome is done, save-quit, discard or error."""
    display = shown(path)
    doc = driver.read(path, options.encoding)
    if doc is None:
        return "done", []
    words = {w.lower() for w in options.words_added}
    everything = review_findings(doc.text, config, Severity.INFO, words)
    findings = [replace(f, path=display) for f in everything if wanted(f, options.min_severity)]
    hidden = _hidden_note(len(everything) - len(findings), options.min_severity)
    if not findings:
        console.print(f"{display}: nothing to review.{hidden}")
        return "done", []
    # Re-checking after every change keeps offsets honest; on very large files it
    # would cost seconds per keypress, so there the session relies on re-mapping,
    # overlap dropping and its check that the flagged text is still in place.
    recheck = (lambda text: _findings(text, config, options)) if len(doc.text) <= RECHECK_LIMIT else None
    session = ReviewSession(doc.text, findings, recheck=recheck)
    message = ""
    stop = None
    redraw = True
    while not session.done:
        if redraw:
            show_finding(console, display, session, message)
        else:   # nothing changed (help, a refused key): keep the screen, ask again
            show_prompt(console, message)
        key = term.read_key()
        if key == CTRL_C:
            raise KeyboardInterrupt
        console.print(key if key.isprintable() else "")   # echo, as git add -p does
        before = session.state
        outcome = perform(session, key, term.read_line)
        message = outcome.message
        redraw = session.state is not before
        if outcome.help:
            show_help(console)
        if outcome.stop:
            stop = outcome.stop
            break
    if stop == "discard":
        show_summary(console, display, session, saved=False)
        return "discard", []
    saved = False
    if session.changed:
        if not driver.write(path, doc.encode(session.text), expect=doc):
            return "error", []
        saved = True
    if session.words:
        target = target_for(path, options.config)
        try:
            added, note = save_words(target, session.words)
        except (DocumentError, OSError, UnicodeDecodeError) as exc:
            driver.error(f"{target.words_file}: word list not written ({exc})")
            added, note = [], ""
        options.words_added.update(session.words)
        if added:
            console.print(f"Added {', '.join(added)} to {shown(target.words_file)}")
        if note:
            console.print(note)
    show_summary(console, display, session, saved)
    if hidden:
        console.print(hidden.strip())
    return ("save-quit" if stop == "save" else "done"), list(session.decisions)
