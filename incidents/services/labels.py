"""Writes for the labelling queue and adjudication.

The queue hands out one post at a time under a lease (`LabelAssignment`). On PostgreSQL the
post row is claimed with SELECT … FOR UPDATE SKIP LOCKED, so concurrent labellers walk past each
other's posts instead of waiting; a partial unique index (one open lease per post) is the
backstop on every database.
"""

import random
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ForceRank
from core.services import audited_save
from incidents.models import Adjudication, AssignmentState, Label, LabelAssignment, Post
from incidents.services.review import incident_candidate_from_post

LEASE = timedelta(minutes=15)
LABELS_PER_POST = 2
# Share of posts drawn at random instead of by model uncertainty: labels on uncertain posts
# teach the model most, but only a random sample estimates how it does on everything.
RANDOM_SHARE = 0.2
_BATCH = 25


def _label_count():
    return Coalesce(
        Subquery(
            Label.objects.filter(post=OuterRef("pk"))
            .order_by()
            .values("post")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        Value(0),
    )


def _eligible_posts(*, labeller: AbstractBaseUser, now) -> QuerySet:
    """Posts this labeller may be given: short of labels, never seen by them, not held by anyone."""
    return (
        Post.objects.annotate(label_count=_label_count())
        .filter(label_count__lt=LABELS_PER_POST)
        .exclude(Exists(Label.objects.filter(post=OuterRef("pk"), labeller=labeller)))
        .exclude(
            Exists(
                LabelAssignment.objects.filter(
                    post=OuterRef("pk"), labeller=labeller, state=AssignmentState.SKIPPED
                )
            )
        )
        .exclude(
            Exists(
                LabelAssignment.objects.filter(
                    post=OuterRef("pk"), state=AssignmentState.OPEN, expires_at__gt=now
                )
            )
        )
        .exclude(Exists(Adjudication.objects.filter(post=OuterRef("pk"))))
    )


def _candidate_ids(*, labeller: AbstractBaseUser, now, at_random: bool, rng) -> list[int]:
    eligible = _eligible_posts(labeller=labeller, now=now)
    if at_random:
        bounds = Post.objects.order_by("pk").values_list("pk", flat=True)
        first, last = bounds.first(), bounds.last()
        if first is None:
            return []
        pivot = rng.randint(first, last)
        ids = list(eligible.filter(pk__gte=pivot).order_by("pk").values_list("pk", flat=True)[:_BATCH])
        if len(ids) < _BATCH:
            ids += eligible.filter(pk__lt=pivot).order_by("pk").values_list("pk", flat=True)[
                : _BATCH - len(ids)
            ]
        return ids
    ordered = eligible.order_by(
        F("needs_review").desc(),
        F("labelling_priority").desc(nulls_last=True),
        F("confidence").asc(nulls_last=True),
        F("label_count").desc(),  # finish a pair before starting a new post
        F("posted_at").desc(nulls_last=True),
        "pk",
    )
    return list(ordered.values_list("pk", flat=True)[:_BATCH])


@transaction.atomic
def label_assignment_next(
    *, labeller: AbstractBaseUser, rng: random.Random | None = None
) -> LabelAssignment | None:
    """The post this labeller should label now (their open lease if they hold one), or None."""
    rng = rng or random.Random()
    now = timezone.now()
    current = (
        LabelAssignment.objects.select_for_update(of=("self",))
        .filter(labeller=labeller, state=AssignmentState.OPEN, expires_at__gt=now)
        .select_related("post")
        .first()
    )
    if current is not None:
        current.expires_at = now + LEASE
        current.save(update_fields=["expires_at"])
        return current

    at_random = rng.random() < RANDOM_SHARE
    for attempt in (at_random, not at_random):
        ids = _candidate_ids(labeller=labeller, now=now, at_random=attempt, rng=rng)
        if not ids:
            continue
        for post_id in ids:
            # One row at a time: locking the whole batch would starve the other labellers.
            locked = (
                Post.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=post_id)
                .values_list("pk", flat=True)
            )
            if not list(locked):
                continue
            # Re-read under the lock: another labeller may have committed a lease or a label
            # between our first query and taking the lock.
            if not _eligible_posts(labeller=labeller, now=now).filter(pk=post_id).exists():
                continue
            try:
                with transaction.atomic():
                    LabelAssignment.objects.filter(
                        post_id=post_id, state=AssignmentState.OPEN
                    ).update(state=AssignmentState.EXPIRED, closed_at=now)
                    return LabelAssignment.objects.create(
                        post_id=post_id,
                        labeller=labeller,
                        expires_at=now + LEASE,
                        picked_at_random=attempt,
                    )
            except IntegrityError:
                continue
    return None


