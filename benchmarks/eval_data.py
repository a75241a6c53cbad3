"""Load the three development sets (BLN600, ICDAR2017 English monographs,
Gutenberg-HathiTrust) as documents with OCR text and gold tokens.

The data is not part of the repository: it lives in <repo>/../shared/eval (or
wherever --data points). Each document is assigned to TUNE or DEV by a hash of
its id, so rules can be tuned on one half and reported on the other.
"""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

DATASETS = ("bln600", "icdar2017", "ght")
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
GHT_ROWS_PER_DOC = 50  # enough text per document for the document lexicon to help


@dataclass
class Document:
    dataset: str
    doc_id: str
    ocr: str
    gold: str
    # OCR character offsets that have no gold (ICDAR '#' stretches); tokens touching them are not scored.
    ocr_unscored: frozenset[int] = field(default_factory=frozenset)

    @property
    def split(self) -> str:
        return split_of(self.doc_id)


def split_of(doc_id: str) -> str:
    return "tune" if int(hashlib.md5(doc_id.encode()).hexdigest(), 16) % 2 == 0 else "dev"


def load_bln600(root: Path) -> list[Document]:
    path = root / "bln600-train" / "train.csv"
    groups: dict[str, tuple[list[str], list[str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            ocr, gold = groups.setdefault(row["Sample ID"], ([], []))
            ocr.append(row["OCR Text"])
            gold.append(row["Ground Truth"])
    return [Document("bln600", sid, "\n".join(o), "\n".join(g)) for sid, (o, g) in groups.items()]


def parse_icdar(doc_id: str, raw: str) -> Document:
    """Three tagged lines; GS_aligned is character-aligned to OCR_aligned ('@' gap, '#' no gold)."""
    fields = {}
    for line in raw.split("\r\n"):
        if line.startswith("["):
            tag, _, value = line.partition("] ")
            fields[tag.strip("[ ")] = value
    ocr, ocr_aligned, gold_aligned = fields["OCR_toInput"], fields["OCR_aligned"], fields["GS_aligned"]
    unscored = set()
    pos = 0
    for o, g in zip(ocr_aligned, gold_aligned, strict=False):
        if o == "@":
            continue
        if g == "#":
            unscored.add(pos)
        pos += 1
    return Document("icdar2017", doc_id, ocr, gold_aligned.replace("@", ""), frozenset(unscored))


def load_icdar(root: Path) -> list[Document]:
    folder = root / "icdar2017-monograph"
    files = sorted(folder.glob("*.txt"), key=lambda p: (len(p.stem), p.stem))
    return [
        parse_icdar(p.stem, p.read_bytes().decode("utf-8"))
        for p in files
        if p.stem.isdigit()
    ]


NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "n't", "'s", "'re", "'ll", "'ve", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}


def detokenize(sentence: str) -> str:
    """Undo GHT's tokenisation ("Mr. Pinch 's weakness ,") so the text reads like a transcript.

    Applied identically to OCR and gold, so it cannot favour either side."""
    out: list[str] = []
    glue_next = False
    quotes = 0
    tokens = [t for t in sentence.split(" ") if t]
    for n, token in enumerate(tokens):
        if token == '"':
            # Sentence start opens, sentence end or after , ! ? closes; otherwise quotes alternate.
            if n == 0:
                opening = True
            elif n == len(tokens) - 1 or tokens[n - 1] in {",", "!", "?"}:
                opening = False
            else:
                opening = quotes % 2 == 0
            quotes = 1 if opening else 0
            glue = glue_next if opening else True
            glue_next = opening
        else:
            glue = glue_next or token.lower() in NO_SPACE_BEFORE
            glue_next = token in NO_SPACE_AFTER
        if out and not glue:
            out.append(" ")
        out.append(token)
    return "".join(out)


def load_ght(root: Path, tokenised: bool = False) -> list[Document]:
    docs: dict[str, tuple[list[str], list[str]]] = {}
    for path in sorted((root / "ght").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            next(reader)
            for row in reader:
                row_id, ocr, gold = int(row[0]), row[1], row[2]
                doc_id = f"{path.stem}:{row_id // GHT_ROWS_PER_DOC}"
                o, g = docs.setdefault(doc_id, ([], []))
                ocr, gold = ocr.replace('\\"', '"'), gold.replace('\\"', '"')
                o.append(ocr if tokenised else detokenize(ocr))
                g.append(gold if tokenised else detokenize(gold))
    return [Document("ght", d, "\n".join(o), "\n".join(g)) for d, (o, g) in docs.items()]


LOADERS = {"bln600": load_bln600, "icdar2017": load_icdar, "ght": load_ght}


def load(dataset: str, data: Path | None = None, split: str = "dev", limit: int | None = None,
         ght_tokenised: bool = False) -> list[Document]:
    root = Path(data) if data else DEFAULT_DATA
    if not root.is_dir():
        raise SystemExit(f"eval data not found at {root} (use --data DIR)")
    loaded = load_ght(root, ght_tokenised) if dataset == "ght" else LOADERS[dataset](root)
    docs = [d for d in loaded if split == "all" or d.split == split]
    return docs[:limit] if limit else docs


if __name__ == "__main__":
    for name in DATASETS:
        for split in ("tune", "dev"):
            docs = load(name, split=split)
            words = sum(len(d.gold.split()) for d in docs)
            print(f"{name:10} {split:4} {len(docs):4} documents {words:8} gold tokens")


def add_run_arguments(parser, split: str) -> None:
    """The options every quality script shares: where the data is, which part, how many workers."""
    parser.add_argument("--data", type=Path, default=None, help="eval folder (default <repo>/../shared/eval)")
    parser.add_argument("--split", choices=("dev", "tune", "all"), default=split)
    parser.add_argument("--limit", type=int, default=None, help="documents per dataset")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--output", type=Path, default=None, help="also write the markdown here")


def emit(text: str, output: Path | None) -> None:
    print(text)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
