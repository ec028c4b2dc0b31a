"""Writes for error reports: a person sends one; staff accept or reject it."""

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from core.services import audited_save, private_contact_store
from corrections.models import Correction, CorrectionStatus
from corrections.records import KINDS


@transaction.atomic
def correction_submit(*, kind: str, record: models.Model, message: str, name: str = "", email: str = "") -> Correction:
    """Store an error report about a public `record`, and the submitter's contact details
    apart from it (only when they left some)."""
    record_kind = KINDS[kind]
    correction = Correction.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        record_label=str(record_kind.name(record))[:300],
        record_path=record_kind.path(record)[:300],
        message=message.strip(),
    )
    private_contact_store(record=correction, name=name, email=email)
    return correction


def _latest_history_id(record: models.Model | None) -> int | None:
    history = getattr(record, "history", None)
    if record is None or history is None:
        return None
    return history.order_by("-history_date", "-history_id").values_list("history_id", flat=True).first()


@transaction.atomic
def correction_resolve(
    *, correction: Correction, status: CorrectionStatus, note: str = "", actor: AbstractBaseUser | None,
) -> Correction:
    """Set an error report's status. Accepting links the record's latest history entry (the
    change staff made after reading the report); reopening clears the resolution."""
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    correction.status = status
    if note:
        correction.resolution_note = note
    if status == CorrectionStatus.OPEN:
        correction.resolved_by = correction.resolved_at = correction.record_history_id = None
    else:
        correction.resolved_by = actor if getattr(actor, "is_authenticated", False) else None
        correction.resolved_at = timezone.now()
        correction.record_history_id = (
            _latest_history_id(correction.record) if status == CorrectionStatus.ACCEPTED else None
        )
    audited_save(correction, actor=actor, reason=f"marked {status}")
    return correction