def _validated_value(force_rank: int | None, unclear: bool) -> tuple[int | None, bool]:
    if unclear:
        return None, True
    if force_rank is None or force_rank not in ForceRank.values:
        raise ValidationError(_("Choose a force rank from 0 to 5, or “unclear”."), code="invalid")
    return int(force_rank), False


@transaction.atomic
def label_submit(
    *,
    labeller: AbstractBaseUser,
    post: Post,
    force_rank: int | None = None,
    unclear: bool = False,
) -> Label:
    """Record a label. Accepted even when the lease ran out: a person's judgement is never lost."""
    force_rank, unclear = _validated_value(force_rank, unclear)
    now = timezone.now()
    assignment = (
        LabelAssignment.objects.select_for_update()
        .filter(post=post, labeller=labeller)
        .exclude(state=AssignmentState.SKIPPED)
        .order_by("-assigned_at")
        .first()
    )
    seconds = (now - assignment.assigned_at).total_seconds() if assignment else None
    try:
        with transaction.atomic():
            label = Label.objects.create(
                post=post,
                labeller=labeller,
                force_rank=force_rank,
                unclear=unclear,
                seconds_spent=seconds,
            )
    except IntegrityError:
        # A second press or a resubmitted form: the labeller's latest word stands.
        label = Label.objects.select_for_update().get(post=post, labeller=labeller)
        label.force_rank, label.unclear = force_rank, unclear
        label.save(update_fields=["force_rank", "unclear", "updated_at"])
    if assignment is not None and assignment.state != AssignmentState.LABELLED:
        assignment.state = AssignmentState.LABELLED
        assignment.closed_at = now
        assignment.save(update_fields=["state", "closed_at"])
    incident_candidate_from_post(post=post)
    return label


@transaction.atomic
def label_skip(*, labeller: AbstractBaseUser, post: Post) -> None:
    """The labeller passes on this post; they will not be offered it again."""
    now = timezone.now()
    updated = LabelAssignment.objects.filter(
        post=post, labeller=labeller, state=AssignmentState.OPEN
    ).update(state=AssignmentState.SKIPPED, closed_at=now)
    if not updated:
        LabelAssignment.objects.create(
            post=post,
            labeller=labeller,
            state=AssignmentState.SKIPPED,
            expires_at=now,
            closed_at=now,
        )


@transaction.atomic
def adjudication_record(
    *,
    post: Post,
    reviewer: AbstractBaseUser,
    force_rank: int | None = None,
    unclear: bool = False,
    note: str = "",
) -> Adjudication:
    """The reviewer's final label for a post; recorded in its history with the reviewer."""
    force_rank, unclear = _validated_value(force_rank, unclear)
    adjudication = Adjudication.objects.select_for_update().filter(post=post).first()
    if adjudication is None:
        adjudication = Adjudication(post=post)
    adjudication.reviewer = reviewer
    adjudication.force_rank, adjudication.unclear = force_rank, unclear
    adjudication.note = note
    audited_save(adjudication, actor=reviewer, reason="adjudicated")
    incident_candidate_from_post(post=post)
    return adjudication
