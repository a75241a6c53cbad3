"""Check and fix very large texts piece by piece, so memory stays a few times
the file's size whatever the rules build per document (word lists, indexes).

Texts up to CHUNK_CHARS go through the engine whole, unchanged. Longer texts
are cut at paragraph starts (the first line after a blank line, so a run of
blank lines is never split), else at a line start, else, inside one huge
line, after a sentence end, else after a space, else (a line with no space at
all) after a mark between two words; one token with no mark in it is never
cut (the words rules skip a token that long: Context.long_tokens). Each piece
is checked with CONTEXT characters of its neighbours on either side (the last
line before it, from its first word, and the first line after it) and keeps
only the findings that start inside it, so that a rule sees at a cut what it
sees in the whole text: a junk line that starts a piece goes with the blank
line before it, and a space before a cut is not taken for trailing white
space. A piece's fixes go to a fixpoint on it alone, after the already fixed
end of the piece before it. Findings and fixes are shifted back to whole-text
offsets, line numbers and (on a line cut in the middle) columns. Document-wide
statistics (running headers, the document lexicon) are then per piece of about
CHUNK_CHARS characters, which is still hundreds of pages. A million characters
rather than four: on a 10 MB single line, peak memory 549 -> 351 MB and CPU
87 -> 69 s; the eval documents are all far smaller, so their results cannot move.
"""
from __future__ import annotations

import re
from dataclasses import replace

from cleaner.config import DEFAULT_CONFIG
from cleaner.engine import check_text, fix_passes, fix_text
from cleaner.model import Edit, Finding, Fix, FixResult

CHUNK_CHARS = 1_000_000
_BREAK = r"(?:\r\n|\r|\n)"
_PARAGRAPH_START = re.compile(rf"{_BREAK}[ \t]*{_BREAK}(?:[ \t]*{_BREAK})*(?=[^\r\n])")
_LINE_START = re.compile(rf"{_BREAK}(?=[^\r\n])")
_LINE_BREAK = re.compile(_BREAK)
# Inside one huge line: after a sentence end, else after any run of blanks.
_SENTENCE_START = re.compile(r"[.!?][\"'’”)\]]*[ \t]+(?=[\"'‘“(\[]?[A-Z])")
_BLANKS = re.compile(r"[ \t]+(?=[^ \t\r\n])")
# A line with no blank at all: after a run of marks (not letters, digits or apostrophes) before a word.
_MARKS = re.compile(r"(?:[^\w\s'’]|_)+(?=[^\W_])")
_BLANK = re.compile(r"\s")
# Characters of the neighbouring text a piece is checked with, on either side.
CONTEXT = 400


def pieces(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans covering `text`, each about `size` characters or one whole line."""
    size = size or CHUNK_CHARS
    spans = []
    start = 0
    while len(text) - start > size:
        target = start + size
        window = min(len(text), target + size)
        cut = _PARAGRAPH_START.search(text, target, window) or _LINE_START.search(text, target, window) \
            or _SENTENCE_START.search(text, target, window) or _BLANKS.search(text, target, window) \
            or _MARKS.search(text, target)
        if cut is None:
            break
        spans.append((start, cut.end()))
        start = cut.end()
    spans.append((start, len(text)))
    return spans


def _count_lines(text: str, start: int, end: int) -> int:
    """Line breaks in text[start:end] (a CRLF split across the cut cannot happen: cuts follow a break)."""
    return sum(1 for _ in _LINE_BREAK.finditer(text, start, end))


def _column_at(text: str, offset: int) -> int:
    """Characters between the start of offset's line and offset (0 at a line start)."""
    return offset - max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) - 1


def _shift(finding: Finding, offset: int, lines: int, columns: int = 0) -> Finding:
    """Move a piece's finding to whole-text positions; `columns` is where the piece
    starts on its line, which only the piece's first line carries."""
    fix = finding.fix
    if fix is not None:
        fix = Fix(tuple(Edit(e.start + offset, e.end + offset, e.replacement) for e in fix.edits),
                  fix.applicability)
    return replace(finding, start=finding.start + offset, end=finding.end + offset,
                   line=finding.line + lines, end_line=finding.end_line + lines, fix=fix,
                   column=finding.column + (columns if finding.line == 1 else 0),
                   end_column=finding.end_column + (columns if finding.end_line == 1 else 0))


