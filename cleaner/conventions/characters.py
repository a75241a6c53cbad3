"""Printed character forms a transcription may keep on purpose: ligatures, long s,
`vv` for `w`, a space before `,` `;` `:` as old compositors set it.

Under `characters = auto` a form is the document's own convention when it is
used consistently: at least `MIN_USES` times and in at least `MIN_SHARE` of the
places where the form or its modern equivalent occurs. A stray ligature in a
normalised text stays a finding.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

AS_PRINTED, NORMALISED, AUTO = "as-printed", "normalised", "auto"
VALUES = (AS_PRINTED, NORMALISED, AUTO)
MIN_USES = 3
MIN_SHARE = 0.5


@dataclass(frozen=True)
class Form:
    name: str
    printed: re.Pattern      # the form as printed
    modern: re.Pattern       # where the modern equivalent is written instead
    in_finding: re.Pattern   # a finding's text (or the text just after it) shows the form


FORMS = {
    f.name: f for f in (
        Form("ligatures", re.compile("[\ufb00-\ufb06]"), re.compile("ff|fi|fl"), re.compile("[\ufb00-\ufb06]")),
        Form("long-s", re.compile("\u017f"), re.compile(r"s(?=\w)"), re.compile("\u017f")),
        Form("vv", re.compile(r"(?i)vv(?=[^\W\d_])"), re.compile(r"(?i)w(?=[^\W\d_])"), re.compile("(?i)vv")),
        Form("space-before-punctuation", re.compile(r"(?<=\w)[ \t]+[,;:]"), re.compile(r"(?<=\w)[,;:]"),
             re.compile(r"^[ \t]+$")),
    )
}


def kept_forms(text: str, setting: str = AUTO) -> frozenset[str]:
    """The forms this document keeps as printed."""
    if setting == AS_PRINTED:
        return frozenset(FORMS)
    if setting == NORMALISED:
        return frozenset()
    kept = set()
    for form in FORMS.values():
        printed = sum(1 for _ in form.printed.finditer(text))
        if printed < MIN_USES:
            continue
        modern = sum(1 for _ in form.modern.finditer(text))
        if printed >= MIN_SHARE * (printed + modern):
            kept.add(form.name)
    return frozenset(kept)
