"""Read a transcript into text and write it back byte-identical wherever no
edit applies. The decoded text keeps the file's own newlines (CRLF, CR, LF or a
mix) and final-newline state; only the BOM is held aside."""
from __future__ import annotations

import codecs
import hashlib
import os
import stat
from dataclasses import dataclass

from cleaner import signals, tempfiles


class DocumentError(Exception):
    """Reading or writing failed. str() is one line naming the file and the problem."""


class SkippedFile(Exception):
    """Not a text file we should touch (binary, special file). str() says why."""


# Encodings in which a NUL byte never occurs in real text, so NUL means binary.
_WIDE = ("utf-16", "utf-32")


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    encoding: str
    bom: bytes
    mtime_ns: int
    size: int
    digest: str = ""   # of the bytes as read; a write checks the file still has them

    def encode(self, text: str) -> bytes:
        try:
            return self.bom + text.encode(self.encoding)
        except UnicodeEncodeError as exc:
            bad = text[exc.start:exc.end]
            raise DocumentError(
                f"{self.path}: the corrected text has {bad!r}, which {self.encoding} cannot encode"
            ) from None


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def normal_encoding(path: str, encoding: str) -> str:
    """The codec's canonical name ('latin-1' -> 'iso8859-1'); utf-8-sig counts as utf-8."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise DocumentError(f"{path}: unknown encoding {encoding!r}") from None
    return "utf-8" if name == "utf-8-sig" else name


def decode(path: str, data: bytes, encoding: str = "utf-8") -> tuple[str, bytes]:
    """Decode bytes; returns (text, bom). Raises DocumentError or SkippedFile."""
    encoding = normal_encoding(path, encoding)
    if b"\x00" in data and not encoding.startswith(_WIDE):
        raise SkippedFile(f"{path}: skipped, contains NUL bytes (binary file?)")
    bom = b""
    if encoding == "utf-8" and data.startswith(codecs.BOM_UTF8):
        bom, data = codecs.BOM_UTF8, data[len(codecs.BOM_UTF8):]
    try:
        return data.decode(encoding), bom
    except UnicodeDecodeError as exc:
        offset = exc.start + len(bom)
        raise DocumentError(
            f"{path}: not valid {encoding} at byte {offset} (0x{data[exc.start]:02x}); "
            "use --encoding to name the file's encoding"
        ) from None


def _read_bytes(path: str) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its stat, refusing anything but a regular file.

    Opened non-blocking and checked with fstat on the open descriptor, so a
    FIFO never blocks the run and a file swapped after the check is still caught.
    """
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(f"{path}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise SkippedFile(f"{path}: skipped, not a regular file")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb", closefd=True) as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise SkippedFile(f"{path}: skipped, not a regular file")
        return handle.read(), info


def read_document(path: str, encoding: str = "utf-8") -> Document:
    try:
        data, info = _read_bytes(path)
    except FileNotFoundError:
        what = "broken symbolic link" if os.path.islink(path) else "no such file"
        raise DocumentError(f"{path}: {what}") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    digest = _digest(data)
    text, bom = decode(path, data, encoding)
    del data  # a 100 MB file should not sit in memory twice while rules run
    return Document(path, text, normal_encoding(path, encoding), bom, info.st_mtime_ns, info.st_size, digest)


def _unchanged_since_read(real: str, expect: Document) -> bool:
    try:
        now = os.stat(real)
    except OSError:
        return False
    if not stat.S_ISREG(now.st_mode) or now.st_size != expect.size:
        return False
    if not expect.digest:
        return now.st_mtime_ns == expect.mtime_ns
    # mtime can miss a same-size edit within one clock tick; the bytes cannot.
    try:
        with open(real, "rb") as handle:
            return _digest(handle.read()) == expect.digest
    except OSError:
        return False


def _writable(real: str, mode: int) -> bool:
    # Root passes os.access on anything; a file with no write bit at all is still
    # read-only by intent, and we honour that.
    return os.access(real, os.W_OK) and bool(mode & 0o222)


def write_atomic(target: str, data: bytes, *, expect: Document | None = None) -> None:
    """Write through a temporary file in the same folder (cleaner/tempfiles.py: unnamed until
    it is complete, where the system allows), fsync, then os.replace.

    A symlink is followed: its target is replaced and the link stays a link.
    The file's permission bits (and owner, where we may set it) are kept.
    With `expect`, the write is refused when the file changed since it was read.
    SIGINT/SIGTERM wait until the replace is done, so the file is old or new, never partial.
    """
    real = os.path.realpath(target)
    folder = os.path.dirname(real) or "."
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise DocumentError(f"{target}: cannot write ({exc.strerror or exc})") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise DocumentError(f"{target}: is a directory; not written")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise DocumentError(f"{target}: not a regular file; not written")
    mode = stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask()
    if expect is not None and not _unchanged_since_read(real, expect):
        raise DocumentError(f"{target}: changed on disk since it was read; not written")
    if info is not None and not _writable(real, mode):
        raise DocumentError(f"{target}: read-only or not writable (permission denied); not written")

    def prepare(fd: int, name: str | None) -> None:
        if info is not None:
            _keep_owner(fd, info)
        _set_mode(fd, name, mode)   # after the owner: chown may clear set-id bits

    remove_stale_temps(folder)
    with signals.deferred():
        tmp = None
        try:
            tmp = tempfiles.write_new(folder, data, prepare)
            os.replace(tmp, real)
        except tempfiles.CannotCreate as exc:
            raise DocumentError(f"{target}: cannot write to {folder} ({exc.strerror or exc})") from None
        except OSError as exc:
            if tmp is not None:
                tempfiles.remove(tmp)
            raise DocumentError(f"{target}: cannot write ({exc.strerror or exc}); file left as it was") from None
        except BaseException:
            if tmp is not None:
                tempfiles.remove(tmp)
            raise
        _sync_folder(folder)


_swept: set[str] = set()


def remove_stale_temps(folder: str) -> None:
    """Once per folder and process: remove the temp files of writers that were killed mid-write."""
    if folder not in _swept:
        _swept.add(folder)
        tempfiles.remove_stale(folder)


def _set_mode(fd: int, name: str | None, mode: int) -> None:
    if os.chmod in os.supports_fd or name is None:
        os.chmod(fd, mode)
    else:
        os.chmod(name, mode)


def _keep_owner(fd: int, info: os.stat_result) -> None:
    """When run as root on someone else's file, the new file keeps their ownership."""
    if not hasattr(os, "fchown"):
        return
    st = os.fstat(fd)
    if (st.st_uid, st.st_gid) != (info.st_uid, info.st_gid):
        try:
            os.fchown(fd, info.st_uid, info.st_gid)
        except OSError:
            pass  # not permitted: the file is still ours to write, keep going


def _sync_folder(folder: str) -> None:
    """fsync the folder so the rename itself survives a crash (POSIX only)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
