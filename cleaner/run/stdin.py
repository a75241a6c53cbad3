"""`-` as a path: the text comes from standard input (`check -` reports on it,
`fix -` writes the corrected text to standard output), as ruff and black do.
Its configuration is the one that governs the current folder."""
from __future__ import annotations

import sys

from cleaner.document import Document, decode, normal_encoding

STDIN = "-"


def wants_stdin(paths) -> bool:
    return STDIN in paths


def read_stdin(encoding: str = "utf-8") -> Document:
    """The whole of standard input as a Document named `-`. Raises DocumentError or SkippedFile."""
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else sys.stdin.read().encode(encoding)
    text, bom = decode(STDIN, data, encoding)
    return Document(STDIN, text, normal_encoding(STDIN, encoding), bom, 0, len(data))


def write_stdout(data: bytes) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:   # a text-only stream (tests, notebooks)
        sys.stdout.write(data.decode("utf-8", "replace"))
        return
    sys.stdout.flush()
    stream.write(data)
    stream.flush()
