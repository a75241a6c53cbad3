"""Layout defects that need the whole document: a line repeated straight
after itself, and page furniture (page numbers, running headers) repeated
through the text."""
from __future__ import annotations

import re
from collections import defaultdict

from cleaner.checks import register

# "12", "- 12 -", "[12]", "p. 12", "Page 12", "xiv" — a line that is only a page number.
PAGE_NUMBER = re.compile(r"[-–—\[(]?\s*(?:(?:p\.|page)\s*)?(\d{1,4}|[ivxlc]{1,7})\s*[-–—\])]?", re.IGNORECASE)


def _content(ctx, start, end):
    raw = ctx.text[start:end]
    return raw.strip(), start + len(raw) - len(raw.lstrip())


@register("duplicate-line", min_length=int)
def duplicate_line(rule, ctx, options):
    previous = None
    for number, (start, end) in enumerate(ctx.lines, 1):
        content, lead = _content(ctx, start, end)
        if content and content == previous and len(content) >= options["min_length"]:
            yield ctx.finding(rule, lead, lead + len(content), edits=[ctx.delete_line_edit(number)])
        if content:
            previous = content
        # A blank line between two equal lines (two equal paragraphs) still counts as straight after.


def _standalone(ctx, number):
    """True when the line has a blank line or the text edge above or below it."""
    def blank(n):
        if not 1 <= n <= len(ctx.lines):
            return True
        s, e = ctx.lines[n - 1]
        return not ctx.text[s:e].strip()
    return blank(number - 1) or blank(number + 1)


@register("page-number", min_count=int)
def page_number(rule, ctx, options):
    found = []
    for number, (start, end) in enumerate(ctx.lines, 1):
        content, lead = _content(ctx, start, end)
        m = PAGE_NUMBER.fullmatch(content) if content else None
        if m and _standalone(ctx, number):
            found.append((number, lead, content, m.group(1)))
    arabic = [f for f in found if f[3].isdigit()]
    # Page numbers climb through the text; a lone "1" heading a list does not.
    rising = sum(1 for a, b in zip(arabic, arabic[1:], strict=False) if int(a[3]) < int(b[3]))
    if len(found) < options["min_count"] or (arabic and rising < (len(arabic) - 1) / 2):
        return
    for number, lead, content, _ in found:
        yield ctx.finding(rule, lead, lead + len(content), edits=[ctx.delete_line_edit(number)],
                          message=rule.message.format(count=len(found)))


@register("running-header", min_count=int, max_length=int)
def running_header(rule, ctx, options):
    seen = defaultdict(list)
    for number, (start, end) in enumerate(ctx.lines, 1):
        content, lead = _content(ctx, start, end)
        if not content or len(content) > options["max_length"] or not any(c.isalpha() for c in content):
            continue
        # Headers often carry the page number: "12 THE HISTORY OF ROME" and "THE HISTORY OF ROME 13".
        key = re.sub(r"^\d+\s+|\s+\d+$", "", content).lower()
        if not _standalone(ctx, number):
            continue
        seen[key].append((number, lead, content))
    for _key, places in seen.items():
        numbers = [n for n, _, _ in places]
        if len(places) < options["min_count"]:
            continue
        # Spread through the text: repeats on consecutive lines are duplicates, not furniture.
        if min(b - a for a, b in zip(numbers, numbers[1:], strict=False)) < 10:
            continue
        for number, lead, content in places:
            yield ctx.finding(rule, lead, lead + len(content), edits=[ctx.delete_line_edit(number)],
                              message=rule.message.format(count=len(places)))
