"""A word-level view of what `fix` changes, for reading (`fix --word-diff`).

In the style of `git diff --word-diff`: removed text as [-old-], added text as
{+new+}, each change shown with a window of CONTEXT characters around it rather
than its whole line, since a transcript line is often a whole paragraph. It is
not a patch; `fix --diff` stays the patchable unified diff."""
from __future__ import annotations

import difflib
import re

from cleaner.positions import LineIndex

CONTEXT = 30            # characters of unchanged text shown either side of a change
MAX_HUNK = 60           # a run of close changes longer than this starts a new line
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
RED, GREEN, RESET = "\x1b[31m", "\x1b[32m", "\x1b[0m"


def _visible(text: str) -> str:
    return text.replace("\r", "").replace("\n", "⏎").replace("\t", "→")


def changes(before: str, after: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in `before`, word by word, in order."""
    out: list[tuple[int, int, str]] = []
    old_lines, new_lines = _LINE.findall(before), _LINE.findall(after)
    old_at = [0]
    for line in old_lines:
        old_at.append(old_at[-1] + len(line))
    new_at = [0]
    for line in new_lines:
        new_at.append(new_at[-1] + len(line))
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        a0, b0 = old_at[i1], new_at[j1]
        old, new = before[a0:old_at[i2]], after[b0:new_at[j2]]
        old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
        old_pos = [0]
        for t in old_tokens:
            old_pos.append(old_pos[-1] + len(t))
        words = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
        for wtag, k1, k2, m1, m2 in words.get_opcodes():
            if wtag != "equal":
                out.append((a0 + old_pos[k1], a0 + old_pos[k2], "".join(new_tokens[m1:m2])))
    return out


def _hunks(edits, before: str):
    """Changes closer than CONTEXT characters share one hunk, up to MAX_HUNK characters of it."""
    hunk: list = []
    for edit in edits:
        if hunk and (edit[0] - hunk[-1][1] > CONTEXT or edit[1] - hunk[0][0] > MAX_HUNK):
            yield hunk
            hunk = []
        hunk.append(edit)
    if hunk:
        yield hunk


def _left(before: str, start: int, floor: int = 0) -> str:
    """Context before a hunk: on its line, after the previous hunk (`floor`), at most CONTEXT."""
    line_start = max(before.rfind("\n", 0, start) + 1, start - CONTEXT, floor)
    text = before[line_start:start]
    if line_start > 0 and before[line_start - 1] != "\n":
        space = text.find(" ")
        text = "…" + (text[space + 1:] if 0 <= space < CONTEXT // 2 else text)
    return text


def _right(before: str, end: int, ceiling: int) -> str:
    """Context after a hunk: on its line, before the next hunk (`ceiling`), at most CONTEXT."""
    line_end = before.find("\n", end)
    line_end = min(ceiling, len(before) if line_end == -1 else line_end)
    stop = min(line_end, end + CONTEXT)
    text = before[end:stop]
    if stop < line_end:
        space = text.rfind(" ")
        text = (text[:space] if space > CONTEXT // 2 else text) + "…"
    return text


def word_diff(before: str, after: str, path: str, color: bool = False) -> str:
    """One line per hunk: `path:line: …context [-old-]{+new+} context…`."""
    if before == after:
        return ""
    index = LineIndex(before)
    out = []
    floor = 0
    hunks = list(_hunks(changes(before, after), before))
    for n, hunk in enumerate(hunks):
        ceiling = hunks[n + 1][0][0] if n + 1 < len(hunks) else len(before)
        parts = [_left(before, hunk[0][0], floor)]
        floor = hunk[-1][1]
        cursor = hunk[0][0]
        for start, end, new in hunk:
            parts.append(before[cursor:start])
            if end > start:
                old = f"[-{_visible(before[start:end])}-]"
                parts.append(f"{RED}{old}{RESET}" if color else old)
            if new:
                added = f"{{+{_visible(new)}+}}"
                parts.append(f"{GREEN}{added}{RESET}" if color else added)
            cursor = end
        parts.append(_right(before, cursor, ceiling))
        line, _ = index.line_col(hunk[0][0])
        out.append(f"{path}:{line}: " + "".join(parts).replace("\r", "").replace("\n", "⏎"))
    return "\n".join(out) + "\n"
