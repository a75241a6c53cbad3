"""`cleaner review`: walk the findings file by file and ask about each one.

Exit codes: 0 reviewed (and saved, with q or at the end); 1 quit with `x`
(the current file untouched); 130 Ctrl-C (likewise); 2 usage or file error,
including stdin not being a terminal. A file is written once, atomically, when
its last finding is decided or on `q`; word lists and the decisions file are
written only with it.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace

from ..config import Config
from ..document import DocumentError, SkippedFile, read_document, write_atomic
from ..model import Severity
from .keys import CTRL_C, perform
from .render import make_console, show_finding, show_help, show_prompt, show_summary
from .findings import review_findings
from .session import ReviewSession
from .terminal import Terminal, stdin_is_terminal
from .wordlist import save_words, target_for

RECHECK_LIMIT = 30_000   # characters: a full check of this much takes about half a second
NOT_A_TERMINAL = ("review needs an interactive terminal (stdin is not a TTY); nothing was written. "
                  "Use `cleaner fix --decisions FILE` to apply recorded decisions without prompting.")


@dataclass
class Options:
    paths: list[str]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: Severity = Severity.WARNING
    decisions: str | None = None
    glob: str = "*.txt"
    encoding: str = "utf-8"
    config: str | None = None
    isolated: bool = False
    words_added: set = field(default_factory=set)


def _err(message: str) -> None:
    print(f"cleaner: {message}", file=sys.stderr)


def _display(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def configs_for(options: Options):
    """path -> Config, using configuration discovery when it is available."""
    try:
        from ..config_files import Resolver, Settings
    except ImportError:  # discovery not installed: command-line selection only
        base = Config(select=options.select, ignore=options.ignore)
        return lambda path: base
    overrides = Settings(root=os.getcwd(), select=options.select or None, ignore=options.ignore or None)
    resolver = Resolver(overrides, options.config, options.isolated)

    def config_for(path: str) -> Config | None:
        settings = resolver.settings_for(path)
        return None if settings.excludes(path) else settings.config_for(path)
    return config_for


def _findings(text: str, config: Config, options: Options):
    words = {w.lower() for w in options.words_added}
    return review_findings(text, config, options.min_severity, words)


def _hidden_note(count: int, level: Severity) -> str:
    """Say that findings below the level were left out, and how to see them."""
    if not count or level is Severity.INFO:
        return ""
    below = "info" if level is Severity.WARNING else "info or warning"
    return (f" {count} {below}-level finding{'s' if count != 1 else ''} not shown; "
            f"run with --min-severity info to review {'them' if count != 1 else 'it'}.")


def run(options: Options) -> int:
    from ..files import discover

    if not stdin_is_terminal():
        _err(NOT_A_TERMINAL)
        return 2
    found = discover(options.paths, options.glob)
    status = 0
    for message in found.errors:
        _err(message)
        status = 2
    try:
        config_for = configs_for(options)
    except ValueError as exc:   # ConfigError
        _err(str(exc))
        return 2
    from ..corpus import corpus_counts  # words recurring across the run's files (TICCL)

    corpus = corpus_counts(found.files)
    console = make_console()
    decisions = []
    try:
        with Terminal() as term:
            for path in found.files:
                try:
                    config = config_for(path)
                    if config is not None and corpus:
                        config = replace(config, corpus_counts=corpus)
                except ValueError as exc:   # ConfigError: one line naming the file and key
                    _err(str(exc))
                    status = 2
                    continue
                if config is None:   # excluded by the configuration, as in check
                    continue
                outcome, file_decisions = _review_file(path, config, options, console, term)
                if outcome == "error":
                    status = 2
                    continue
                decisions.extend(file_decisions)
                if outcome in ("discard", "save-quit"):
                    if outcome == "discard":
                        status = 1
                    break
    except KeyboardInterrupt:
        console.print("\nInterrupted: the current file was not written.")
        status = 130
    except EOFError:   # the terminal went away: same as x
        _err("end of input: the current file was not written")
        status = 1
    if options.decisions and decisions:
        from ..decisions import save

        try:
            save(options.decisions, decisions)
        except DocumentError as exc:
            _err(str(exc))
            status = 2
    return status


def _review_file(path, config, options, console, term):
    """Review one file. Returns (outcome, decisions): outcome is done, save-quit, discard or error."""
    display = _display(path)
    try:
        doc = read_document(path, options.encoding)
    except DocumentError as exc:
        _err(str(exc))
        return "error", []
    except SkippedFile as exc:
        _err(str(exc))
        return "done", []
    words = {w.lower() for w in options.words_added}
    everything = review_findings(doc.text, config, Severity.INFO, words)
    findings = [replace(f, path=display) for f in everything if f.severity.rank >= options.min_severity.rank]
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
        try:
            write_atomic(path, doc.encode(session.text), expect=doc)
            saved = True
        except DocumentError as exc:
            _err(str(exc))
            return "error", []
    if session.words:
        target = target_for(path, options.config)
        try:
            added, note = save_words(target, session.words)
        except (DocumentError, OSError, UnicodeDecodeError) as exc:
            _err(f"{target.words_file}: word list not written ({exc})")
            added, note = [], ""
        options.words_added.update(session.words)
        if added:
            console.print(f"Added {', '.join(added)} to {_display(target.words_file)}")
        if note:
            console.print(note)
    show_summary(console, display, session, saved)
    if hidden:
        console.print(hidden.strip())
    return ("save-quit" if stop == "save" else "done"), list(session.decisions)
