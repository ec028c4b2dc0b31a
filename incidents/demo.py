"""Demo data of the incidents app: the shipped classifier, active, and posts to label.

The posts are a spread of the HRF labs36 posts, unlabelled and then ranked by the classifier,
when the HRF file is present (it lives in ../shared/data, not in the repository's data/). The
texts stay behind the labeller sign-in: they are never shown on public pages. Without it (a
fresh clone), the queue gets a spread of 2020PB's descriptions, which ship in `data/` under the
MIT licence. Incidents for the public map come from the PB2020 import (ingest's demo data), so
these queue posts are marked `training_only` and never become a second copy of an incident.
"""

import csv
import json

from django.conf import settings

from incidents import demo_classifier
from incidents.models import Post
from incidents.tasks import classify_pending_posts

DATASET = "hrf-labs36"
FILE = "hrf_labs36_train.csv"
PB2020_DATASET = "pb2020-queue"
PB2020_FILE = "pb2020_incidents.jsonl"
PB2020_SOURCE = (
    "2020PB (2020). Police Brutality during US Protests (v1.0.0), "
    "https://github.com/2020PB/police-brutality, MIT licence"
)
SAMPLE = 120


def load(*, stdout) -> None:
    demo_classifier.load(stdout=stdout)
    if _load_posts(stdout=stdout):
        result = classify_pending_posts()
        stdout.write(f"  incidents: {result['queued']} demo posts sent to the classifier")


def _load_posts(*, stdout) -> bool:
    path = settings.DATA_DIR / FILE
    if not path.exists():
        stdout.write(f"  incidents: {FILE} not found in {settings.DATA_DIR}")
        return _load_pb2020_posts(stdout=stdout)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if (row.get("text") or "").strip()]
    step = max(1, len(rows) // SAMPLE)
    chosen = rows[::step][:SAMPLE]
    before = Post.objects.filter(source_kind="dataset", external_id__startswith=f"{DATASET}:").count()
    Post.objects.bulk_create(
        [
            Post(
                source_kind="dataset",
                external_id=f"{DATASET}:{row['id']}",
                text=" ".join(row["text"].split()),
                text_original=row["text"],
                language="en",
                raw={"dataset": DATASET, "id": row["id"]},
            )
            for row in chosen
        ],
        ignore_conflicts=True,
    )
    after = Post.objects.filter(source_kind="dataset", external_id__startswith=f"{DATASET}:").count()
    stdout.write(
        f"  incidents: created {after - before} · skipped {len(chosen) - (after - before)} demo posts for the labelling queue"
    )
    return True


def _load_pb2020_posts(*, stdout) -> bool:
    path = settings.DATA_DIR / PB2020_FILE
    if not path.exists():
        stdout.write(f"  incidents: {PB2020_FILE} not found in {settings.DATA_DIR}; no demo posts")
        return False
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    rows = [row for row in rows if (row.get("description") or "").strip()]
    step = max(1, len(rows) // SAMPLE)
    chosen = rows[::step][:SAMPLE]
    prefix = f"{PB2020_DATASET}:"
    before = Post.objects.filter(source_kind="dataset", external_id__startswith=prefix).count()
    Post.objects.bulk_create(
        [
            Post(
                source_kind="dataset",
                external_id=f"{prefix}{row['id']}",
                title=(row.get("title") or "")[:500],
                text=" ".join(row["description"].split()),
                text_original=row["description"],
                url=next(iter(row.get("links") or []), "")[:1000],
                language="en",
                raw={
                    "dataset": PB2020_FILE,
                    "id": row["id"],
                    "source": PB2020_SOURCE,
                    "training_only": True,
                },
            )
            for row in chosen
        ],
        ignore_conflicts=True,
    )
    after = Post.objects.filter(source_kind="dataset", external_id__startswith=prefix).count()
    stdout.write(
        f"  incidents: created {after - before} · skipped {len(chosen) - (after - before)} "
        f"2020PB demo posts for the labelling queue ({PB2020_SOURCE})"
    )
    return True
