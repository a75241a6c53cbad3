"""Mixed-script words: a Cyrillic "о" or Greek "ο" inside a Latin word looks
right on screen but defeats search and spelling. A word mostly in one script
with a few look-alike letters from another gets those letters replaced."""
from __future__ import annotations

import unicodedata

from cleaner.checks import register
from cleaner.model import Edit

# Look-alikes that OCR engines and keyboards swap in, both directions.
CYRILLIC_TO_LATIN = dict(zip("АВСЕНІЈКМОРЅТХУаеіјорсѕхуԁһӏ", "ABCEHIJKMOPSTXYaeijopcsxydhl", strict=False))
GREEK_TO_LATIN = dict(zip("ΑΒΕΗΙΚΜΝΟΡΤΥΧΖαοικνρτυχ", "ABEHIKMNOPTYXZaoikvptux", strict=False))
TO_LATIN = {**CYRILLIC_TO_LATIN, **GREEK_TO_LATIN}
LATIN_TO_CYRILLIC = {v: k for k, v in CYRILLIC_TO_LATIN.items()}


def script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for candidate in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(candidate):
            return candidate
    return "OTHER"


@register("mixed-script-word")
def mixed_script(rule, ctx, options):
    if ctx.text.isascii():
        return  # no word can mix scripts; one C-level test instead of one per word
    for start, end, word in ctx.words:
        if word.isascii():
            continue  # the common case: plain Latin
        scripts = [script(c) for c in word]
        kinds = {s for s in scripts if s}
        if len(kinds) < 2 or "OTHER" in kinds:
            continue
        counts = {k: scripts.count(k) for k in kinds}
        main = max(sorted(kinds), key=lambda k: (counts[k], k == "LATIN"))
        table = TO_LATIN if main == "LATIN" else LATIN_TO_CYRILLIC if main == "CYRILLIC" else {}
        edits = []
        strays = []
        for i, (char, s) in enumerate(zip(word, scripts, strict=False)):
            if s and s != main:
                strays.append(f"{char} ({unicodedata.name(char, '?').title()})")
                if char in table:
                    edits.append(Edit(start + i, start + i + 1, table[char]))
        fixable = len(edits) == len(strays)
        yield ctx.finding(
            rule, start, end,
            message=rule.message.format(script=main.title(), strays=", ".join(strays)),
            edits=edits if fixable else None,
        )
