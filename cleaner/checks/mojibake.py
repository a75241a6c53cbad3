"""Mojibake: text decoded with the wrong encoding ("schÃ¶n" for "schön").
ftfy finds and undoes it; its explanation (the steps it applied) goes into the
message so the user can see why the change is right."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from cleaner.checks import register
from cleaner.model import Edit

_CONFIG = None
# ftfy (6.x) changes a line only if its badness heuristic matches, or it holds a C1
# control or a lone surrogate. Every badness pattern needs two non-ASCII characters
# side by side, or one of C1, Œ/œ, Ã/Â. A line without any of these is left as it
# is, so ftfy (and its ~60 ms import) is skipped for ordinary text with accents.
MAYBE_MOJIBAKE = re.compile(r"[\x80-\x9f\ud800-\udfff\u0152\u0153\u00c3\u00c2]|[^\x00-\x7f]{2}")


def _config():
    """Only the encoding repairs: quotes, ligatures, widths and HTML belong to other rules."""
    global _CONFIG
    if _CONFIG is None:
        import ftfy

        _CONFIG = ftfy.TextFixerConfig(
            unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
            fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
            remove_control_chars=False, normalization=None, explain=True,
        )
    return _CONFIG


def _explain(steps) -> str:
    return ", ".join(f"{name}" if kind == "apply" else f"{kind} {name}" for kind, name in steps or [])


@register("mojibake")
def mojibake(rule, ctx, options):
    text = ctx.text
    if not MAYBE_MOJIBAKE.search(text):
        return
    import ftfy

    for start, end in ctx.lines:
        line = text[start:end]
        if line.isascii() or not MAYBE_MOJIBAKE.search(line):
            continue
        fixed, steps = ftfy.fix_and_explain(line, config=_config())
        if fixed == line:
            continue
        explanation = _explain(steps)
        # One finding per changed stretch, so each edit is as small as the damage.
        matcher = SequenceMatcher(None, line, fixed, autojunk=False)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag == "equal":
                continue
            # Widen to whole words: a finding on "Ã¶" alone reads badly.
            while a0 > 0 and not line[a0 - 1].isspace() and b0 > 0 and line[a0 - 1] == fixed[b0 - 1]:
                a0 -= 1
                b0 -= 1
            while a1 < len(line) and b1 < len(fixed) and not line[a1].isspace() and line[a1] == fixed[b1]:
                a1 += 1
                b1 += 1
            yield ctx.finding(
                rule, start + a0, start + a1,
                message=rule.message.format(fixed=fixed[b0:b1], explanation=explanation),
                edits=[Edit(start + a0, start + a1, fixed[b0:b1])], suggestions=(fixed[b0:b1],),
            )
