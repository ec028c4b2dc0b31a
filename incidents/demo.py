"""Demo data of the incidents app: the shipped classifier, active, and posts to label.

The posts are a spread of the HRF labs36 posts, unlabelled and then ranked by the classifier;
only when the HRF file is present (it lives in ../shared/data, not in the repository's data/).
The texts stay behind the labeller sign-in: they are never shown on public pages. Incidents for
the public map come from the PB2020 import (ingest's demo data).
"""

import csv

from django.conf import settings

from incidents import demo_classifier
from incidents.models import Post
from incidents.tasks import classify_pending_posts

DATASET = "hrf-labs36"
FILE = "hrf_labs36_train.csv"
SAMPLE = 120


def load(*, stdout) -> None:
    demo_classifier.load(stdout=stdout)
    if _load_posts(stdout=stdout):
        result = classify_pending_posts()
        stdout.write(f"  incidents: {result['queued']} demo posts sent to the classifier")


def _load_posts(*, stdout) -> bool:
    path = settings.DATA_DIR / FILE
    if not path.exists():
        stdout.write(f"  incidents: {FILE} not found in {settings.DATA_DIR}; no demo posts")
        return False
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
