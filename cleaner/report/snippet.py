"""The default text report: each finding with its source line and the span
marked, as ruff's default output shows code.

    a.txt:1:12: SPL801 “tbe” is not a dictionary word; probably “the” (or “be”)
      |
    1 | He went to tbe market and bought bread.
      |            ^^^ SPL801
      |
      = suggestions: the, be (unsafe fix: `cleaner fix --unsafe`)

OCR keeps whole paragraphs on one line, so a long line is shown as a window
of about WIDTH characters around the span, cut at spaces and marked with “…”.
Identical repeats (same rule, text and suggestion) are one entry that lists
every position; every finding is still its own entry in JSON, SARIF, GitHub
and baselines. Grouping never depends on how many lines a rule touches."""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict

from cleaner.model import Applicability, Finding
from cleaner.positions import LineIndex

WIDTH = 88          # characters of source shown per line
MAX_LINES = 3       # lines of a multi-line span shown before "…"
# A rule firing on more than FLOOD_SHARE of a file's lines (and more than FLOOD_MIN times,
# in a file of FLOOD_LINES lines or more) gets a note after the file's findings.
FLOOD_SHARE, FLOOD_MIN, FLOOD_LINES = 0.30, 20, 10

RESET, BOLD, DIM, GREEN, BLUE = "\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[32m", "\x1b[1;34m"
BY_SEVERITY = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}


def paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{RESET}" if color and text else text


def shown(text: str) -> str:
    """A suggestion as it reads in a report: deletions and line breaks visible."""
    if not text:
        return "(delete)"
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _printable(text: str) -> str:
    """One display cell per character: tabs and control characters become visible marks."""
    out = []
    for ch in text:
        if ch == "\t":
            out.append("→")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or unicodedata.combining(ch):
            out.append("·")
        elif unicodedata.east_asian_width(ch) in "WF":
            out.append("?")   # a wide character would shift the carets
        else:
            out.append(ch)
    return "".join(out)


