"""Read a transcript into text and write it back byte-identical wherever no
edit applies. The decoded text keeps the file's own newlines (CRLF, CR, LF or a
mix) and final-newline state; only the BOM is held aside."""
from __future__ import annotations

import codecs
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path


class DocumentError(Exception):
    """Reading or writing failed. str() is one line naming the file and the problem."""


class SkippedFile(Exception):
    """Not a text file we should touch (binary, special file). str() says why."""


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    encoding: str
    bom: bytes
    mtime_ns: int
    size: int

    def encode(self, text: str) -> bytes:
        try:
            return self.bom + text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            bad = text[exc.start:exc.end]
            raise DocumentError(
                f"{self.path}: the corrected text has {bad!r}, which {self.encoding} cannot encode"
            ) from None


def decode(path: str, data: bytes, encoding: str = "utf-8") -> tuple[str, bytes]:
    """Decode bytes; returns (text, bom). Raises DocumentError or SkippedFile."""
    if b"\x00" in data and encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        raise SkippedFile(f"{path}: skipped, contains NUL bytes (binary file?)")
    bom = b""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig"):
        encoding = "utf-8"
        if data.startswith(codecs.BOM_UTF8):
            bom, data = codecs.BOM_UTF8, data[len(codecs.BOM_UTF8):]
    try:
        return data.decode(encoding), bom
    except UnicodeDecodeError as exc:
        offset = exc.start + len(bom)
        raise DocumentError(
            f"{path}: not valid {encoding} at byte {offset} (0x{data[exc.start]:02x}); "
            "use --encoding to name the file's encoding"
        ) from None
    except LookupError:
        raise DocumentError(f"{path}: unknown encoding {encoding!r}") from None


def read_document(path: str, encoding: str = "utf-8") -> Document:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(f"{path}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise SkippedFile(f"{path}: skipped, not a regular file")
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror})") from None
    text, bom = decode(path, data, encoding)
    return Document(path, text, encoding if not bom else "utf-8", bom, info.st_mtime_ns, info.st_size)


def write_atomic(target: str, data: bytes, *, expect: Document | None = None) -> None:
    """Write through a temp file in the same folder, fsync, then os.replace.

    A symlink is followed: its target is replaced and the link stays a link.
    With `expect`, the write is refused when the file changed since it was read.
    """
    real = os.path.realpath(target)
    folder = os.path.dirname(real) or "."
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    if expect is not None:
        now = os.stat(real)
        if (now.st_mtime_ns, now.st_size) != (expect.mtime_ns, expect.size):
            raise DocumentError(f"{target}: changed on disk since it was read; not written")
    if not os.access(real, os.W_OK) and os.path.exists(real):
        raise DocumentError(f"{target}: not writable (permission denied)")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".cleaner-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DocumentError(f"{target}: cannot write to {folder} ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
