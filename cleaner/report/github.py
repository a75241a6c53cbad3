"""GitHub Actions workflow commands: one annotation per finding, e.g.
::warning file=a.txt,line=2,col=1,endLine=2,endColumn=20,title=JNK701::Junk line ...

Escaping follows the Actions runner: in the message, % CR LF become %25 %0D %0A;
in property values also : and , become %3A and %2C."""
from __future__ import annotations

from cleaner.model import Finding
from cleaner.report.text import display_end

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github_line(f: Finding) -> str:
    end_line, end_col = display_end(f)
    props = [
        ("file", f.path),
        ("line", str(f.line)),
        ("col", str(f.column)),
        ("endLine", str(end_line)),
        ("endColumn", str(end_col)),
        ("title", f.rule),
    ]
    message = f"{f.message}"
    message += f.suggestion_note()
    prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{LEVEL.get(f.severity.value, 'warning')} {prop_text}::{escape_data(message)}"


def format_github(findings: list[Finding]) -> str:
    return "".join(format_github_line(f) + "\n" for f in findings)
