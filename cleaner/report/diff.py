"""Unified diffs that `patch -p1` applies exactly, whatever the newline style."""
from __future__ import annotations

import difflib
import re
import sys

from cleaner.document import DocumentError

# patch splits lines on \n only, so CR and CRLF stay inside the line content.
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


def unified_diff(before: str, after: str, path: str, context: int = 3, bom: bytes | str = b"") -> str:
    """A diff `patch -p1` applies to the file's bytes. Pass the Document's `bom`:
    the decoded text leaves it out, but the file's first line starts with it."""
    if before == after:
        return ""
    if bom:
        mark = bom.decode("utf-8") if isinstance(bom, bytes) else bom
        before, after = mark + before, mark + after
    out = []
    for line in difflib.unified_diff(
        _lines(before), _lines(after), f"a/{path}", f"b/{path}", n=context, lineterm="\n"
    ):
        if line.startswith(("---", "+++")) and not line.endswith("\n"):
            line += "\n"
        if not line.endswith("\n"):
            line += "\n" + NO_NEWLINE
        out.append(line)
    return "".join(out)


def write_diff(diff: str, encoding: str, path: str, stream=None) -> None:
    """Write a diff in the file's own encoding, so `patch` matches its bytes.

    Wide encodings (UTF-16/32) cannot be patched line by line, so their diffs
    stay UTF-8 for reading. A correction the encoding cannot hold is an error,
    as it is for `fix`, rather than a diff that patches something else.
    """
    if not diff:
        return
    stream = stream if stream is not None else sys.stdout
    name = encoding.lower().replace("_", "-")
    target = "utf-8" if name.startswith(("utf-16", "utf-32")) else encoding
    try:
        data = diff.encode(target)
    except UnicodeEncodeError as exc:
        raise DocumentError(f"{path}: the diff has {exc.object[exc.start:exc.end]!r}, "
                            f"which {encoding} cannot encode") from None
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (tests, notebooks)
        stream.write(diff)
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()
