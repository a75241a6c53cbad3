"""The json format: the stable contract, a JSON array with one object per finding.

`check --estimate` asks for more, so it gets an object instead (additive: the array
is unchanged, under "findings"): {"findings": [...], "files": [one estimate per file]}."""
from __future__ import annotations

import json

from cleaner.model import Finding


def format_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2) + "\n"


def json_item(f: Finding, path: str) -> str:
    """One element of format_json's array, indented as json.dumps(indent=2) indents it there."""
    item = f.to_json()
    item["path"] = path
    return "  " + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def format_json_with_files(findings: list[Finding], files: list[dict]) -> str:
    """`check --estimate`: the findings array and each file's estimated error rate."""
    document = {"findings": [f.to_json() for f in findings], "files": files}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
