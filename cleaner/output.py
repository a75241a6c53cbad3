"""Render findings for people (text) and programs (json)."""
from __future__ import annotations

import json
from collections import Counter

from .model import Applicability, Finding


def _show(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n") if text else "(delete)"


def format_text_line(f: Finding) -> str:
    line = f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}"
    if f.suggestions:
        line += f" (suggestion: {_show(f.suggestions[0])})"
    return line


def summary_line(findings: list[Finding], files: int) -> str:
    if not findings:
        return f"All clean: no findings in {files} file{'s' if files != 1 else ''}."
    by_severity = Counter(f.severity.value for f in findings)
    safe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.UNSAFE)
    parts = ", ".join(f"{by_severity[s]} {s}" for s in ("error", "warning", "info") if by_severity[s])
    text = f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} ({parts}) in {files} file{'s' if files != 1 else ''}."
    if safe:
        text += f" {safe} fixable with `cleaner fix`."
    if unsafe:
        text += f" {unsafe} more with `cleaner fix --unsafe`."
    return text


def format_text(findings: list[Finding], files: int) -> str:
    lines = [format_text_line(f) for f in findings]
    lines.append(summary_line(findings, files))
    return "\n".join(lines) + "\n"


def format_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2) + "\n"
