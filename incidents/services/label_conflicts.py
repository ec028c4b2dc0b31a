"""Texts Human Rights First labelled more than once, with different ranks, sent to adjudication.

Each conflicting text of `hrf_labs36_train.csv` becomes one post (source kind "data set",
`external_id` "hrf-labs36:<first row id>") carrying every label the file gave it, one per
labelling slot. Slots are inactive accounts that cannot sign in (`hrf-labs36-label-1`, …), so
the post's labels disagree and it lands in the reviewers' adjudication queue, where they settle
it with the rank guide beside them. A settled rank then replaces the file's labels of that text
when the classifier is trained (`incidents.classifier.data.apply_split`).

The posts are for training only: the tweets must not be republished (HRF's licence note), so
`raw["training_only"]` keeps them from ever becoming candidate incidents.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from incidents.classifier import data
from incidents.models import Label, Post
from core.choices import SourceKind

EXTERNAL_PREFIX = "hrf-labs36:"
SLOT_PREFIX = "hrf-labs36-label-"


def conflicting_texts(examples: list[data.Example]) -> list[list[data.Example]]:
    """Groups of rows with the same exact text and more than one rank, in file order."""
    groups: dict[str, list[data.Example]] = defaultdict(list)
    for example in examples:
        groups[example.text].append(example)
    return [rows for rows in groups.values() if len({row.rank for row in rows}) > 1]


def _slot(number: int):
    user, created = get_user_model().objects.get_or_create(
        username=f"{SLOT_PREFIX}{number}", defaults={"is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def label_conflicts_seed(*, data_dir: Path | None = None, dry_run: bool = False) -> dict[str, int]:
    """One adjudication-queue post per conflicting text; idempotent. Counts created / skipped."""
    summary = {"created": 0, "updated": 0, "skipped": 0, "failed": 0}
    groups = conflicting_texts(data.hrf_examples(data_dir))
    for rows in groups:
        external_id = EXTERNAL_PREFIX + rows[0].id
        post = Post.objects.filter(source_kind=SourceKind.DATASET, external_id=external_id).first()
        if post is not None:
            summary["skipped"] += 1
            continue
        summary["created"] += 1
        if dry_run:
            continue
        post = Post.objects.create(
            source_kind=SourceKind.DATASET,
            external_id=external_id,
            text=rows[0].text,
            raw={
                "dataset": data.HRF_FILE,
                "rows": [{"id": row.id, "force_rank": row.rank} for row in rows],
                "training_only": True,
            },
        )
        Label.objects.bulk_create(
            Label(post=post, labeller=_slot(number), force_rank=row.rank)
            for number, row in enumerate(rows, start=1)
        )
    if dry_run:
        transaction.set_rollback(True)
    return summary
