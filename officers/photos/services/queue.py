"""The volunteers' queue (claim, sort, tag) and the reviewers' undo."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audited_save
from officers.photos.models import Face, Image
from officers.photos.selectors import images_needing
from officers.photos.services.limits import CLAIM_LEASE

# --- The volunteer queue --------------------------------------------------------------------


def _claim_is_free(now: datetime) -> Q:
    return Q(claimed_by__isnull=True) | Q(claimed_at__lt=now - CLAIM_LEASE)


def image_claim_next(*, user: AbstractBaseUser, stage: str, exclude_ids=()) -> Image | None:
    """Give `user` the next image to sort ("sort") or to tag ("tag"), and no one else.

    The image is leased to the user (CLAIM_LEASE). On PostgreSQL candidates are locked with
    SKIP LOCKED so concurrent volunteers pass over each other's rows instead of waiting; the
    conditional UPDATE makes the lease a compare-and-set on every database.
    """
    now = timezone.now()
    held = images_needing(stage).filter(claimed_by=user, claimed_at__gte=now - CLAIM_LEASE).exclude(pk__in=exclude_ids).first()
    if held is not None:
        return held
    for _attempt in range(5):
        with transaction.atomic():
            candidates = images_needing(stage).filter(_claim_is_free(now)).exclude(pk__in=exclude_ids)
            if settings.IS_POSTGRES:
                candidates = candidates.select_for_update(skip_locked=True, of=("self",))
            candidate = candidates.order_by("created_at", "pk").first()
            if candidate is None:
                return None
            won = Image.objects.filter(_claim_is_free(now), pk=candidate.pk).update(claimed_by=user, claimed_at=now)
            if won:
                Image.objects.filter(claimed_by=user).exclude(pk=candidate.pk).update(claimed_by=None, claimed_at=None)
                candidate.claimed_by, candidate.claimed_at = user, now
                return candidate
    return None


def image_claim_is_stale(image: Image) -> bool:
    return image.claimed_at is None or image.claimed_at < timezone.now() - CLAIM_LEASE


def image_claim(*, image: Image, user: AbstractBaseUser) -> bool:
    """Lease one given image to `user` unless someone else holds a live lease on it."""
    now = timezone.now()
    won = Image.objects.filter(_claim_is_free(now) | Q(claimed_by=user), pk=image.pk).update(claimed_by=user, claimed_at=now)
    if won:
        Image.objects.filter(claimed_by=user).exclude(pk=image.pk).update(claimed_by=None, claimed_at=None)
    return bool(won)


def image_release(*, image: Image, user: AbstractBaseUser) -> None:
    Image.objects.filter(pk=image.pk, claimed_by=user).update(claimed_by=None, claimed_at=None)


@transaction.atomic
def image_sort(*, image: Image, contains_officers: bool, actor: AbstractBaseUser) -> Image:
    """Record a volunteer's answer to "does this photo show police officers?"."""
    image = Image.objects.select_for_update().get(pk=image.pk)
    if image.contains_officers is not None:
        raise ValidationError(_("Someone has already sorted this photo."), code="already_sorted")
    image.contains_officers = contains_officers
    image.sorted_by = actor
    image.sorted_at = timezone.now()
    image.claimed_by = image.claimed_at = None
    audited_save(image, actor=actor, reason="sorted")
    return image


@transaction.atomic
def image_tagging_finish(*, image: Image, actor: AbstractBaseUser) -> Image:
    """The volunteer has boxed and linked every officer they can in this photo."""
    image = Image.objects.select_for_update().get(pk=image.pk)
    image.tagging_done_by = actor
    image.tagging_done_at = timezone.now()
    image.claimed_by = image.claimed_at = None
    audited_save(image, actor=actor, reason="tagging finished")
    return image


# --- Reviewers' undo ------------------------------------------------------------------------


@transaction.atomic
def image_sort_undo(*, image: Image, actor: AbstractBaseUser) -> Image:
    """Send a sorted photo back to the queue. Its tags must be undone first."""
    image = Image.objects.select_for_update().get(pk=image.pk)
    if image.faces.filter(officer__isnull=False).exists():
        raise ValidationError(
            _("Faces in this photo are linked to officers; undo those tags first."), code="has_tags"
        )
    image.contains_officers = None
    image.sorted_by = None
    image.sorted_at = None
    image.tagging_done_by = None
    image.tagging_done_at = None
    audited_save(image, actor=actor, reason="sort undone by reviewer")
    return image


@transaction.atomic
def face_tag_undo(*, face: Face, actor: AbstractBaseUser) -> Face:
    """Unlink a face from its officer and reopen the photo for tagging."""
    face = Face.objects.select_for_update().select_related("image").get(pk=face.pk)
    face.officer = None
    face.confirmed_by = None
    face.confirmed_at = None
    face.is_featured = False
    audited_save(face, actor=actor, reason="tag undone by reviewer")
    image = face.image
    if image.tagging_done_at:
        image.tagging_done_by = None
        image.tagging_done_at = None
        audited_save(image, actor=actor, reason="reopened for tagging", update_fields=["tagging_done_by", "tagging_done_at", "updated_at"])
    return face
