"""Where a corpus comes from: a folder of text files, a glob, or JSON Lines
(one document per line), on a local disk or any fsspec URL (s3://, gs://,
https://...). The plan cuts the source into partitions of about a fixed number
of bytes, in sorted order, so the same source always gives the same partitions
whatever the number of workers (reruns and restarts rely on it).

A partition is read where it is processed: only its plan (paths and byte
ranges) travels to the worker, never the text."""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from fnmatch import fnmatch
from typing import Iterator

from cleaner.document import DocumentError, SkippedFile, decode
from cleaner.spelling.corpus import MAX_BYTES_PER_FILE

JSONL_ENDINGS = (".jsonl", ".ndjson", ".jsonl.gz", ".jsonl.bz2", ".jsonl.xz", ".ndjson.gz", ".ndjson.bz2")
COMPRESSED = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz"}


class SourceError(Exception):
    """The source cannot be listed. str() is one line."""


@dataclass(frozen=True)
class SourceOptions:
    glob: str = "*.txt"          # text files inside a folder
    jsonl: bool | None = None    # None: decided by the file names
    id_field: str = "id"
    text_field: str = "text"
    encoding: str = "utf-8"      # of text files (JSON Lines are UTF-8 by definition)
    partition_bytes: int = 1 << 20
    max_doc_bytes: int = 16 << 20  # a larger document is recorded as an error, not checked


@dataclass(frozen=True)
class Part:
    """One partition: text files (url, id, size), or JSON Lines blocks (url, offset, length);
    length -1 reads a whole (compressed) file."""

    index: int
    jsonl: bool
    items: tuple[tuple[str, str | int, int], ...]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


@dataclass(frozen=True)
class Doc:
    id: str
    text: str | None = None
    reason: str | None = None   # why the document is bad (text is None then)
    head: str | None = None     # for a document bigger than the corpus counter reads: its first part


def _compression(path: str) -> str | None:
    for ending, name in COMPRESSED.items():
        if path.endswith(ending):
            return name
    return None


def _is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_ENDINGS)


def _list(source: str, options: SourceOptions, exclude: str | None) -> tuple[object, str, list[tuple[str, int]]]:
    """(filesystem, root for document ids, [(path, size)] sorted)."""
    import fsspec.core

    try:
        fs, path = fsspec.core.url_to_fs(source)
    except (ImportError, ValueError) as exc:
        raise SourceError(f"{source}: cannot open ({exc})") from None
    try:
        if any(ch in path for ch in "*?["):
            found = fs.glob(path, detail=True)
            root = posixpath.dirname(path.split("*")[0].split("?")[0].split("[")[0].rstrip("/")) or "/"
            if "/" not in path:
                root = ""
        elif fs.isdir(path):
            pattern = "*.jsonl" if options.jsonl else options.glob
            found = {p: info for p, info in fs.find(path, detail=True).items() if fnmatch(posixpath.basename(p), pattern)
                     or (options.jsonl is None and _is_jsonl(p))}
            root = path
        elif fs.exists(path):
            found = {path: fs.info(path)}
            root = posixpath.dirname(path)
        else:
            raise SourceError(f"{source}: no such file or directory")
    except OSError as exc:
        raise SourceError(f"{source}: cannot list ({exc})") from None
    files = []
    for name, info in found.items():
        if info.get("type") == "directory":
            continue
        rel = posixpath.relpath(name, root) if root else name
        if any(part.startswith(".") for part in rel.split("/")):
            continue  # hidden files, and this run's own temporary files
        if exclude and (name == exclude or name.startswith(exclude.rstrip("/") + "/")):
            continue  # the output folder inside the source folder
        files.append((name, int(info.get("size") or 0)))
    files.sort()
    return fs, root, files


def plan(source: str, options: SourceOptions, exclude: str | None = None) -> list[Part]:
    """The partitions of `source`, in a fixed order. `exclude`: a folder (the output) to leave out."""
    fs, root, files = _list(source, options, exclude)
    if not files:
        raise SourceError(f"{source}: no documents found")
    step = max(1, options.partition_bytes)
    parts: list[Part] = []
    group: list = []
    size = 0

    def close(jsonl: bool) -> None:
        nonlocal group, size
        if group:
            parts.append(Part(len(parts), jsonl, tuple(group)))
        group, size = [], 0

    for name, length in files:
        url = fs.unstrip_protocol(name)
        jsonl = options.jsonl if options.jsonl is not None else _is_jsonl(name)
        if jsonl:
            close(False)
            if _compression(name) or length <= step:
                parts.append(Part(len(parts), True, ((url, 0, -1),)))
                continue
            for offset in range(0, length, step):
                parts.append(Part(len(parts), True, ((url, offset, step),)))
            continue
        group.append((url, posixpath.relpath(name, root) if root else name, length))
        size += length
        if size >= step:
            close(False)
    close(False)
    return parts


