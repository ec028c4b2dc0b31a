"""Writes for candidate incidents and their review: edits, approvals and rejections, all logged."""

import re
from collections.abc import Iterable
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.choices import ForceRank, UsState
from simple_history.utils import bulk_update_with_history

from core.services import audited_save
from incidents.models import (
    Adjudication,
    Incident,
    IncidentDecision,
    Label,
    LocationMethod,
    Post,
    RejectionReason,
    ReviewStatus,
)
from incidents.selectors import final_human_label

CANDIDATE_MIN_RANK = ForceRank.OPEN_HAND


# --- Candidate incidents ----------------------------------------------------------------------


def _human_rank(post: Post) -> tuple[bool, int | None]:
    """(decided, rank): whether people settled this post's label, and the rank (None if unclear)."""
    value = final_human_label(post)
    if value is None:
        return False, None
    return True, None if value == "unclear" else int(value)


TITLE_MAX_CHARS = 120
_LINK_OR_HANDLE = re.compile(r"https?://\S+|www\.\S+|(?<!\w)@\w+|\bRT\b:?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[A-Z0-9#])")


def _post_sentence(post: Post) -> str:
    """The post's headline, else its first sentence, without links or @handles, cut at a word.

    Reviewers tell candidates apart by their title; handles of private people stay out of it.
    """
    text = post.title or post.text or ""
    text = " ".join(_LINK_OR_HANDLE.sub(" ", text).split()).strip(" :-–—|")
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0].strip()
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    cut = sentence[: TITLE_MAX_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return f"{cut}…"


def _candidate_title(post: Post, rank: int) -> str:
    sentence = _post_sentence(post)
    if len(sentence) >= 12:
        return sentence
    with translation.override("en"):
        what = str(ForceRank(rank).label)
        place = ", ".join(p for p in (post.city, str(UsState(post.state).label) if post.state in UsState.values else "") if p)
        if place:
            return gettext("%(what)s reported in %(place)s") % {"what": what, "place": place}
        return gettext("%(what)s reported") % {"what": what}


def _settle_candidate(*, post: Post) -> None:
    """People settled a post that already has an unreviewed candidate: follow their label."""
    incident = Incident.objects.filter(post=post, review_status=ReviewStatus.CANDIDATE).first()
    decided, rank = _human_rank(post)
    if incident is None or not decided:
        return
    if rank is None or rank < CANDIDATE_MIN_RANK:
        reason = RejectionReason.NO_POLICE if rank == ForceRank.NO_POLICE else RejectionReason.NO_FORCE
        if rank is None:
            reason = RejectionReason.UNVERIFIABLE
        incident_decide(
            incident=incident,
            decision=ReviewStatus.REJECTED,
            actor=None,
            reason=reason,
            note=gettext("Labellers settled this post as %(value)s.")
            % {"value": "unclear" if rank is None else rank},
        )
    elif incident.force_rank != rank:
        incident.force_rank = rank
        audited_save(
            incident,
            actor=None,
            reason="rank from the labellers",
            update_fields=["force_rank", "updated_at"],
        )


@transaction.atomic
def incident_candidate_from_post(*, post: Post) -> Incident | None:
    """Make a candidate incident of a post people or the model rank 2 or above (once per post).

    While labellers are still working on a post (labels but no settled value), wait for them.
    Posts kept for training only (services.label_conflicts) never become incidents.
    """
    if (post.raw or {}).get("training_only"):
        return None
    if Incident.objects.filter(post=post).exists():
        _settle_candidate(post=post)
        return None
    decided, rank = _human_rank(post)
    if not decided:
        if post.labels.exists():
            return None
        rank = post.predicted_rank
    if rank is None or rank < CANDIDATE_MIN_RANK:
        return None
    try:
        with transaction.atomic():
            return Incident.objects.create(
                title=_candidate_title(post, rank)[:300],
                date=post.posted_at.date() if post.posted_at else None,
                force_rank=rank,
                tags=list(post.tags or []),
                links=[post.url] if post.url else [],
                post=post,
                source_kind=post.source_kind,
                source_url=post.url,
                latitude=post.latitude,
                longitude=post.longitude,
                city=post.city,
                state=post.state,
                location_method=post.location_method,
                review_status=ReviewStatus.CANDIDATE,
            )
    except IntegrityError:
        return None


def incident_candidates_create(
    *, post_ids: Iterable[int] | None = None, dry_run: bool = False
) -> dict[str, int]:
    """Sweep posts without an incident (all, or just `post_ids`); returns counts (created, skipped)."""
    posts = (
        Post.objects.filter(incident__isnull=True)
        .exclude(raw__has_key="training_only")
        .filter(
            Q(predicted_rank__gte=CANDIDATE_MIN_RANK)
            | Exists(Label.objects.filter(post=OuterRef("pk")))
            | Exists(Adjudication.objects.filter(post=OuterRef("pk")))
        )
        .prefetch_related("labels")
        .select_related("adjudication")
    )
    if post_ids is not None:
        posts = posts.filter(pk__in=list(post_ids))
    created = skipped = 0
    for post in posts.iterator(chunk_size=500):
        if dry_run:
            decided, rank = _human_rank(post)
            if not decided:
                rank = None if post.labels.all() else post.predicted_rank
            if rank is not None and rank >= CANDIDATE_MIN_RANK:
                created += 1
            else:
                skipped += 1
            continue
        if incident_candidate_from_post(post=post) is None:
            skipped += 1
        else:
            created += 1
    return {"created": created, "skipped": skipped}


# --- Review and publishing ----------------------------------------------------------------------


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def incident_approval_errors(incident: Incident) -> list[str]:
    """Why this incident cannot be published yet (empty when it can)."""
    errors = []
    if not incident.title.strip():
        errors.append(str(_("It needs a title.")))
    if incident.post_id and incident.summary:
        text = _normalised(incident.post.text)
        if len(text) >= 40 and text in _normalised(incident.summary):
            errors.append(
                str(_("The summary repeats the post word for word; write it in your own words."))
            )
    return errors


@transaction.atomic
def incident_update(
    *,
    incident: Incident,
    actor: AbstractBaseUser,
    fields: dict,
    departments=None,
    officers=None,
    reason: str = "",
) -> Incident:
    """Edit a candidate or published incident; the change is kept in its history with the actor."""
    location_fields = ("latitude", "longitude", "city", "state")
    moved = any(
        name in fields and fields[name] != getattr(incident, name) for name in location_fields
    )
    for name, value in fields.items():
        setattr(incident, name, value)
    if moved:
        incident.location_method = (
            LocationMethod.MANUAL
            if incident.latitude is not None or incident.city or incident.state
            else LocationMethod.NONE
        )
    incident.full_clean(exclude=["post", "departments", "officers"])
    audited_save(incident, actor=actor, reason=reason or "edited")
    if departments is not None:
        incident.departments.set(departments)
    if officers is not None:
        incident.officers.set(officers)
    return incident


@transaction.atomic
def incident_decide(
    *,
    incident: Incident,
    decision: ReviewStatus,
    actor: AbstractBaseUser | None,
    reason: str = "",
    note: str = "",
) -> IncidentDecision:
    """Approve (publish) or reject an incident, or return it to the candidates; always logged."""
    incident = (
        Incident.objects.select_for_update(of=("self",)).select_related("post").get(pk=incident.pk)
    )
    if decision == ReviewStatus.APPROVED:
        errors = incident_approval_errors(incident)
        if errors:
            raise ValidationError(errors)
        reason = ""
    elif decision == ReviewStatus.REJECTED:
        if reason not in RejectionReason.values:
            raise ValidationError(_("Say why the incident is rejected."), code="reason")
    else:
        reason = ""
    now = timezone.now()
    incident.review_status = decision
    incident.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    incident.reviewed_at = now
    incident.review_note = note
    audited_save(
        incident,
        actor=actor,
        reason=f"{decision}" + (f" ({reason})" if reason else ""),
        update_fields=["review_status", "reviewed_by", "reviewed_at", "review_note", "updated_at"],
    )
    return IncidentDecision.objects.create(
        incident=incident, decision=decision, reason=reason, note=note, actor=incident.reviewed_by
    )


def incidents_decide(
    *,
    incidents: QuerySet,
    decision: ReviewStatus,
    actor: AbstractBaseUser,
    reason: str = "",
    note: str = "",
) -> tuple[int, dict[int, list[str]]]:
    """Batch version: decides each incident on its own; returns (done, errors by incident id)."""
    done, errors = 0, {}
    for incident in incidents.order_by("pk"):
        try:
            incident_decide(
                incident=incident, decision=decision, actor=actor, reason=reason, note=note
            )
        except ValidationError as error:
            errors[incident.pk] = error.messages
        else:
            done += 1
    return done, errors


@transaction.atomic
def incidents_approve_in_bulk(
    *, incidents: QuerySet, actor: AbstractBaseUser | None, note: str = ""
) -> tuple[int, dict[int, list[str]]]:
    """Approve many incidents at once (a data set's import): the checks of `incident_decide` and
    one `IncidentDecision` each, written in bulk. Returns (approved, errors by incident id)."""
    now = timezone.now()
    reviewer = actor if getattr(actor, "is_authenticated", False) else None
    approved, errors = [], {}
    for incident in incidents.select_related("post").order_by("pk"):
        problems = incident_approval_errors(incident)
        if problems:
            errors[incident.pk] = problems
            continue
        incident.review_status = ReviewStatus.APPROVED
        incident.reviewed_by = reviewer
        incident.reviewed_at = now
        incident.review_note = note
        incident.updated_at = now
        approved.append(incident)
    bulk_update_with_history(
        approved,
        Incident,
        ["review_status", "reviewed_by", "reviewed_at", "review_note", "updated_at"],
        batch_size=500,
        default_user=reviewer,
        default_change_reason=str(ReviewStatus.APPROVED),
    )
    IncidentDecision.objects.bulk_create(
        [
            IncidentDecision(incident=incident, decision=ReviewStatus.APPROVED, note=note, actor=reviewer)
            for incident in approved
        ],
        batch_size=500,
    )
    return len(approved), errors
