"""The output folder of a corpus run, local or any fsspec URL:

    _run.json                 what was run (source, command, options): a rerun must match it
    _lexicon.tsv              pass 1's corpus table, word<TAB>occurrences, most frequent first
    findings/part-NNNNN.jsonl one finding per line, with the document's id
    fixes/part-NNNNN.jsonl    fix: the fixes applied, one per line
    texts/part-NNNNN.jsonl    fix: every good document's corrected text (id, text, changed)
    scores/part-NNNNN.jsonl   score: each document's estimated word error rate (cleaner/score.py)
    errors/part-NNNNN.jsonl   bad documents: id and reason
    _parts/part-NNNNN.json    written last for a partition: its counts. A partition with this
                              marker is complete and a rerun skips it.
    _SUCCESS                  written last for the run: the totals, as JSON

Every file is written whole or not at all (a temporary name, then a rename; an
object store's single upload is atomic by itself), so a crash leaves either the
old state or a complete partition. Nothing written depends on timing or on the
workers, so a rerun gives byte-identical files."""
from __future__ import annotations

import json
import os
import uuid

MARKERS = "_parts"


def _fs(url: str):
    import fsspec.core

    return fsspec.core.url_to_fs(url)


def write_whole(url: str, data: bytes) -> None:
    fs, path = _fs(url)
    protocols = fs.protocol if isinstance(fs.protocol, (tuple, list)) else (fs.protocol,)
    if "file" in protocols:
        folder, name = os.path.split(path)
        os.makedirs(folder, exist_ok=True)
        tmp = os.path.join(folder, f".{name}.{uuid.uuid4().hex}.tmp")
        try:
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        return
    fs.pipe_file(path, data)


def read_or_none(url: str) -> bytes | None:
    fs, path = _fs(url)
    try:
        return fs.cat_file(path)
    except (FileNotFoundError, OSError):
        return None


def join(base: str, *parts: str) -> str:
    return "/".join([base.rstrip("/"), *parts])


class OutputError(Exception):
    """The output folder cannot be used. str() is one line."""


class Output:
    def __init__(self, url: str) -> None:
        self.url = url

    def path(self, *parts: str) -> str:
        return join(self.url, *parts)

    def claim(self, manifest: dict) -> None:
        """Record what this run is, or check that the folder holds the same run."""
        data = (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
        found = read_or_none(self.path("_run.json"))
        if found is None:
            write_whole(self.path("_run.json"), data)
        elif found != data:
            raise OutputError(f"{self.url}: holds the output of a different run (see its _run.json); "
                              "use another --output folder")

    def completed(self) -> dict[str, dict]:
        """Counts of the partitions already complete, by partition name."""
        fs, path = _fs(self.path(MARKERS))
        try:
            names = fs.ls(path, detail=False)
        except (FileNotFoundError, OSError):
            return {}
        done = {}
        for name in names:
            base = name.rstrip("/").rsplit("/", 1)[-1]
            if base.startswith("part-") and base.endswith(".json"):
                data = read_or_none(self.path(MARKERS, base))
                if data is not None:
                    done[base[: -len(".json")]] = json.loads(data)
        return done

    def tidy(self) -> None:
        """Remove temporary files a killed worker left behind (local folders only)."""
        fs, path = _fs(self.url)
        try:
            names = fs.find(path, detail=False)
        except (FileNotFoundError, OSError):
            return
        for name in names:
            base = name.rsplit("/", 1)[-1]
            if base.startswith(".") and base.endswith(".tmp"):
                fs.rm_file(name)


def jsonl(rows) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")
