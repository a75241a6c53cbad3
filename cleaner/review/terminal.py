"""Single keypresses from a terminal: cbreak mode for the whole session, cooked
mode again for the `e` prompt, and the saved settings restored on every exit.

cbreak (not raw) keeps ISIG, so Ctrl-C still arrives as SIGINT and unwinds the
session like any KeyboardInterrupt. Modes are switched with TCSANOW, never
TCSAFLUSH, so keys typed ahead are not thrown away.
"""
from __future__ import annotations

import os
import select
import sys

try:
    import termios
except ImportError:  # pragma: no cover - Windows
    termios = None


class NotATerminal(Exception):
    pass


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty() and termios is not None
    except (ValueError, OSError):
        return False


class Terminal:
    def __init__(self, fd: int | None = None) -> None:
        self.fd = sys.stdin.fileno() if fd is None else fd
        self.saved = None

    def __enter__(self) -> "Terminal":
        if termios is None or not os.isatty(self.fd):
            raise NotATerminal()
        self.saved = termios.tcgetattr(self.fd)
        self._cbreak()
        return self

    def __exit__(self, *exc) -> None:
        self._restore()

    def _cbreak(self) -> None:
        mode = termios.tcgetattr(self.fd)
        mode[3] &= ~(termios.ECHO | termios.ICANON)
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        termios.tcsetattr(self.fd, termios.TCSANOW, mode)

    def _restore(self) -> None:
        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSANOW, self.saved)

    def _pending(self, timeout: float) -> bool:
        return bool(select.select([self.fd], [], [], timeout)[0])

    def read_key(self) -> str:
        """One keypress as a string; escape sequences (arrow keys) come back as 'ESC'."""
        first = os.read(self.fd, 1)
        if not first:
            raise EOFError
        if first == b"\x1b":
            while self._pending(0.03):
                os.read(self.fd, 16)
            return "ESC"
        data = first
        # A UTF-8 lead byte: read its continuation bytes too.
        need = 1 if first[0] >= 0xC0 else 0
        need += 1 if first[0] >= 0xE0 else 0
        need += 1 if first[0] >= 0xF0 else 0
        for _ in range(need):
            data += os.read(self.fd, 1)
        return data.decode("utf-8", "replace")

    def read_line(self, prompt: str) -> str | None:
        """A line typed in cooked mode (echo, backspace work); None at end of input."""
        self._restore()
        try:
            sys.stdout.write(prompt)
            sys.stdout.flush()
            line = b""
            while True:
                chunk = os.read(self.fd, 1024)
                if not chunk:
                    return None
                line += chunk
                if line.endswith(b"\n"):
                    break
            return line.decode("utf-8", "replace").rstrip("\r\n")
        finally:
            self._cbreak()