def window(line: str, a: int, b: int, width: int = WIDTH) -> tuple[str, int, int]:
    """(shown line, span start, span end) with the line cut to about `width` around [a, b)."""
    if len(line) <= width:
        return line, a, b
    # A span wider than the window (a 5 MB token is one finding) is shown from its start.
    b = min(b, a + width - 10)
    span = max(1, b - a)
    room = max(10, width - min(span, width // 2))
    left = max(0, a - room // 2)
    right = min(len(line), max(b, a + 1) + (room - (a - left)))
    if right - left < width:   # near an end: use the room on the other side
        left = max(0, right - width)
    if left > 0:
        space = line.find(" ", left, a)
        left = space + 1 if space != -1 and space - left < 12 else left
    if right < len(line):
        space = line.rfind(" ", max(b, a + 1), right)
        right = space if space != -1 and right - space < 12 else right
    head = "…" if left > 0 else ""
    tail = "…" if right < len(line) else ""
    shift = len(head) - left
    b_shown = min(b, right) + shift
    return head + line[left:right] + tail, a + shift, max(a + shift, b_shown)


def _line_parts(f: Finding, index: LineIndex, text: str):
    """(line number, line text, span start, span end) for each line the span covers."""
    last = f.end_line
    if last > f.line and f.end_column == 1:
        last -= 1   # the span only ends with the line break
    for n in range(f.line, last + 1):
        start, end = index.line_span(n)
        a = max(f.start, start) - start
        b = min(f.end, end) - start
        if f.end > end and n == last:
            b = end - start + 1   # the line break is part of the span: mark one cell past the end
        yield n, text[start:end], a, max(a, b)


def snippet(f: Finding, index: LineIndex, text: str, color: bool = False) -> tuple[list[str], int]:
    """The marked source lines, and the width of their line-number gutter."""
    parts = list(_line_parts(f, index, text))
    if len(parts) > MAX_LINES:
        parts = parts[:MAX_LINES - 1] + [None] + parts[-1:]
    gutter = len(str(parts[-1][0]))
    bar = paint(" " * gutter + " |", BLUE, color)
    style = BY_SEVERITY.get(f.severity.value, "")
    out = [bar]
    for part in parts:
        if part is None:
            out.append(paint(" " * gutter + " …", BLUE, color))
            continue
        n, line, a, b = part
        # Cut first, then mark: _printable keeps one character per character and every
        # space a space, so the window is the same, and a long line (a whole document on
        # one line) is not walked again for each of its findings.
        line, a, b = window(line, a, b)
        line = _printable(line)
        marks = "^" * max(1, b - a)
        out.append(paint(f"{n:>{gutter}} |", BLUE, color) + (" " + line if line else ""))
        label = f" {f.rule}" if part is parts[-1] else ""
        out.append(bar + " " + " " * a + paint(marks + label, style, color))
    out.append(bar)
    return out, gutter


def _help_lines(f: Finding, places: list[Finding], gutter: int, color: bool, show_evidence: bool) -> list[str]:
    pad = " " * gutter + " = "
    out = []
    if f.suggestions:
        names = ", ".join(paint(shown(s), GREEN, color) for s in f.suggestions)
        word = "suggestions" if len(f.suggestions) > 1 else "suggestion"
        how = ""
        if f.fix is not None:
            how = (" (safe fix: `cleaner fix`)" if f.fix.applicability is Applicability.SAFE
                   else " (unsafe fix: `cleaner fix --unsafe`)")
        out.append(f"{pad}{word}: {names}{how}")
    if f.also:
        out.append(f"{pad}also flagged by {', '.join(f.also)}")
    if show_evidence and f.evidence:
        out.append(f"{pad}evidence: {f.evidence}")
    if len(places) > 1:
        where = ", ".join(f"{p.line}:{p.column}" for p in places)
        out.append(f"{pad}{len(places)} times in this file, at {where}")
    return out


def header(f: Finding, path: str, color: bool) -> str:
    where = paint(path, BOLD, color) + paint(f":{f.line}:{f.column}:", DIM, color)
    code = paint(f.rule, BY_SEVERITY.get(f.severity.value, ""), color)
    marker = " [*]" if f.fix is not None and f.fix.applicability is Applicability.SAFE else ""
    return f"{where} {code}{marker} {f.message}"


def group_repeats(findings) -> list[list[Finding]]:
    """Identical repeats (rule, text, top suggestion, fix applicability) as one group, in first-seen order."""
    groups: dict[tuple, list[Finding]] = defaultdict(list)
    for f in findings:
        key = (f.rule, f.text, f.suggestions[:1], f.fix.applicability if f.fix else None)
        groups[key].append(f)
    return list(groups.values())


def flood_notes(findings, text: str) -> list[str]:
    """A note per rule that fires on a large share of a file's lines (an extra line, never a replacement)."""
    lines = sum(1 for line in text.splitlines() if line.strip())
    if lines < FLOOD_LINES:
        return []
    by_rule: dict[str, set] = defaultdict(set)
    counts: Counter = Counter()
    for f in findings:
        by_rule[f.rule].add(f.line)
        counts[f.rule] += 1
    notes = []
    for rule, touched in by_rule.items():
        if counts[rule] > FLOOD_MIN and len(touched) / lines > FLOOD_SHARE:
            notes.append(f"note: {rule} fires {counts[rule]} times on {len(touched)} of {lines} lines "
                         f"({round(100 * len(touched) / lines)}%): perhaps a house style or a conversion "
                         "trait rather than separate slips; `--ignore " + rule + "` silences it")
    return notes


def render_file(findings, text: str, path: str, color: bool = False, show_evidence: bool = False) -> str:
    """The full text report for one file's findings (sorted by position)."""
    if not findings:
        return ""
    index = LineIndex(text)
    out: list[str] = []
    for places in group_repeats(findings):
        f = places[0]
        lines, gutter = snippet(f, index, text, color)
        out.append(header(f, path, color))
        out.extend(lines)
        out.extend(_help_lines(f, places, gutter, color, show_evidence))
        out.append("")
    notes = flood_notes(findings, text)
    if notes:
        out.extend(notes + [""])
    return "\n".join(out) + "\n"


def concise_line(f: Finding, path: str, color: bool = False, show_evidence: bool = False) -> str:
    """One line per finding: the form `--format concise` keeps."""
    line = header(f, path, color)
    if f.suggestions:
        word = "suggestions" if len(f.suggestions) > 1 else "suggestion"
        line += f" ({word}: {', '.join(paint(shown(s), GREEN, color) for s in f.suggestions)})"
    if f.also:
        line += f" [also {', '.join(f.also)}]"
    if show_evidence and f.evidence:
        line += f" [{f.evidence}]"
    return line
