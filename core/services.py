"""Writes shared by every curated model."""

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import CuratedModel, PublicationStatus


def record_actor(instance: models.Model, actor: AbstractBaseUser | None) -> None:
    """Make the next save of `instance` appear in its history as done by `actor`."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor


def curated_update(
    *, instance: models.Model, fields: dict, editable: set[str], actor: AbstractBaseUser | None
) -> models.Model:
    """Set `fields` on `instance`, validate and save it, recorded as done by `actor`. Names
    outside `editable` are refused with a ValidationError naming them, before anything changes.
    The caller holds the transaction."""
    unknown = set(fields) - editable
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    record_actor(instance, actor)
    instance.save()
    return instance


@transaction.atomic
def publication_status_set(
    *,
    queryset: models.QuerySet,
    status: PublicationStatus,
    actor: AbstractBaseUser | None,
    reason: str = "",
) -> int:
    """Set the publication status of every record in `queryset`, one audited save each."""
    changed = 0
    for instance in queryset.select_for_update(of=("self",)):
        instance: CuratedModel
        if instance.publication_status == status:
            continue
        instance.publication_status = status
        record_actor(instance, actor)
        instance._change_reason = reason or f"status → {status}"
        instance.save(update_fields=["publication_status", "updated_at"])
        changed += 1
    return changed


def expired_sessions_clear() -> int:
    """Delete expired sessions; returns how many were removed."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
