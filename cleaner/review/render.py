"""Draw one finding with rich: where it is, the rule and message, a few lines of
context with the flagged span highlighted, and the numbered suggestions.
Everything is cut to fit an 80x24 terminal: transcripts often hold a whole
paragraph on one line, so context is a window of characters, not whole lines."""
from __future__ import annotations

import unicodedata

from rich.console import Console
from rich.text import Text

from cleaner.positions import LineIndex
from cleaner.review.keys import HELP, PROMPT
from cleaner.review.session import Item, ReviewSession

SPAN_STYLE = "bold black on yellow"
ROWS_EACH_SIDE = 2     # rows of context before and after the span on its own line


def visible(text: str) -> str:
    """Control characters shown as escapes so they cannot move the cursor."""
    out = []
    for ch in text:
        if ch in "\n\t" or unicodedata.category(ch) != "Cc":
            out.append(ch)
        else:
            out.append(f"\\x{ord(ch):02x}")
    return "".join(out)


def _show(text: str) -> str:
    return "(delete)" if text == "" else visible(text).replace("\n", "⏎").replace("\r", "␍")


def _clip_left(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[-limit:]
    space = cut.find(" ")
    return "…" + (cut[space + 1:] if 0 <= space < limit // 3 else cut)


def _clip_right(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 2 // 3 else cut) + "…"


def context(text: str, start: int, end: int, width: int) -> Text:
    """The span's line (windowed), with one line either side, each cut to one row."""
    index = LineIndex(text)
    first, _ = index.line_col(start)
    last, _ = index.line_col(end)
    line_start, _ = index.line_span(first)
    _, line_end = index.line_span(last)
    budget = max(20, width * ROWS_EACH_SIDE - 8)
    out = Text()
    if first > 1:
        a, b = index.line_span(first - 1)
        out.append(_clip_left(visible(text[a:b]), width - 2) + "\n", style="dim")
    out.append(_clip_left(visible(text[line_start:start]), budget))
    span = text[start:end]
    if len(span) > width * 3:
        span = span[:width] + " … " + span[-width:]
    out.append(visible(span) if span else "▏", style=SPAN_STYLE)
    out.append(_clip_right(visible(text[end:line_end]), budget))
    if last < index.line_count:
        a, b = index.line_span(last + 1)
        out.append("\n" + _clip_right(visible(text[a:b]), width - 2), style="dim")
    return out


def preview(text: str, edits, width: int) -> Text:
    """The line as it would read after the top choice, the new text marked."""
    edits = sorted(edits)
    start, end = edits[0].start, edits[-1].end
    new = "".join(e.replacement for e in edits) if len(edits) == 1 else None
    line_start = max(text.rfind("\n", 0, start) + 1, 0)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    out = Text("after: ", style="dim")
    if new is None:   # several edits: show the changed stretch as it will read
        parts, cursor = [], start
        for e in edits:
            parts.append(text[cursor:e.start] + e.replacement)
            cursor = e.end
        new = "".join(parts)
    first_end = text.find("\n", start)
    if not new and start == line_start and 0 <= first_end < end:
        out.append("(the line is removed)", style="bold green")
        return out
    budget = max(20, width - 12)
    before = _clip_left(visible(text[line_start:start]), budget // 2)
    after = _clip_right(visible(text[end:line_end]), max(10, budget - len(before) - len(new)))
    out.append(before)
    out.append(visible(new).replace("\n", "⏎") if new else "▏", style="bold green")
    out.append(after)
    return out


def make_console(**kwargs) -> Console:
    return Console(highlight=False, emoji=False, markup=False, **kwargs)


def show_finding(console: Console, path: str, session: ReviewSession, message: str = "") -> None:
    item: Item = session.current
    f = item.finding
    width = min(console.width, 120)
    number, total = session.position
    if message:
        console.print(Text(message, style="dim italic"))
    console.rule(Text(f"{number}/{total}  {path}:{f.line}:{f.column}", style="bold"), align="left",
                 characters="─")
    head = Text()
    head.append(f.rule + " ", style="bold magenta")
    head.append(visible(f.message).replace("\n", " "))
    console.print(head, overflow="fold", crop=False, no_wrap=False, width=width)
    console.print(context(session.text, f.start, f.end, width), width=width, overflow="fold")
    labels = session.choices(item)
    if labels:
        row = Text()
        for n, label in enumerate(labels[:9], 1):
            row.append(f"{n}) ", style="bold cyan")
            row.append(_show(label)[:width // 2] + "   ")
        console.print(row, width=width)
        console.print(preview(session.text, session.edits_for(item, 1), width), width=width, overflow="fold")
    else:
        console.print(Text("(no suggestion: e to type one, n to skip)", style="dim"))
    console.print(Text(PROMPT, style="bold blue"), end="")


def show_prompt(console: Console, message: str = "") -> None:
    if message:
        console.print(Text(message, style="dim italic"))
    console.print(Text(PROMPT, style="bold blue"), end="")


def show_help(console: Console) -> None:
    console.print()
    console.print(Text(HELP))


def show_summary(console: Console, path: str, session: ReviewSession, saved: bool) -> None:
    s = session.state
    text = f"{path}: accepted {s.accepted}, edited {s.edited}, skipped {s.skipped}"
    if s.dropped:
        text += f", dropped {s.dropped} (overlapped a change made here)"
    if s.unflagged:
        text += f", {s.unflagged} no longer flagged after a change"
    if s.words:
        text += f"; {len(s.words)} word{'s' if len(s.words) != 1 else ''} added to the word list"
    text += "; saved." if saved else ("; not saved." if session.changed else "; no change.")
    console.print(Text(text, style="bold"))
