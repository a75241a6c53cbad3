"""Flagged text as a message shows it: quoted, short, and visible.

Every finding's message names the text it is about, so that a reader at column
477 of a 2,000-column paragraph need not count. Whitespace and invisible
characters are described, not quoted (a quoted space shows nothing)."""
from __future__ import annotations

import unicodedata

MAX_QUOTE = 40
_NAMES = {" ": "space", "\t": "tab", "\u00a0": "no-break space", "\n": "line break", "\r": "carriage return"}


def _visible(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\n":
            out.append("⏎")
        elif ch == "\r":
            continue
        elif ch == "\t":
            out.append("→")
        elif unicodedata.category(ch) in ("Cc", "Cf"):
            out.append(f"U+{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def describe_blank(text: str) -> str:
    """'3 spaces', 'a tab', '2 line breaks', '4 whitespace characters'."""
    kinds = {_NAMES.get(ch, "whitespace character") for ch in text.replace("\r\n", "\n")}
    count = len(text.replace("\r\n", "\n"))
    name = kinds.pop() if len(kinds) == 1 else "whitespace character"
    if count == 1:
        return f"a {name}" if name[0] not in "aeiou" else f"an {name}"
    return f"{count} {name}{'es' if name.endswith(('sh', 'ch', 'x')) else 's'}"


def quote(text: str) -> str:
    """“text”, cut to MAX_QUOTE characters with an ellipsis; blanks are described."""
    if not text.strip():
        return describe_blank(text) if text else "an empty place"
    shown = _visible(text.strip())
    if len(shown) > MAX_QUOTE:
        shown = shown[:MAX_QUOTE - 10].rstrip() + "…" + shown[-8:].lstrip()
    return f"“{shown}”"


def _lower_first(message: str) -> str:
    """'Junk line: ...' -> 'junk line: ...', but 'OCR ...' and 'HTML ...' keep their capitals."""
    first = message.split(" ", 1)[0]
    if first[:1].isupper() and sum(c.isupper() for c in first) == 1:
        return message[0].lower() + message[1:]
    return message


def with_quote(message: str, text: str) -> str:
    """The message, led by the quoted flagged text unless it already shows it."""
    core = text.strip()
    if core and (core in message or len(core) > MAX_QUOTE and core[:20] in message
                 or _visible(core) in message):   # "control character U+0000" already names it
        return message
    if not core:
        return f"{message} ({quote(text)})" if text else message
    return f"{quote(text)}: {_lower_first(message)}"
