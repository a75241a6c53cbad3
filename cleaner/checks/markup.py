"""HTML character references left in plain text: "&amp;", "&nbsp;", "&#8217;".
A data table cannot list every numeric reference, so html.unescape decides."""
from __future__ import annotations

import html
import re

from cleaner.checks import register

ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# In a plain-text transcript a no-break space reads as a space.
PLAIN = {"\u00a0": " "}


@register("html-entity")
def html_entity(rule, ctx, options):
    for m in ENTITY.finditer(ctx.text):
        right = html.unescape(m.group())
        if right == m.group():
            continue  # "&c;" and other look-alikes that are no entity
        right = PLAIN.get(right, right)
        yield ctx.finding(rule, m.start(), m.end(), message=rule.message.format(found=m.group(), right=right),
                          replacement=right, suggestions=(right,))
