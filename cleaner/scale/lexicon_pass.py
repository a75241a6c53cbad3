"""Pass 1: the corpus lexicon. Each partition counts its words; counts are
merged in a tree (a few partitions per merge, so no one process receives every
partition's table); the last merge keeps only what cleaner/corpus.py keeps for a
local run: words the lexicon does not know, found in at least two documents,
the most frequent first. That compact table is what pass 2 broadcasts.

Only unknown words are counted: known words never reach the table, and leaving
them out keeps the tables that travel between workers small."""
from __future__ import annotations

from collections import Counter

from cleaner.scale.sources import Part, SourceOptions, read
from cleaner.spelling.corpus import recurring_unknown, text_words
from cleaner.spelling.lexicon import get_lexicon

# Partition tables merged by one task.
FAN_IN = 8


def count_part(part: Part, options: SourceOptions) -> tuple[Counter, Counter]:
    """(occurrences, documents) of each unknown word in one partition's good documents."""
    totals: Counter = Counter()
    docs: Counter = Counter()
    for doc in read(part, options):
        if doc.text is None:
            continue  # bad documents are left out of both passes
        counts = text_words(doc.head if doc.head is not None else doc.text)
        totals.update(counts)
        docs.update(counts.keys())
    is_known = get_lexicon().is_known
    unknown = [w for w in totals if not is_known(w)]
    return Counter({w: totals[w] for w in unknown}), Counter({w: docs[w] for w in unknown})


def merge(*tables: tuple[Counter, Counter]) -> tuple[Counter, Counter]:
    totals: Counter = Counter()
    docs: Counter = Counter()
    for part_totals, part_docs in tables:
        totals.update(part_totals)
        docs.update(part_docs)
    return totals, docs


def compact(table: tuple[Counter, Counter]) -> tuple[tuple[str, int], ...]:
    return recurring_unknown(*table)


def build(client, parts: list[Part], options: SourceOptions, on_done=None) -> tuple[tuple[str, int], ...]:
    """Run pass 1 on the cluster behind `client`; `on_done()` is called as each partition is counted."""
    from distributed import as_completed

    level = [client.submit(count_part, part, options, retries=2) for part in parts]
    if on_done is not None:
        for _ in as_completed(level):
            on_done()
    while len(level) > 1:
        level = [client.submit(merge, *level[i:i + FAN_IN]) for i in range(0, len(level), FAN_IN)]
    return client.submit(compact, level[0]).result()


def to_tsv(table: tuple[tuple[str, int], ...]) -> bytes:
    return "".join(f"{word}\t{count}\n" for word, count in table).encode("utf-8")


def from_tsv(data: bytes) -> tuple[tuple[str, int], ...]:
    rows = []
    for line in data.decode("utf-8").splitlines():
        word, _, count = line.partition("\t")
        rows.append((word, int(count)))
    return tuple(rows)
