"""`cleaner corpus` on a real Dask LocalCluster (two single-threaded worker
processes, started once for this module): equality with `cleaner check`,
byte-identical reruns, restarts, bad documents, a worker killed mid-run."""
from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from cleaner.config import Config  # noqa: E402
from cleaner.scale.run import CorpusRun, Progress, run_corpus  # noqa: E402
from cleaner.scale.sources import SourceOptions  # noqa: E402
from cleaner.spelling.corpus import corpus_counts  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "samples" / "stalin-reassures-hitler-1933.txt"
# Letters of our own that share a name the lexicon does not know, one of them misread
# ('glavhit' alone would be read as 'glaikit').
OWN = [
    "The censors at glavlit read the letter twice.\n",
    "Nothing passed glavlit without a stamp, and the stamp was slow.\n",
    "The censor at glavhit read it and sent it back.\n",
]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=50)
    with distributed.Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


def _documents() -> list[str]:
    """The sample's paragraphs (real text with real defects) and our letters, one per document."""
    paragraphs = [p + "\n" for p in SEED.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 200]
    return paragraphs + OWN


@pytest.fixture
def folder(tmp_path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for n, text in enumerate(_documents()):
        (src / f"doc{n:02d}.txt").write_text(text, encoding="utf-8")
    return src


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _rows(out: Path, name: str) -> list[dict]:
    return [json.loads(line) for p in sorted((out / name).glob("part-*.jsonl")) for line in p.read_text("utf-8").splitlines()]


def _run(client, source, out, mode="check", partition_bytes=1500, progress=None, **kw) -> dict:
    options = SourceOptions(partition_bytes=partition_bytes, **kw.pop("options", {}))
    return run_corpus(client, CorpusRun(str(source), str(out), mode, Config(), options=options, **kw), progress)


def test_same_findings_as_cleaner_check_with_the_same_corpus_lexicon(client, folder, tmp_path, run):
    out = tmp_path / "out"
    summary = _run(client, folder, out)
    table = [tuple(line.split("\t")) for line in (out / "_lexicon.tsv").read_text("utf-8").splitlines()]
    local_table = corpus_counts(sorted(str(p) for p in folder.iterdir()))
    assert "glavlit" in dict(table) and [(w, str(n)) for w, n in local_table] == table
    assert summary["partitions"] > 2 and summary["errors"] == 0

    code, stdout, _ = run("check", str(folder), "--format", "json", "--isolated", "--jobs", "1")
    assert code in (0, 1)
    local = [dict(f, path=os.path.basename(f["path"])) for f in json.loads(stdout)]
    dask = [{"path": f.pop("id"), **f} for f in _rows(out, "findings")]
    key = lambda f: (f["path"], f["start"], f["end"], f["rule"])  # noqa: E731
    assert sorted(dask, key=key) == sorted(local, key=key)
    assert summary["findings"] == len(local) >= 3
    # The corpus lexicon reaches the workers: the misread name is read as the corpus word.
    assert any(f["text"] == "glavhit" and f["suggestions"][0] == "glavlit" for f in dask)


def test_fix_gives_the_texts_of_cleaner_fix(client, folder, tmp_path, run):
    out = tmp_path / "out"
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    summary = _run(client, folder, out, mode="fix", unsafe=True)
    run("fix", str(copy), "--unsafe", "--isolated", "--jobs", "1")
    texts = {row["id"]: row for row in _rows(out, "texts")}
    assert set(texts) == {p.name for p in copy.iterdir()}
    for path in copy.iterdir():
        assert texts[path.name]["text"] == path.read_text("utf-8"), path.name
    assert summary["changed"] == sum(row["changed"] for row in texts.values()) >= 2
    assert _tree(folder) == {p.name: (folder / p.name).read_bytes() for p in folder.iterdir()}  # source untouched


def test_rerun_is_byte_identical_and_restart_skips_completed_partitions(client, folder, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _run(client, folder, first)
    _run(client, folder, second)
    assert _tree(first) == _tree(second)
    before = _tree(first)
    _run(client, folder, first)   # everything complete: nothing changes
    assert _tree(first) == before

    # A crash after some partitions: part-00001 never finished, part-00000 did (its
    # findings file is altered here to show that the rerun does not redo it).
    (first / "_SUCCESS").unlink()
    (first / "_parts" / "part-00001.json").unlink()
    (first / "findings" / "part-00001.jsonl").unlink()
    (first / "findings" / "part-00000.jsonl").write_text("kept\n", encoding="utf-8")
    _run(client, folder, first)
    after = _tree(first)
    assert after["findings/part-00000.jsonl"] == b"kept\n"
    del after["findings/part-00000.jsonl"], before["findings/part-00000.jsonl"]
    assert after == before


def test_an_output_folder_of_another_run_is_refused(client, folder, tmp_path):
    from cleaner.scale.outputs import OutputError

    out = tmp_path / "out"
    _run(client, folder, out)
    with pytest.raises(OutputError, match="different run"):
        _run(client, folder, out, mode="fix")


def test_bad_documents_go_to_the_errors_file_and_the_rest_is_checked(client, tmp_path):
    good = _documents()
    lines = [json.dumps({"doc": f"good-{n}", "ft": text}).encode() for n, text in enumerate(good)]
    lines += [
        b'{"doc": "broken", "ft": "unterminated',
        json.dumps({"doc": "no-text", "title": "x"}).encode(),
        json.dumps({"doc": "blank", "ft": "  \n"}).encode(),
        json.dumps({"doc": "huge", "ft": "word " * 2000}).encode(),
        b'{"doc": "latin1", "ft": "caf\xe9"}',
    ]
    source = tmp_path / "pages.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out"
    summary = _run(client, source, out, options={"id_field": "doc", "text_field": "ft", "max_doc_bytes": 8000})
    errors = {row["id"]: row["reason"] for row in _rows(out, "errors")}
    assert errors.pop("no-text").startswith("no text")
    assert errors.pop("blank") == "empty"
    assert errors.pop("huge").startswith("huge")
    # Without a readable id, a record is named by its file, block offset and line in the block.
    assert all(doc_id.startswith("pages.jsonl@") for doc_id in errors)
    assert sorted(reason.split(":")[0] for reason in errors.values()) == ["bad encoding", "not JSON"]
    assert summary["documents"] == len(good) + 5 and summary["errors"] == 5
    assert {row["id"] for row in _rows(out, "findings")} <= {f"good-{n}" for n in range(len(good))}
    assert summary["findings"] >= 3


def test_json_lines_cut_into_byte_blocks_give_each_document_once(client, tmp_path):
    docs = _documents()
    source = tmp_path / "pages.jsonl"
    source.write_text("".join(json.dumps({"id": n, "text": t}) + "\n" for n, t in enumerate(docs)), encoding="utf-8")
    whole, blocks = tmp_path / "whole", tmp_path / "blocks"
    one = _run(client, source, whole, partition_bytes=1 << 20)
    many = _run(client, source, blocks, partition_bytes=700)
    assert one["partitions"] == 1 and many["partitions"] > 5
    assert one["documents"] == many["documents"] == len(docs)
    assert _rows(whole, "findings") == _rows(blocks, "findings")


class _KillOnce(Progress):
    """Kills a worker that is busy with a partition as soon as pass 2 has finished its first."""

    def __init__(self, client) -> None:
        self.client, self.stage_name, self.killed = client, "", []

    def stage(self, name: str, total: int) -> None:
        self.stage_name = name

    def advance(self) -> None:
        if self.stage_name != "checking" or self.killed:
            return
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:   # the next partition is handed out within milliseconds
            busy = [w for w, tasks in self.client.processing().items() if tasks]
            if busy:
                pid = self.client.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(pid, signal.SIGKILL)   # as the kernel's OOM killer would
                self.killed.append(busy[0])
                return
            time.sleep(0.005)


def test_a_worker_killed_mid_run_changes_nothing(client, tmp_path):
    # Bigger partitions, so that a worker is busy with one when the first finishes.
    src = tmp_path / "src"
    src.mkdir()
    for n, text in enumerate(_documents()):
        (src / f"doc{n:02d}.txt").write_text(text * 10, encoding="utf-8")
    calm, killed = tmp_path / "calm", tmp_path / "killed"
    _run(client, src, calm, partition_bytes=10000)
    progress = _KillOnce(client)
    _run(client, src, killed, partition_bytes=10000, progress=progress)
    assert progress.killed, "no worker was busy: the test did not kill anything"
    assert _tree(killed) == _tree(calm)
    client.wait_for_workers(2, timeout=60)   # the nanny restarts it for the other tests


def test_command_line_on_an_existing_cluster(client, folder, tmp_path, run):
    out = tmp_path / "out"
    code, stdout, stderr = run("corpus", "fix", str(folder), "--output", str(out), "--unsafe", "--isolated",
                               "--scheduler", client.scheduler.address, "--partition-mb", "0.001")
    assert code == 0, stderr
    assert "Dask dashboard: http" in stderr
    summary = json.loads((out / "_SUCCESS").read_text("utf-8"))
    assert stdout.startswith(f"fix: {summary['documents']} documents (0 bad") and summary["changed"] >= 2
    assert len(list((out / "texts").glob("part-*.jsonl"))) == summary["partitions"] >= 3

    code, _, stderr = run("corpus", "check", str(tmp_path / "missing"), "--output", str(tmp_path / "o2"),
                          "--scheduler", client.scheduler.address)
    last = stderr.strip().splitlines()[-1]
    assert code == 2 and last.startswith("cleaner: ") and last.endswith("missing: no such file or directory")
    assert "Traceback" not in stderr


def test_an_empty_corpus_table_and_no_corpus_lexicon(client, tmp_path):
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"id": "a", "text": OWN[2]}) + "\n", encoding="utf-8")
    alone = _run(client, source, tmp_path / "alone")   # one document: nothing recurs
    without = _run(client, source, tmp_path / "without", corpus_lexicon=False)
    assert alone["lexicon_words"] == without["lexicon_words"] == 0
    assert not (tmp_path / "without" / "_lexicon.tsv").exists()
    assert _rows(tmp_path / "alone", "findings") == _rows(tmp_path / "without", "findings") != []


def test_score_gives_the_estimates_of_cleaner_score(client, folder, tmp_path, run):
    out = tmp_path / "out"
    summary = _run(client, folder, out, mode="score")
    code, stdout, _ = run("score", str(folder), "--format", "json", "--isolated", "--jobs", "1")
    assert code == 0
    local = {os.path.basename(row.pop("path")): row for row in json.loads(stdout)}
    dask = {row.pop("id"): row for row in _rows(out, "scores")}
    assert dask == local and summary["documents"] == len(local) > 3
    assert any(row["estimated_wer"] > 0 for row in dask.values())
