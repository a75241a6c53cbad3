"""SARIF 2.1.0 output for code-scanning tools (GitHub code scanning, IDE viewers).

Columns and character offsets count Unicode code points (columnKind
"unicodeCodePoints"), the same as every other cleaner output; endColumn is
exclusive, as SARIF defines it."""
from __future__ import annotations

import json
import os
from pathlib import Path

from cleaner.model import Finding
from cleaner.rulebook import default_rules
from cleaner.version import __version__

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """Relative paths stay relative (forward slashes); absolute ones become file: URIs."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return Path(path).as_posix().replace("%", "%25").replace(" ", "%20")


def _rule_descriptor(rule) -> dict:
    doc = rule.doc.strip() or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc},
        "help": {"text": f"{rule.summary}\n\n{doc}\n\nRun `cleaner explain {rule.code}` for examples."},
        "defaultConfiguration": {"level": LEVEL[rule.severity.value], "enabled": rule.enabled},
        "properties": {"fix": rule.applicability.value if rule.applicability else "none"},
    }


def _action(f: Finding) -> str:
    if not f.suggestions:
        return "apply the edit"
    return f"replace with {f.suggestions[0]!r}" if f.suggestions[0] else "delete"


def _fixes(f: Finding, uri: str) -> list[dict]:
    if not f.fix:
        return []
    replacements = [
        {
            "deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
            "insertedContent": {"text": e.replacement},
        }
        for e in f.fix.edits
    ]
    label = "safe fix" if f.fix.applicability.value == "safe" else "unsafe fix (review it)"
    return [{
        "description": {"text": f"{label}: {_action(f)}"},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
    }]


def _result(f: Finding, rule_index: dict[str, int]) -> dict:
    uri = artifact_uri(f.path)
    message = f.message + f.suggestion_note()
    region = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.start,
        "charLength": f.end - f.start,
        "snippet": {"text": f.text},
    }
    result = {
        "ruleId": f.rule,
        "level": LEVEL.get(f.severity.value, "warning"),
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
    }
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    fixes = _fixes(f, uri)
    if fixes:
        result["fixes"] = fixes
    properties = {"evidence": f.evidence} if f.evidence else {}
    if f.also:
        properties["alsoFlaggedBy"] = list(f.also)
    if properties:
        result["properties"] = properties
    return result


def _artifact(estimate: dict) -> dict:
    """A file's estimated word error rate (cleaner/score.py) as SARIF artifact properties."""
    return {
        "location": {"uri": artifact_uri(estimate["path"])},
        "properties": {
            "estimatedWordErrorRate": estimate["estimated_wer"],
            "estimatedWordErrorRateInterval": estimate["interval"],
            "words": estimate["words"],
            "topRules": estimate["top_rules"],
            "maxErrorRate": estimate["max_error_rate"],
            "overMaxErrorRate": estimate["over_limit"],
        },
    }


def sarif_log(findings: list[Finding], estimates: list[dict] | None = None) -> dict:
    """The log; `estimates` (Report.add_estimate's items) become run.artifacts with properties."""
    rules = list(default_rules())
    rule_index = {r.code: i for i, r in enumerate(rules)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cleaner",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_descriptor(r) for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, rule_index) for f in findings],
        }],
    }
    if estimates:
        log["runs"][0]["artifacts"] = [_artifact(e) for e in estimates]
    return log


def format_sarif(findings: list[Finding], estimates: list[dict] | None = None) -> str:
    return json.dumps(sarif_log(findings, estimates), ensure_ascii=False, indent=2) + "\n"