def _context_start(text: str, start: int) -> int:
    """Where the text a piece starting at `start` is checked with begins: the start of the
    last line before it that is not blank, or of the word CONTEXT characters back."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0:
        return 0
    floor = max(0, end - CONTEXT)
    begin = max(text.rfind("\n", floor, end), text.rfind("\r", floor, end)) + 1
    if begin > floor or floor == 0:
        return begin
    blank = _BLANK.search(text, floor, end)   # inside a long line: from a word start
    return blank.end() if blank else floor


def _context_end(text: str, end: int) -> int:
    """Where the text a piece ending at `end` is checked with ends: after the first line
    that follows it, or at the last blank within CONTEXT characters."""
    ceiling = min(len(text), end + CONTEXT)
    breaks = [i for i in (text.find("\n", end, ceiling), text.find("\r", end, ceiling)) if i != -1]
    if breaks:
        return min(breaks) + 1
    if ceiling == len(text):
        return ceiling
    blank = max(text.rfind(" ", end, ceiling), text.rfind("\t", end, ceiling))
    return blank if blank > end else ceiling


def check_large(text: str, config=None, size: int | None = None) -> list[Finding]:
    spans = pieces(text, size)
    if len(spans) == 1:
        return check_text(text, config)
    findings: list[Finding] = []
    lines = counted = 0   # line breaks in text[:counted]
    for start, end in spans:
        first, last = _context_start(text, start), _context_end(text, end)
        lines += _count_lines(text, counted, first)
        counted = first
        columns = _column_at(text, first)
        owned = _owner(start - first, end - first, end == len(text))
        findings.extend(_shift(f, first, lines, columns) for f in check_text(text[first:last], config)
                        if owned(f))
    return findings


def _owner(start: int, end: int, at_end: bool):
    """Whether a finding (in the coordinates of the text a piece is checked with) is the piece's:
    it starts inside the piece (or at the very end of the whole text)."""
    return lambda f: start <= f.start < end or at_end and f.start == end


def _fix_piece(before: str, own: str, after: str, unsafe: bool, config) -> FixResult:
    """Fix `own` to a fixpoint, checked between the fixed text before it and the text after it.
    Its findings are those that start in it, and those that cross into it from `before`: a
    seam that only the fixes made it (a junk line deleted after three blank lines makes a run
    of four, LAY204's); a fix may reach back into `before`, never forward into `after`."""
    first = len(before)

    def check(text: str) -> list[Finding]:
        end = len(text) - len(after)
        owned = _owner(first, end, not after)
        return [f if f.fix is None or f.fix.end <= end else replace(f, fix=None)
                for f in check_text(text, config) if owned(f) or f.start < first < f.end]

    return fix_passes(before + own + after, check, unsafe, config.max_passes)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _column_before_end(out: list[str], back: int) -> int:
    """The column of the position `back` characters before the end of the joined `out`."""
    column = 0
    for k in range(len(out) - 1, -1, -1):
        chunk = out[k]
        at = len(chunk) - back if k == len(out) - 1 else len(chunk)
        brk = max(chunk.rfind("\n", 0, at), chunk.rfind("\r", 0, at))
        if brk >= 0:
            return column + at - brk - 1
        column += at
    return column


def fix_large(text: str, unsafe: bool = False, config=None, size: int | None = None) -> FixResult:
    spans = pieces(text, size)
    if len(spans) == 1:
        return fix_text(text, unsafe=unsafe, config=config)
    config = config or DEFAULT_CONFIG
    out: list[str] = []
    applied: list[Finding] = []
    remaining: list[Finding] = []
    passes = later = 0
    done = lines = 0   # characters and line breaks already in the output
    for start, end in spans:
        # The piece before is fixed: this one is checked after the fixed end of it, which it
        # may change where a finding crosses the seam, so that end is taken off and replaced.
        before = out[-1][_context_start(out[-1], len(out[-1])):] if out else ""
        after = text[end:_context_end(text, end)]
        result = _fix_piece(before, text[start:end], after, unsafe, config)
        fixed = result.text[:len(result.text) - len(after)]
        base = done - len(before)   # output offset of the checked text's first character
        if before:
            out[-1] = out[-1][:len(out[-1]) - len(before)]
            lines -= _count_lines(before, 0, len(before))
            kept = base + _common_prefix(before, fixed)
            # Findings crossing the seam are this piece's now; those on changed text are gone.
            remaining = [f for f in remaining if f.end <= min(done, kept)]
        done = base
        applied.extend(_shift(f, start - len(before), 0) for f in result.applied)
        columns = _column_before_end(out, 0) if out else 0
        remaining.extend(_shift(f, base, lines, columns) for f in result.remaining)
        passes = max(passes, result.passes)
        later += result.later
        out.append(fixed)
        done += len(fixed)
        lines += _count_lines(fixed, 0, len(fixed))
    return FixResult(text="".join(out), applied=tuple(applied), remaining=tuple(remaining), passes=passes,
                     later=later)
