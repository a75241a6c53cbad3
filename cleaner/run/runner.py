"""Process one file for check or fix. Pure enough to run in worker processes:
takes plain values, returns a picklable FileResult, never prints."""
from __future__ import annotations

from dataclasses import dataclass, replace

from cleaner.chunks import check_large as check_text  # huge files in pieces
from cleaner.chunks import fix_large as fix_text
from cleaner.config import Config
from cleaner.document import Document, DocumentError, SkippedFile, read_document
from cleaner.model import Finding
from cleaner.score import Estimate


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None        # one-line error: exit 2
    note: str | None = None         # skipped, not an error
    original: str | None = None     # the text checked (for fix: the text before)
    fixed: str | None = None        # for fix: the text after (None when unchanged)
    applied: tuple[Finding, ...] = ()
    document: Document | None = None
    later: int = 0                  # for fix: fixes applied after the first pass (model.FixResult)
    estimate: Estimate | None = None  # for check, when asked: the estimated error rate (cleaner/score.py)


def _with_path(findings, path: str) -> tuple[Finding, ...]:
    return tuple(replace(f, path=path) for f in findings)


def _read(path: str, encoding: str) -> Document | FileResult:
    """The document, or the FileResult that reports why it could not be read."""
    try:
        return read_document(path, encoding)
    except DocumentError as exc:
        return FileResult(path, error=str(exc))
    except SkippedFile as exc:
        return FileResult(path, note=str(exc))


def check_file(path: str, config: Config, encoding: str = "utf-8") -> FileResult:
    """The file's findings, with its text (reports show snippets; baselines hash around spans)."""
    doc = _read(path, encoding)
    if isinstance(doc, FileResult):
        return doc
    return FileResult(path, findings=_with_path(check_text(doc.text, config), path), original=doc.text)


def check_document(doc: Document, config: Config) -> FileResult:
    """check_file for a document already read (standard input)."""
    return FileResult(doc.path, findings=_with_path(check_text(doc.text, config), doc.path), original=doc.text)


def fix_document(doc: Document, config: Config, unsafe: bool) -> FileResult:
    """fix_file for a document already read (standard input)."""
    result = fix_text(doc.text, unsafe=unsafe, config=config)
    return FileResult(doc.path, findings=_with_path(result.remaining, doc.path), original=doc.text,
                      fixed=result.text if result.text != doc.text else None,
                      applied=_with_path(result.applied, doc.path), document=doc, later=result.later)


def fix_file(path: str, config: Config, unsafe: bool, encoding: str = "utf-8") -> FileResult:
    doc = _read(path, encoding)
    if isinstance(doc, FileResult):
        return doc
    result = fix_text(doc.text, unsafe=unsafe, config=config)
    fixed = result.text if result.text != doc.text else None
    return FileResult(
        path,
        findings=_with_path(result.remaining, path),
        original=doc.text,
        fixed=fixed,
        applied=_with_path(result.applied, path),
        document=doc,
        later=result.later,
    )
