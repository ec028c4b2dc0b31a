"""Witness submissions: an incident a member of the public saw, straight into the review queue
as a candidate (never public until a reviewer approves it), classified like any post."""

import datetime
import uuid

from django.db import transaction

from core.choices import ForceRank, SourceKind
from core.services import audited_save, private_contact_store
from core.tasks import enqueue_on_commit
from incidents.models import Incident, LocationMethod, Post, ReviewStatus
from incidents.places import City
from incidents.services.review import _candidate_title

PUBLIC_SUBMISSION = "public-submission"


@transaction.atomic
def witness_incident_submit(
    *,
    what: str,
    place: City,
    date: datetime.date,
    links: list[str],
    force_rank: int | None = None,
    name: str = "",
    email: str = "",
    phone: str = "",
) -> Incident:
    """Store the account as a post (which the classifier ranks) and a candidate incident made
    from it, with provenance "public submission"; the contact details go apart."""
    post = Post.objects.create(
        source_kind=SourceKind.PUBLIC,
        external_id=uuid.uuid4().hex,
        url=links[0] if links else "",
        text=" ".join(what.split()),
        text_original=what,
        posted_at=datetime.datetime.combine(date, datetime.time(12), tzinfo=datetime.timezone.utc),
        raw={"links": links, "witness_force_rank": force_rank, "place": f"{place.name}, {place.state}"},
        latitude=place.latitude,
        longitude=place.longitude,
        city=place.name,
        state=f"USA-{place.state}",
        location_method=LocationMethod.PLACE,
    )
    # A rank is required: the witness's, else "police present, no force" until the model's
    # suggestion replaces it (classify_submission); reviewers set the final one.
    rank = force_rank if force_rank is not None else ForceRank.NO_FORCE
    incident = Incident.objects.create(
        title=_candidate_title(post, rank)[:300],
        date=date,
        force_rank=rank,
        links=links,
        post=post,
        source_kind=SourceKind.PUBLIC,
        dataset=PUBLIC_SUBMISSION,
        external_id=post.external_id,
        source_url=post.url,
        latitude=place.latitude,
        longitude=place.longitude,
        city=place.name,
        state=f"USA-{place.state}",
        location_method=LocationMethod.PLACE,
        review_status=ReviewStatus.CANDIDATE,
    )
    private_contact_store(record=incident, name=name, email=email, phone=phone)
    # Tasks call the services: the task module is imported here, not at the top, to keep
    # services below tasks.
    from incidents.tasks import classify_submission

    enqueue_on_commit(classify_submission, post.pk)
    return incident


@transaction.atomic
def witness_incident_rank_from_model(*, post_id: int) -> bool:
    """After the classifier ranked a witness's post: where the witness gave no rank and the
    incident still waits for review, take the model's rank. True when it changed."""
    post = Post.objects.filter(pk=post_id, source_kind=SourceKind.PUBLIC).first()
    if post is None or post.predicted_rank is None or (post.raw or {}).get("witness_force_rank") is not None:
        return False
    incident = Incident.objects.select_for_update().filter(post=post, review_status=ReviewStatus.CANDIDATE).first()
    if incident is None or incident.force_rank == post.predicted_rank:
        return False
    incident.force_rank = post.predicted_rank
    audited_save(incident, actor=None, reason="rank from the model", update_fields=["force_rank", "updated_at"])
    return True
