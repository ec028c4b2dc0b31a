"""Labelled examples for the force-rank classifier, and the fixed held-out split.

Three sources feed training:

* Human Rights First's labs36 file (`hrf_labs36_train.csv`, human labels, ranks 0–5), read from
  `settings.DATA_DIR`; it is not shipped in `data/`, so training needs `../shared/data`.
* 2020PB (`pb2020_incidents.jsonl`): silver labels derived from incident tags, ranks 1–5.
* Human Rights First's labs31 labels of 2020PB incidents (`hrf_labs31_pb2020_labelled.csv`,
  human, ranks 0–5, read when present): where an incident has one, it replaces the silver label
  and the post counts as human-labelled news (`source` "labs31"). It follows 2020PB's split.
* Labels people give in our own labelling queue, passed in as `extra_examples`.

The evaluation split is made once (`make_split`), written to `split.json` beside this module and
committed; every later run reads it. Near-duplicates (retweets, the same 2020PB description in
both files) are grouped by a normalised key so a text and its copy never straddle the split.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.conf import settings

HRF_FILE = "hrf_labs36_train.csv"
PB2020_FILE = "pb2020_incidents.jsonl"
LABS31_FILE = "hrf_labs31_pb2020_labelled.csv"
_LABS31_RANK = re.compile(r"^\s*Rank\s+([0-5])\b")
SPLIT_FILE = Path(__file__).with_name("split.json")
SPLIT_SEED = 20261121
TEST_FRACTION = 0.2
VALIDATION_FRACTION = 0.15
RANKS = range(6)

_URL = re.compile(r"https?://\S+|www\.\S+")
_SPACE = re.compile(r"\s+")
_KEY = re.compile(r"[^a-z0-9]+")


class DataError(ValueError):
    """A labelled file the classifier cannot read; the message names the file, row and column."""


@dataclass(frozen=True)
class Example:
    text: str
    rank: int
    source: str
    id: str = ""
    weight: float = 1.0


@dataclass
class Dataset:
    train: list[Example] = field(default_factory=list)
    validation: list[Example] = field(default_factory=list)
    test: list[Example] = field(default_factory=list)

    def summary(self) -> dict:
        def describe(examples: list[Example]) -> dict:
            by_source: dict[str, Counter] = defaultdict(Counter)
            for example in examples:
                by_source[example.source][example.rank] += 1
            return {
                "rows": len(examples),
                "per_rank": _counts(Counter(example.rank for example in examples)),
                "per_source": {name: _counts(counts) for name, counts in sorted(by_source.items())},
            }

        return {
            "train": describe(self.train),
            "validation": describe(self.validation),
            "test": describe(self.test),
            "split_file": SPLIT_FILE.name,
            "split_seed": SPLIT_SEED,
        }


def _counts(counter: Counter) -> dict[str, int]:
    return {str(rank): counter.get(rank, 0) for rank in RANKS}


def clean_text(text: str) -> str:
    """What the model sees: links dropped (t.co ids carry no meaning), whitespace collapsed."""
    return _SPACE.sub(" ", _URL.sub(" ", text or "")).strip()


def dedup_key(text: str) -> str:
    """Case, punctuation and links ignored: a retweet and its original share a key."""
    return _KEY.sub(" ", clean_text(text).lower()).strip()


def _parse_rank(value, *, where: str) -> int:
    try:
        rank = int(str(value).strip())
    except (TypeError, ValueError):
        raise DataError(f"{where}: force_rank {value!r} is not a whole number 0–5") from None
    if rank not in RANKS:
        raise DataError(f"{where}: force_rank {rank} is outside 0–5")
    return rank


def read_labelled_file(path: Path | str) -> list[Example]:
    """A CSV with `text` and `force_rank` columns, or JSON Lines with those keys."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    examples: list[Example] = []
    if path.suffix.lower() in {".jsonl", ".json", ".ndjson"}:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    raise DataError(f"{path}, line {number}: not JSON ({error.msg})") from None
                if not isinstance(row, dict) or "text" not in row or "force_rank" not in row:
                    raise DataError(f"{path}, line {number}: needs the keys text and force_rank")
                rank = _parse_rank(row["force_rank"], where=f"{path}, line {number}")
                examples.append(
                    Example(str(row["text"]), rank, path.name, str(row.get("id", number)))
                )
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"text", "force_rank"} - set(reader.fieldnames or [])
            if missing:
                raise DataError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
            for number, row in enumerate(reader, start=2):
                rank = _parse_rank(
                    row["force_rank"], where=f"{path}, row {number}, column force_rank"
                )
                examples.append(
                    Example(row["text"] or "", rank, path.name, str(row.get("id") or number))
                )
    if not examples:
        raise DataError(f"{path}: no labelled rows")
    return examples


