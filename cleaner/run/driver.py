"""The one file loop every command shares: planning (which files, with which
configuration), display paths, one-line errors with their exit status, and
atomic writes. check, fix, baseline, review and the decisions replay all use it,
so each of those behaves the same way on a bad path, a bad configuration or a
failed write."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from cleaner.config.discovery import discover, identity
from cleaner.config.files import ConfigError, Resolver, Settings
from cleaner.config.settings import Config
from cleaner.document import Document, DocumentError, SkippedFile, read_document, write_atomic
from cleaner.report.diff import unified_diff, write_diff
from cleaner.rulebook import default_rules
from cleaner.run import stdin
from cleaner.run.stdin import STDIN

ERROR = 2  # exit status of a run in which any file or setting could not be handled


def shown(path: str) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:   # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


class RefusedOutput(ValueError):
    """An output path that would overwrite one of the run's inputs. str() is one line."""


@dataclass(frozen=True)
class Planned:
    path: str
    config: Config


class Driver:
    """One command's run over files. `status` becomes ERROR once anything fails."""

    def __init__(self) -> None:
        self.status = 0
        self.errors = 0
        self._outputs: list[tuple[str, str]] = []   # (path, option) this run will write
        self._inputs: list[str] = []                # files read besides the planned ones

    def writes(self, path, option: str, *, reads=()) -> None:
        """Declare, before plan(), a file this run will write (`option` names it in messages)
        and any files it reads besides the transcripts (a baseline, a decisions file).
        plan() refuses the run if the output is one of them: a report written over a
        transcript would destroy it."""
        if path is not None:
            self._outputs.append((str(path), option))
        self._inputs.extend(str(p) for p in reads if p is not None)

    def _refuse_clashes(self, inputs: dict[str, object]) -> None:
        keys = {key: path for path, key in inputs.items()}
        keys.update((identity(p), p) for p in self._inputs if os.path.exists(p))
        for path, option in self._outputs:
            if not os.path.exists(path):
                continue   # a file that does not exist yet is no input
            clash = keys.get(identity(path))
            if clash is not None:
                raise RefusedOutput(f"{shown(path)}: {option} would overwrite the input {shown(clash)}; "
                                    "nothing was done (write it elsewhere, or --exclude it)")

    def error(self, message: str) -> None:
        print(f"cleaner: {message}", file=sys.stderr)
        self.status = ERROR
        self.errors += 1

    @staticmethod
    def note(message: str) -> None:
        """Something the user should know that is not a failure (a skipped file)."""
        print(f"cleaner: {message}", file=sys.stderr)

    def plan(self, paths, glob: str, overrides: Settings, config_path: str | None = None,
             isolated: bool = False, *, keep_going: bool = False) -> list[Planned]:
        """Every file to process with its configuration, excluded files left out.

        A path that does not exist is an error here, and the other files go on. A broken
        configuration file raises ConfigError (the run stops with one line), unless
        `keep_going`: then the files it governs are reported and skipped."""
        resolver = Resolver(overrides, config_path, isolated)
        found = discover(list(paths), glob)
        for message in found.errors:
            self.error(message)
        planned = []
        reported: set[str] = set()
        self._refuse_clashes(found.identities)
        for path in found.files:
            try:
                settings = resolver.settings_for(path)
                if settings.excludes(path):
                    continue
                planned.append(Planned(path, settings.config_for(path)))
            except ConfigError as exc:
                if not keep_going:
                    raise
                if str(exc) not in reported:   # one line per broken file, not per file it governs
                    reported.add(str(exc))
                    self.error(str(exc))
        if planned:
            # The rules load here, before any file: a broken rule file is then one line and
            # exit 2 (RuleError reaches cli.main), not an internal error repeated for every file.
            default_rules()
        return planned

    def plan_stdin(self, paths, overrides: Settings, config_path: str | None = None,
                   isolated: bool = False) -> Planned | None:
        """`-` (standard input) with the configuration of the current folder; it cannot be
        mixed with other paths (one text, one report)."""
        if list(paths) != [STDIN]:
            self.error("- (standard input) cannot be combined with other paths")
            return None
        settings = Resolver(overrides, config_path, isolated).settings_for(STDIN)
        self._refuse_clashes({})
        default_rules()
        return Planned(STDIN, settings.config_for(STDIN))

    def read_stdin(self, encoding: str) -> Document | None:
        try:
            return stdin.read_stdin(encoding)
        except DocumentError as exc:
            self.error(str(exc))
        except SkippedFile as exc:
            self.error(str(exc))
        return None

    def read(self, path: str, encoding: str) -> Document | None:
        """The document, or None after reporting why it cannot be read (or is skipped)."""
        try:
            return read_document(path, encoding)
        except DocumentError as exc:
            self.error(str(exc))
        except SkippedFile as exc:
            self.note(str(exc))
        return None

    def write(self, path: str, data: bytes, expect: Document | None = None) -> bool:
        """Write atomically; with `expect`, only if the file is still as it was read."""
        try:
            write_atomic(path, data, expect=expect)
            return True
        except DocumentError as exc:
            self.error(str(exc))
            return False

    def diff(self, doc: Document, new_text: str, path: str) -> bool:
        """Print a unified diff of one file (patch -p1 applies it), in the file's encoding."""
        try:
            write_diff(unified_diff(doc.text, new_text, shown(path), bom=doc.bom), doc.encoding, shown(path))
            return True
        except DocumentError as exc:
            self.error(str(exc))
            return False
