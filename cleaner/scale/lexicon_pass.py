"""Pass 1: the corpus lexicon. Each partition counts its words; each partition's
counts are folded into one running table as they arrive, so that no worker
holds more than the running table and a few partition tables; the last step
keeps only what cleaner/spelling/corpus.py keeps for a local run: words the
lexicon does not know, found in at least two documents, not explained as
misreadings of a far more frequent word, the most frequent first. That compact
table is what pass 2 broadcasts.

Document counts are kept for unknown words only: known words never reach the
table, and leaving them out keeps the tables that travel between workers small."""
from __future__ import annotations

from collections import Counter

from cleaner.scale.sources import Part, SourceOptions, read
from cleaner.spelling.corpus import recurring_unknown, text_words
from cleaner.spelling.lexicon import get_lexicon


def count_part(part: Part, options: SourceOptions) -> tuple[Counter, Counter]:
    """(occurrences of every word, documents holding each unknown word) in one partition's
    good documents. Known words are counted because the table leaves out a recurring word
    that a far more frequent word explains as a misreading ('tbe' beside 'the'); they are
    bounded by the lexicon, while unknown words grow with the corpus."""
    totals: Counter = Counter()
    docs: Counter = Counter()
    for doc in read(part, options):
        if doc.text is None:
            continue  # bad documents are left out of both passes
        counts = text_words(doc.head if doc.head is not None else doc.text)
        totals.update(counts)
        docs.update(counts.keys())
    is_known = get_lexicon().is_known
    return totals, Counter({w: n for w, n in docs.items() if not is_known(w)})


def fold(running: tuple[Counter, Counter], part: tuple[Counter, Counter]) -> tuple[Counter, Counter]:
    """Add one partition's table to the running table, in place: copying the running table at
    every step would cost its whole size per partition. Safe under Dask because the running
    table has this task as its only user, and a retried task (after its worker died) gets it
    recomputed from the start, not the half-updated one, which died with the worker."""
    running[0].update(part[0])
    running[1].update(part[1])
    return running


def compact(table: tuple[Counter, Counter]) -> tuple[tuple[str, int], ...]:
    return recurring_unknown(*table)


def build(client, parts: list[Part], options: SourceOptions, on_done=None) -> tuple[tuple[str, int], ...]:
    """Run pass 1 on the cluster behind `client`; `on_done()` is called as each partition is counted.

    Each partition's table is folded into one running table as soon as it is counted, so a
    worker holds the running table (which grows with the vocabulary, not the corpus) and a
    few partition tables, however many partitions there are. Counts add up in any order,
    and compact() sorts, so the result does not depend on which partition finished first."""
    from distributed import as_completed

    running = None
    for counted in as_completed([client.submit(count_part, part, options, retries=2) for part in parts]):
        running = counted if running is None else client.submit(fold, running, counted)
        del counted   # the fold task holds it now; dropping the client's hold frees it once folded
        if on_done is not None:
            on_done()
    return client.submit(compact, running).result()


def to_tsv(table: tuple[tuple[str, int], ...]) -> bytes:
    return "".join(f"{word}\t{count}\n" for word, count in table).encode("utf-8")


def from_tsv(data: bytes) -> tuple[tuple[str, int], ...]:
    rows = []
    for line in data.decode("utf-8").splitlines():
        word, _, count = line.partition("\t")
        rows.append((word, int(count)))
    return tuple(rows)