def hrf_examples(data_dir: Path | None = None) -> list[Example]:
    path = Path(data_dir or settings.DATA_DIR) / HRF_FILE
    return [
        Example(example.text, example.rank, "hrf", example.id)
        for example in read_labelled_file(path)
    ]


def pb2020_examples(data_dir: Path | None = None) -> list[Example]:
    path = Path(data_dir or settings.DATA_DIR) / PB2020_FILE
    examples = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            text = ". ".join(part for part in (row.get("title"), row.get("description")) if part)
            examples.append(Example(text, int(row["force_rank"]), "pb2020", str(row["id"])))
    return examples


def labs31_examples(data_dir: Path | None = None) -> list[Example]:
    """Human labels of 2020PB incidents (`case_id` is the 2020PB id); [] when the file is absent.

    Ranks are written as text ("Rank 1 - Police Presence"); anything else is an error naming the
    row and column.
    """
    path = Path(data_dir or settings.DATA_DIR) / LABS31_FILE
    if not path.is_file():
        return []
    examples = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"case_id", "title", "description", "force_rank"} - set(reader.fieldnames or [])
        if missing:
            raise DataError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for number, row in enumerate(reader, start=2):
            match = _LABS31_RANK.match(row["force_rank"] or "")
            if match is None:
                raise DataError(
                    f"{path}, row {number}, column force_rank: {row['force_rank']!r} is not "
                    "“Rank N - …” with N from 0 to 5"
                )
            text = ". ".join(part for part in (row["title"], row["description"]) if part)
            examples.append(Example(text, int(match.group(1)), "labs31", row["case_id"]))
    return examples


def pb2020_with_human_labels(
    pb2020: list[Example], labs31: list[Example]
) -> list[Example]:
    """2020PB's examples, each replaced by its labs31 human label where it has one."""
    human = {example.id: example for example in labs31}
    return [human.get(example.id, example) for example in pb2020]


# --- The fixed split ----------------------------------------------------------------------------


def _stratified_groups(
    examples: list[Example], fraction: float, rng: random.Random
) -> tuple[set[str], set[str]]:
    """Split ids into (rest, held) so each rank keeps its share; duplicates stay together."""
    groups: dict[str, list[Example]] = defaultdict(list)
    for example in examples:
        groups[dedup_key(example.text)].append(example)
    by_rank: dict[int, list[list[Example]]] = defaultdict(list)
    for members in groups.values():
        # A group's stratum is its most common label (ties: the higher rank, the rarer class).
        counts = Counter(member.rank for member in members)
        rank = max(counts, key=lambda value: (counts[value], value))
        by_rank[rank].append(members)
    held: set[str] = set()
    rest: set[str] = set()
    for rank in sorted(by_rank):
        bucket = sorted(by_rank[rank], key=lambda members: members[0].id)
        rng.shuffle(bucket)
        quota = round(sum(len(members) for members in bucket) * fraction)
        taken = 0
        for members in bucket:
            target = held if taken < quota else rest
            target.update(member.id for member in members)
            if target is held:
                taken += len(members)
    return rest, held


def make_split(*, hrf: list[Example], pb2020: list[Example], seed: int = SPLIT_SEED) -> dict:
    """Held-out test ids (never tuned on) and validation ids (model selection) per source."""
    rng = random.Random(seed)
    split: dict = {
        "seed": seed,
        "test_fraction": TEST_FRACTION,
        "validation_fraction_of_rest": VALIDATION_FRACTION,
        "grouping": "normalised text (case, punctuation and links ignored)",
    }
    for name, examples in (("hrf", hrf), ("pb2020", pb2020)):
        rest_ids, test_ids = _stratified_groups(examples, TEST_FRACTION, rng)
        rest = [example for example in examples if example.id in rest_ids]
        _, validation_ids = _stratified_groups(rest, VALIDATION_FRACTION, rng)
        split[name] = {
            "rows": len(examples),
            "sha256": _fingerprint(examples),
            "test": sorted(test_ids, key=_id_order),
            "validation": sorted(validation_ids, key=_id_order),
        }
    return split