def _too_big(doc_id: str, size: int, options: SourceOptions) -> Doc | None:
    if size > options.max_doc_bytes:
        return Doc(doc_id, reason=f"huge: {size} bytes, over the limit of {options.max_doc_bytes}")
    return None


def _checked(doc_id: str, text: str, raw_size: int, options: SourceOptions, head=None) -> Doc:
    if not text.strip():
        return Doc(doc_id, reason="empty")
    return Doc(doc_id, text, head=head)


def _text_file(url: str, doc_id: str, options: SourceOptions) -> Doc:
    import fsspec

    try:
        with fsspec.open(url, "rb") as handle:
            data = handle.read(options.max_doc_bytes + 1)
    except OSError as exc:
        return Doc(doc_id, reason=f"cannot read: {exc}")
    big = _too_big(doc_id, len(data), options)
    if big:
        return big
    try:
        text, _bom = decode(doc_id, data, options.encoding)
    except DocumentError as exc:
        return Doc(doc_id, reason="bad encoding: " + str(exc).split(": ", 1)[-1])
    except SkippedFile as exc:
        return Doc(doc_id, reason="binary: " + str(exc).split(": ", 1)[-1])
    head = None
    if len(data) > MAX_BYTES_PER_FILE:  # what `cleaner check` counts of a big file (cleaner/corpus.py)
        head = data[:MAX_BYTES_PER_FILE].decode(options.encoding, errors="replace")
    return _checked(doc_id, text, len(data), options, head)


def _lines(url: str, offset: int, length: int) -> Iterator[bytes]:
    import fsspec
    import fsspec.core

    if length < 0:
        with fsspec.open(url, "rb", compression=_compression(url)) as handle:
            yield from handle
        return
    fs, path = fsspec.core.url_to_fs(url)
    # Dask's rule for byte blocks: a block owns every line that starts inside it.
    block = fs.read_block(path, offset, length, delimiter=b"\n")
    yield from block.splitlines(keepends=True)


def _json_doc(line: bytes, where: str, options: SourceOptions) -> Doc | None:
    if not line.strip():
        return None  # a blank line between records is not a document
    if len(line) > 2 * options.max_doc_bytes + 65536:  # escapes at most double a text; not worth parsing
        return Doc(where, reason=f"huge: a line of {len(line)} bytes, over the limit of {options.max_doc_bytes}")
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Doc(where, reason=f"bad encoding: not valid UTF-8 at byte {exc.start}")
    except ValueError as exc:
        return Doc(where, reason=f"not JSON: {exc}")
    if not isinstance(record, dict):
        return Doc(where, reason="not a JSON object")
    doc_id = record.get(options.id_field)
    doc_id = where if doc_id is None else str(doc_id)
    text = record.get(options.text_field)
    if not isinstance(text, str):
        return Doc(doc_id, reason=f"no text: field {options.text_field!r} missing or not a string")
    encoded = text.encode("utf-8", errors="surrogatepass")
    big = _too_big(doc_id, len(encoded), options)
    if big:
        return big
    try:
        encoded.decode("utf-8")
    except UnicodeDecodeError:
        return Doc(doc_id, reason="bad encoding: lone surrogate escape in the text")
    head = encoded[:MAX_BYTES_PER_FILE].decode("utf-8", errors="replace") if len(encoded) > MAX_BYTES_PER_FILE else None
    return _checked(doc_id, text, len(encoded), options, head)


def read(part: Part, options: SourceOptions) -> Iterator[Doc]:
    """The documents of one partition, in order; bad ones carry a reason instead of text."""
    if not part.jsonl:
        for url, doc_id, _size in part.items:
            yield _text_file(url, str(doc_id), options)
        return
    for url, offset, length in part.items:
        name = posixpath.basename(url)
        try:
            for number, line in enumerate(_lines(url, int(offset), length), 1):
                doc = _json_doc(line, f"{name}@{offset}:{number}", options)
                if doc is not None:
                    yield doc
        except (OSError, EOFError, ValueError) as exc:  # a damaged compressed file, an unreachable object
            yield Doc(f"{name}@{offset}", reason=f"cannot read: {exc}")
