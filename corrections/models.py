"""Errors the public reports on a public record, and what staff made of them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AuditHistory, TimeStampedModel


class CorrectionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Correction(TimeStampedModel):
    """"There is an error on this page": what the person says is wrong, about which record.

    Never public. The submitter's contact details, if any, are a `core.PrivateContact`, kept
    apart and deleted after the retention period. When staff accept a report, the record's
    latest history entry (the change they made) is linked here.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+", verbose_name=_("kind of record"),
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    record_label = models.CharField(_("record"), max_length=300, help_text=_("The record's name when the report was sent."))
    record_path = models.CharField(_("page"), max_length=300)
    message = models.TextField(_("what is wrong"))
    status = models.CharField(
        _("status"), max_length=16, choices=CorrectionStatus.choices, default=CorrectionStatus.OPEN, db_index=True,
    )
    resolution_note = models.TextField(
        _("what was done"), blank=True, help_text=_("The change made to the record, or why the report was rejected."),
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    record_history_id = models.PositiveBigIntegerField(
        _("change in the record's history"), null=True, blank=True,
        help_text=_("The record's latest history entry when the report was accepted."),
    )
    history = AuditHistory()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        indexes = [models.Index(fields=["content_type", "object_id"], name="correction_record")]

    def __str__(self) -> str:
        return f"{self.record_label}: {self.message[:60]}"