def _id_order(value: str):
    return (0, int(value), "") if value.isdigit() else (1, 0, value)


def _fingerprint(examples: list[Example]) -> str:
    digest = hashlib.sha256()
    for example in sorted(examples, key=lambda example: _id_order(example.id)):
        digest.update(f"{example.id}\t{example.rank}\t{example.text}\n".encode())
    return digest.hexdigest()


def load_split(path: Path = SPLIT_FILE) -> dict:
    if not path.is_file():
        raise DataError(f"{path}: the recorded split is missing; it ships with the code")
    return json.loads(path.read_text())


def apply_split(
    *,
    hrf: list[Example],
    pb2020: list[Example],
    extra: Iterable[tuple[str, int]] = (),
    split: dict | None = None,
) -> Dataset:
    """Train / validation / test from the recorded split.

    Every training text whose normalised form also occurs in validation or test is dropped, so
    2020PB descriptions that Human Rights First copied into its file cannot leak into training.
    A label people settled in our queue (`extra`) for a text of the labelled files replaces the
    files' labels of that text in training and validation (reviewers' adjudication of texts the
    file labels inconsistently); the test posts keep the labels recorded with the split.
    """
    split = split or load_split()
    settled: dict[str, int] = {}
    for number, (text, rank) in enumerate(extra, start=1):
        settled[str(text)] = _parse_rank(rank, where=f"extra example {number}")
    dataset = Dataset()
    replaced: set[str] = set()
    for name, examples in (("hrf", hrf), ("pb2020", pb2020)):
        test_ids = set(split[name]["test"])
        validation_ids = set(split[name]["validation"])
        for example in examples:
            if example.id in test_ids:
                dataset.test.append(example)
                continue
            if example.text in settled:
                replaced.add(example.text)
                example = replace(example, rank=settled[example.text])
            if example.id in validation_ids:
                dataset.validation.append(example)
            else:
                dataset.train.append(example)
    for number, (text, rank) in enumerate(settled.items(), start=1):
        if text not in replaced:
            dataset.train.append(Example(text, rank, "queue", f"queue-{number}"))
    held = {dedup_key(example.text) for example in (*dataset.validation, *dataset.test)}
    dataset.train = [example for example in dataset.train if dedup_key(example.text) not in held]
    return dataset


def human_test_examples(split: dict | None = None) -> list[Example]:
    """The recorded held-out human-labelled posts (the headline evaluation set)."""
    split = split or load_split()
    test_ids = set(split["hrf"]["test"])
    return [example for example in hrf_examples() if example.id in test_ids]


def batched(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def training_dataset(
    *,
    extra_examples: Iterable[tuple[str, int]] = (),
    include_silver: bool = True,
    data_dir: Path | None = None,
    limit: int | None = None,
) -> Dataset:
    """The recorded split of the labelled files (plus queue labels, training only)."""
    hrf = hrf_examples(data_dir)
    pb2020 = (
        pb2020_with_human_labels(pb2020_examples(data_dir), labs31_examples(data_dir))
        if include_silver
        else []
    )
    split = load_split()
    if not include_silver:
        split = {**split, "pb2020": {"test": [], "validation": []}}
    dataset = apply_split(hrf=hrf, pb2020=pb2020, extra=extra_examples, split=split)
    if limit:
        dataset = Dataset(
            train=_cap(dataset.train, limit),
            validation=_cap(dataset.validation, limit),
            test=_cap(dataset.test, limit),
        )
    return dataset


def _cap(examples: list[Example], limit: int) -> list[Example]:
    kept: dict[str, list[Example]] = {}
    for example in examples:
        bucket = kept.setdefault(example.source, [])
        if len(bucket) < limit:
            bucket.append(example)
    return [example for bucket in kept.values() for example in bucket]
