"""Reading the files a configuration or an option names (word lists, baselines,
decisions, configuration files) with bounds, so that no such file can hang the
run or exhaust memory: a device (`/dev/zero`), a FIFO or a socket is refused
before a byte is read, a file over its size limit is refused, and JSON is
checked for nesting depth before the parser (which recurses) sees it.

Transcripts themselves are read by cleaner.document, which has its own rules.
"""
from __future__ import annotations

import json
import os
import re
import stat

MB = 1024 * 1024
# Far above any real file of each kind (the largest Hunspell word lists are about 10 MB; a
# baseline entry is about 200 bytes, so 256 MB holds over a million findings), and far below
# what would exhaust a machine once parsed.
CONFIG_LIMIT = 16 * MB
WORD_LIST_LIMIT = 64 * MB
BASELINE_LIMIT = 256 * MB
DECISIONS_LIMIT = 256 * MB
# Baselines and decisions nest 3 levels; anything much deeper is not ours.
JSON_DEPTH_LIMIT = 64

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))
# Strings (whose brackets do not count) and the brackets themselves.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class RefusedFile(ValueError):
    """Not read: not a regular file, or too large. str() is the reason, without the path."""


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _size(limit: int) -> str:
    return f"{limit // MB} MB"


def read_bounded(path: str, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Raises RefusedFile, or OSError
    (FileNotFoundError, PermissionError, ...) for the caller to word."""
    # Non-blocking, so opening a FIFO returns at once instead of waiting for a writer; the
    # checks run on the open descriptor, so a file swapped after a path check is still caught.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFile(f"is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise RefusedFile(f"is larger than the {_size(limit)} limit ({info.st_size // MB} MB)")
        handle = open(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise
    with handle:
        data = handle.read(limit + 1)   # a file that grows while read is still bounded
    if len(data) > limit:
        raise RefusedFile(f"is larger than the {_size(limit)} limit")
    return data


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in `text`, found without recursion."""
    depth = deepest = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def loads_json(text: str, depth_limit: int = JSON_DEPTH_LIMIT):
    """json.loads, refusing (RefusedFile) input nested deeper than `depth_limit` first,
    so the recursive parser never meets a pathological file."""
    if json_depth(text) > depth_limit:
        raise RefusedFile(f"is JSON nested more than {depth_limit} levels deep")
    return json.loads(text)
