"""`cleaner corpus check|fix|score SOURCE --output DIR`: the Dask front end on
the command line. Nothing here imports Dask until a command runs, so the rest
of the CLI starts as fast without the [dask] extra installed."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from cleaner.cli.options import (
    CONFIG_OPT,
    ENCODING,
    EXTEND_SELECT,
    GLOB,
    IGNORE,
    ISOLATED,
    SELECT,
    WORDS,
    overrides,
)
from cleaner.config.files import Resolver
from cleaner.run.parallel import default_jobs

app = typer.Typer(
    no_args_is_help=True,
    help="Check, fix or score a whole corpus on Dask, with a corpus-wide lexicon (needs the dask extra: see docs/corpus.md).",
)

SOURCE = typer.Argument(..., help="A folder of text files, a glob, or JSON Lines files (local path or fsspec URL).")
OUTPUT = typer.Option(..., "--output", "-o", help="Folder (or fsspec URL) for the partitioned JSON Lines outputs.")
WORKERS = typer.Option(None, "--workers", help="Single-threaded worker processes of the local cluster [default: cores].")
SCHEDULER = typer.Option(None, "--scheduler", help="Address of an existing Dask scheduler (tcp://host:8786).")
ID_FIELD = typer.Option("id", "--id-field", help="JSON Lines: the field holding the document id.")
TEXT_FIELD = typer.Option("text", "--text-field", help="JSON Lines: the field holding the text (impresso: ft).")
JSONL = typer.Option(None, "--jsonl/--text-files", help="Read the source as JSON Lines or as text files "
                     "[default: JSON Lines for *.jsonl, *.ndjson (also .gz, .bz2, .xz)].")
PARTITION_MB = typer.Option(1.0, "--partition-mb", help="Bytes of source per partition (unit of work and of output).")
MAX_DOC_MB = typer.Option(16.0, "--max-doc-mb", help="A larger document is recorded as an error instead of processed.")
NO_LEXICON = typer.Option(False, "--no-corpus-lexicon", help="Skip pass 1: check each document without the corpus table.")


def _err(message: str) -> None:
    print(f"cleaner: {message}", file=sys.stderr)


def _config(source: str, select, ignore, extend_select, words, config: Optional[Path], isolated: bool):
    settings = Resolver(overrides(select, ignore, extend_select, None, None, words, None),
                        str(config) if config else None, isolated)
    anchor = source if os.path.isdir(source) else os.path.dirname(os.path.abspath(source)) or os.getcwd()
    return settings.settings_for(os.path.join(os.path.abspath(anchor), "corpus")).config_for(
        os.path.join(os.path.abspath(anchor), "corpus"))


class _Bars:
    """Progress bars on stderr (drawn only on a terminal), one per pass."""

    def __init__(self, bar) -> None:
        self.bar, self.job = bar, None

    def stage(self, name: str, total: int) -> None:
        if self.job is not None:
            self.bar.remove_task(self.job)
        self.job = self.bar.add_task(name, total=total)

    def advance(self) -> None:
        self.bar.advance(self.job)


def _client(workers: Optional[int], scheduler: Optional[str]):
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                           dashboard_address=":8787", silence_logs=logging.ERROR)
    return Client(cluster), cluster


def _run(mode: str, source: str, output: str, unsafe: bool, workers, scheduler, id_field, text_field, jsonl, glob,
         encoding, partition_mb, max_doc_mb, no_lexicon, config) -> int:
    try:
        import distributed  # noqa: F401
    except ImportError:
        _err("`cleaner corpus` needs Dask: pip install 'cleaner[dask]'")
        return 2
    from rich.console import Console
    from rich.progress import Progress

    from cleaner.scale.outputs import OutputError
    from cleaner.scale.run import CorpusRun, run_corpus
    from cleaner.scale.sources import SourceError, SourceOptions

    options = SourceOptions(glob=glob, jsonl=jsonl, id_field=id_field, text_field=text_field, encoding=encoding,
                            partition_bytes=max(1, int(partition_mb * (1 << 20))),
                            max_doc_bytes=max(1, int(max_doc_mb * (1 << 20))))
    run = CorpusRun(source, output, mode, config, unsafe, options, corpus_lexicon=not no_lexicon)
    if workers is not None and workers < 1:
        _err("--workers must be at least 1")
        return 2
    console = Console(stderr=True)
    client, cluster = _client(workers, scheduler)
    try:
        console.print(f"Dask dashboard: {client.dashboard_link}", highlight=False, soft_wrap=True)
        with Progress(console=console, transient=True, disable=not sys.stderr.isatty()) as bar:
            summary = run_corpus(client, run, _Bars(bar))
    except (SourceError, OutputError) as exc:
        _err(str(exc))
        return 2
    except Exception as exc:  # a partition failed three times (worker deaths, unreadable object)
        _err(f"{source}: run stopped ({type(exc).__name__}: {exc}); rerun to resume from the completed partitions")
        return 2
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    parts = [f"{summary['documents']} documents ({summary['errors']} bad, see errors/)",
             f"{summary['partitions']} partitions", f"corpus lexicon {summary['lexicon_words']} words"]
    if "findings" in summary:
        parts.append(f"{summary['findings']} findings")
    if mode == "fix":
        parts.append(f"{summary['changed']} documents changed by {summary['fixes']} fixes")
    print(f"{mode}: " + ", ".join(parts) + f" -> {output}")
    return 0


def _common(mode, source, output, unsafe, workers, scheduler, id_field, text_field, jsonl, glob, encoding,
            partition_mb, max_doc_mb, no_lexicon, select, ignore, extend_select, words, config, isolated) -> int:
    resolved = _config(source, select, ignore, extend_select, words, config, isolated)
    return _run(mode, source, output, unsafe, workers, scheduler, id_field, text_field, jsonl, glob, encoding,
                partition_mb, max_doc_mb, no_lexicon, resolved)


@app.command("check")
def check(
    source: str = SOURCE, output: str = OUTPUT, workers: Optional[int] = WORKERS, scheduler: Optional[str] = SCHEDULER,
    id_field: str = ID_FIELD, text_field: str = TEXT_FIELD, jsonl: Optional[bool] = JSONL, glob: str = GLOB,
    encoding: str = ENCODING, partition_mb: float = PARTITION_MB, max_doc_mb: float = MAX_DOC_MB,
    no_corpus_lexicon: bool = NO_LEXICON, select: Optional[List[str]] = SELECT, ignore: Optional[List[str]] = IGNORE,
    extend_select: Optional[List[str]] = EXTEND_SELECT, words: Optional[List[str]] = WORDS,
    config: Optional[Path] = CONFIG_OPT, isolated: bool = ISOLATED,
) -> int:
    """Findings for every document: findings/*.jsonl. Exit 0 when the run completes, 2 on error."""
    return _common("check", source, output, False, workers, scheduler, id_field, text_field, jsonl, glob, encoding,
                   partition_mb, max_doc_mb, no_corpus_lexicon, select, ignore, extend_select, words, config, isolated)


@app.command("fix")
def fix(
    source: str = SOURCE, output: str = OUTPUT,
    unsafe: bool = typer.Option(False, "--unsafe", help="Also apply unsafe fixes."),
    workers: Optional[int] = WORKERS, scheduler: Optional[str] = SCHEDULER,
    id_field: str = ID_FIELD, text_field: str = TEXT_FIELD, jsonl: Optional[bool] = JSONL, glob: str = GLOB,
    encoding: str = ENCODING, partition_mb: float = PARTITION_MB, max_doc_mb: float = MAX_DOC_MB,
    no_corpus_lexicon: bool = NO_LEXICON, select: Optional[List[str]] = SELECT, ignore: Optional[List[str]] = IGNORE,
    extend_select: Optional[List[str]] = EXTEND_SELECT, words: Optional[List[str]] = WORDS,
    config: Optional[Path] = CONFIG_OPT, isolated: bool = ISOLATED,
) -> int:
    """Corrected texts (texts/*.jsonl), the fixes applied (fixes/) and what remains (findings/).
    The source is never modified."""
    return _common("fix", source, output, unsafe, workers, scheduler, id_field, text_field, jsonl, glob, encoding,
                   partition_mb, max_doc_mb, no_corpus_lexicon, select, ignore, extend_select, words, config, isolated)


@app.command("score")
def score(
    source: str = SOURCE, output: str = OUTPUT, workers: Optional[int] = WORKERS, scheduler: Optional[str] = SCHEDULER,
    id_field: str = ID_FIELD, text_field: str = TEXT_FIELD, jsonl: Optional[bool] = JSONL, glob: str = GLOB,
    encoding: str = ENCODING, partition_mb: float = PARTITION_MB, max_doc_mb: float = MAX_DOC_MB,
    no_corpus_lexicon: bool = NO_LEXICON, select: Optional[List[str]] = SELECT, ignore: Optional[List[str]] = IGNORE,
    extend_select: Optional[List[str]] = EXTEND_SELECT, words: Optional[List[str]] = WORDS,
    config: Optional[Path] = CONFIG_OPT, isolated: bool = ISOLATED,
) -> int:
    """Each document's estimated word error rate, as `cleaner score` gives it: scores/*.jsonl."""
    return _common("score", source, output, False, workers, scheduler, id_field, text_field, jsonl, glob, encoding,
                   partition_mb, max_doc_mb, no_corpus_lexicon, select, ignore, extend_select, words, config, isolated)
