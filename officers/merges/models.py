"""Two officer records found to be one person: what a merge moved, so that it can be undone.
Registered with the officers app through officers/models.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class OfficerMerge(TimeStampedModel):
    """Two officer records found to be one person: what moved, so the merge can be undone."""

    kept = models.ForeignKey(
        "officers.Officer", on_delete=models.CASCADE, related_name="+", verbose_name=_("kept officer")
    )
    merged = models.ForeignKey(
        "officers.Officer", on_delete=models.CASCADE, related_name="+", verbose_name=_("merged officer")
    )
    merged_status = models.CharField(_("merged officer's status before"), max_length=16)
    kept_fields = models.JSONField(_("kept officer's fields before"), default=dict)
    moved = models.JSONField(_("records moved"), default=dict)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged by"),
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("officer merge")
        verbose_name_plural = _("officer merges")

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.kept_id}"
