"""Drive a corpus run on a Dask cluster: plan the partitions, pass 1 (the
corpus table, unless the output already holds it), pass 2 on the partitions
not yet complete, then the `_SUCCESS` summary. The client only sends plans and
receives counts; all text is read and written by the workers."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from cleaner.config import Config
from cleaner.scale.lexicon_pass import build, from_tsv, to_tsv
from cleaner.scale.outputs import Output, read_or_none, write_whole
from cleaner.scale.sources import SourceOptions, plan
from cleaner.scale.work import MODES, run_part
from cleaner.version import __version__


@dataclass(frozen=True)
class CorpusRun:
    source: str
    output: str
    mode: str = "check"
    config: Config = field(default_factory=Config)
    unsafe: bool = False
    options: SourceOptions = field(default_factory=SourceOptions)
    corpus_lexicon: bool = True   # False: pass 1 is skipped and the table is empty

    def manifest(self, partitions: int) -> dict:
        config = asdict(self.config)
        config.pop("corpus_counts")
        config["words"] = sorted(config["words"])
        config["fail_on"] = self.config.fail_on.value
        return {
            "cleaner": __version__, "command": self.mode, "unsafe": self.unsafe, "source": self.source,
            "source_options": asdict(self.options), "config": config,
            "corpus_lexicon": self.corpus_lexicon, "partitions": partitions,
        }


class Progress:
    """What the run reports as it goes; the command line draws bars with it."""

    def stage(self, name: str, total: int) -> None:
        pass

    def advance(self) -> None:
        pass


def _local_exclude(run: CorpusRun) -> str | None:
    import fsspec.core

    fs, path = fsspec.core.url_to_fs(run.output)
    return path


def run_corpus(client, run: CorpusRun, progress: Progress | None = None) -> dict:
    """Run `run` on the cluster behind `client` and return the summary written to _SUCCESS.
    Raises SourceError, OutputError, or the first partition's failure after all others finished."""
    if run.mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    progress = progress or Progress()
    parts = plan(run.source, run.options, exclude=_local_exclude(run))
    out = Output(run.output)
    out.claim(run.manifest(len(parts)))

    table: tuple[tuple[str, int], ...] = ()
    if run.corpus_lexicon:
        stored = read_or_none(out.path("_lexicon.tsv"))
        if stored is not None:
            table = from_tsv(stored)
        else:
            progress.stage("counting words", len(parts))
            table = build(client, parts, run.options, progress.advance)
            write_whole(out.path("_lexicon.tsv"), to_tsv(table))

    done = out.completed()
    todo = [p for p in parts if p.name not in done]
    progress.stage(run.mode + "ing" if run.mode != "fix" else "fixing", len(parts))
    for _ in done:
        progress.advance()
    if todo:
        from distributed import as_completed

        # In a list: a bare tuple would be scattered element by element.
        shared = client.scatter([table], broadcast=True, hash=False)[0]
        futures = [client.submit(run_part, p, run.options, run.mode, run.config, run.unsafe, shared, run.output,
                                 retries=2, key=f"cleaner-{run.mode}-{p.name}-{_token(run)}") for p in todo]
        failed = []
        for future in as_completed(futures):
            if future.status == "error":
                failed.append(future)
            progress.advance()
        if failed:
            raise failed[0].exception()
    out.tidy()
    summary = _summary(run, len(parts), len(table), out.completed())
    write_whole(out.path("_SUCCESS"), (json.dumps(summary, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    return summary


def _token(run: CorpusRun) -> str:
    import hashlib

    return hashlib.sha1(repr(run).encode()).hexdigest()[:12]


def _summary(run: CorpusRun, partitions: int, words: int, done: dict[str, dict]) -> dict:
    totals: dict[str, int] = {}
    for counts in done.values():
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
    summary = {"command": run.mode, "partitions": partitions, "lexicon_words": words}
    summary.update(totals)
    if run.mode != "fix":
        for key in ("fixes", "changed"):
            summary.pop(key, None)
    return summary
