"""Pass 2: check, fix or score every document of one partition with the corpus
table, and write the partition's outputs. Runs in a Dask worker; takes plain
values (the partition plan, a Config, the table) and uses only the library API
(chunks.check_large / fix_large, the same calls `cleaner check` and `cleaner fix`
make per file), so a document's findings do not depend on where it ran.

A document that cannot be read or processed is recorded in the errors file and
the partition goes on."""
from __future__ import annotations

from dataclasses import replace

from cleaner.chunks import check_large, fix_large
from cleaner.config import Config
from cleaner.scale.outputs import MARKERS, join, jsonl, read_or_none, write_whole
from cleaner.scale.sources import Doc, Part, SourceOptions, read
from cleaner.score import estimate

MODES = ("check", "fix", "score")


def _finding_row(doc_id: str, finding) -> dict:
    row = {"id": doc_id}
    item = finding.to_json()
    del item["path"]
    row.update(item)
    return row


def _process(mode: str, doc: Doc, config: Config, unsafe: bool, rows: dict[str, list], counts: dict) -> None:
    if mode == "check":
        findings = check_large(doc.text, config)
        rows["findings"].extend(_finding_row(doc.id, f) for f in findings)
        counts["findings"] += len(findings)
        return
    if mode == "score":  # what `cleaner score` does per file: the check's findings, then the estimate
        findings = check_large(doc.text, config)
        rows["scores"].append({"id": doc.id, **estimate(doc.text, findings).to_json()})
        counts["findings"] += len(findings)
        return
    result = fix_large(doc.text, unsafe=unsafe, config=config)
    rows["findings"].extend(_finding_row(doc.id, f) for f in result.remaining)
    rows["fixes"].extend(_finding_row(doc.id, f) for f in result.applied)
    changed = result.text != doc.text
    rows["texts"].append({"id": doc.id, "text": result.text, "changed": changed})
    counts["findings"] += len(result.remaining)
    counts["fixes"] += len(result.applied)
    counts["changed"] += changed


def outputs_of(mode: str) -> tuple[str, ...]:
    return {"check": ("findings", "errors"), "fix": ("findings", "fixes", "texts", "errors"),
            "score": ("scores", "errors")}[mode]


def run_part(part: Part, options: SourceOptions, mode: str, config: Config, unsafe: bool,
             table: tuple[tuple[str, int], ...], out: str) -> dict:
    """Process one partition and write its files, the completion marker last. Returns its counts.
    A partition whose marker exists is not redone (a task retried after its worker died)."""
    import json

    marker = join(out, MARKERS, f"{part.name}.json")
    done = read_or_none(marker)
    if done is not None:
        return json.loads(done)
    config = replace(config, corpus_counts=tuple(table))
    names = outputs_of(mode)
    rows: dict[str, list] = {name: [] for name in names}
    counts = {"documents": 0, "errors": 0, "bytes": 0, "findings": 0, "fixes": 0, "changed": 0}
    for doc in read(part, options):
        counts["documents"] += 1
        if doc.text is None:
            rows["errors"].append({"id": doc.id, "reason": doc.reason})
            counts["errors"] += 1
            continue
        counts["bytes"] += len(doc.text.encode("utf-8", errors="surrogatepass"))
        try:
            _process(mode, doc, config, unsafe, rows, counts)
        except Exception as exc:  # a bug in a rule must not stop the corpus, nor hide the document
            rows["errors"].append({"id": doc.id, "reason": f"internal error ({type(exc).__name__}: {exc})"})
            counts["errors"] += 1
    for name in names:
        write_whole(join(out, name, f"{part.name}.jsonl"), jsonl(rows[name]))
    write_whole(marker, (json.dumps(counts, sort_keys=True) + "\n").encode("utf-8"))
    return counts
