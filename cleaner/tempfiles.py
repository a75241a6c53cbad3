"""The temporary file behind an atomic write (document.write_atomic), and what a killed writer left.

Where the system has O_TMPFILE (Linux), the new content is written to a file with no name,
which the kernel deletes if the process dies. It gets a name only once it is complete and
synced, just before it is renamed over the target, so a SIGKILL or a power cut can leave a
temp file behind only in those few microseconds. Elsewhere (or on a file system without
O_TMPFILE) it is an ordinary hidden file for the whole write.

Either way the name says who wrote it: `.cleaner-PID-HOST-RANDOM.tmp`. The next run that
writes into that folder (and every `fix`) removes those whose writer no longer runs on this
host; a live writer's file, or another host's, is never touched.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tempfile

PREFIX = ".cleaner-"
SUFFIX = ".tmp"
_NAME = re.compile(r"\.cleaner-(\d+)-([0-9a-f]{8})-[0-9A-Za-z_]+\.tmp\Z")
# Errors linking an unnamed file that mean "not on this system" (no /proc, ...), not "cannot write".
_UNSUPPORTED = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT, errno.EXDEV, errno.EPERM,
                errno.ENOTDIR}

_unnamed = hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")
_host_tag: str | None = None


class CannotCreate(OSError):
    """The folder refuses a new file (permissions, read-only file system)."""


def host_tag() -> str:
    """8 hex digits naming this machine: process ids are only comparable on the same host."""
    global _host_tag
    if _host_tag is None:
        node = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
        _host_tag = hashlib.blake2b(node.encode("utf-8", "replace"), digest_size=4).hexdigest()
    return _host_tag


def _prefix() -> str:
    return f"{PREFIX}{os.getpid()}-{host_tag()}-"


def write_new(folder: str, data: bytes, prepare) -> str:
    """`data`, written and synced to a new file in `folder`, `prepare(fd, name)` applied
    (mode, owner); returns the file's temporary name, for the caller to rename or remove.
    Raises CannotCreate when no file can be made there, OSError for other failures."""
    if _unnamed:
        try:
            # Support depends on the file system, so a refusal here only concerns this folder.
            fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
        except OSError:
            fd = None      # the named way reports the folder's error in the usual words
        if fd is not None:
            name = None
            try:
                with os.fdopen(fd, "wb") as handle:
                    _fill(handle, data, prepare, None)
                    name = _link(handle.fileno(), folder)
            except BaseException:
                if name is not None:
                    remove(name)
                raise
            if name is not None:
                return name
    try:
        fd, name = tempfile.mkstemp(prefix=_prefix(), suffix=SUFFIX, dir=folder)
    except OSError as exc:
        raise CannotCreate(exc.errno, exc.strerror) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            _fill(handle, data, prepare, name)
    except BaseException:
        remove(name)
        raise
    return name


def _fill(handle, data: bytes, prepare, name: str | None) -> None:
    handle.write(data)
    handle.flush()
    os.fsync(handle.fileno())
    prepare(handle.fileno(), name)


def _link(fd: int, folder: str) -> str | None:
    """Give the unnamed file a temporary name (linkat through /proc, following the link);
    None when this system cannot, and the named way must be used instead."""
    global _unnamed
    try:
        folder_fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        _unnamed = False
        return None
    try:
        for _ in range(100):
            name = _prefix() + os.urandom(6).hex() + SUFFIX
            try:
                # dst_dir_fd makes CPython call linkat with AT_SYMLINK_FOLLOW; plain link() would
                # try to link the /proc symlink itself.
                os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=folder_fd, follow_symlinks=True)
                return os.path.join(folder, name)
            except FileExistsError:
                continue
            except OSError as exc:
                if exc.errno in _UNSUPPORTED:
                    _unnamed = False
                    return None
                raise
        raise FileExistsError(errno.EEXIST, "no free temporary name")
    finally:
        os.close(folder_fd)


def remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def remove_stale(folder: str) -> list[str]:
    """Remove the temp files in `folder` whose writer no longer runs on this host; their names."""
    removed: list[str] = []
    try:
        entries = os.scandir(folder)
    except OSError:
        return removed
    with entries:
        for entry in entries:
            match = _NAME.match(entry.name)
            if not match or match.group(2) != host_tag() or running(int(match.group(1))):
                continue
            try:
                if not stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
                    continue
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(entry.path)
    return removed


def running(pid: int) -> bool:
    """Whether process `pid` exists here. Unsure counts as running: a temp file is only
    removed when its writer is certainly gone."""
    if pid == os.getpid():
        return True
    if os.name != "posix" or pid <= 0:
        return True   # (on Windows os.kill would terminate the process, not test it)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True   # EPERM: it exists, under another user
    return True
