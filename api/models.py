"""Partner API keys and their daily usage.

A key is shown once, when it is created or rotated; only its SHA-256 is stored (keys are random
UUID4s, 122 bits of entropy, so a fast hash is safe). The first eight characters are kept in
clear as a non-secret prefix so staff and partners can tell keys apart.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import AuditHistory, TimeStampedModel

DEFAULT_WEEKLY_QUOTA = 500
PREFIX_LENGTH = 8


class PartnerKeyQuerySet(models.QuerySet):
    def usable(self) -> "PartnerKeyQuerySet":
        now = timezone.now()
        return self.filter(is_active=True, revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class PartnerKey(TimeStampedModel):
    # Stable across rotations: the meter counts credits against it, so a new secret keeps the
    # week's usage.
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.CharField(_("organisation"), max_length=200)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True, help_text=_("What the partner uses the API for."))
    expected_weekly_volume = models.PositiveIntegerField(
        _("expected calls per week"), null=True, blank=True
    )
    weekly_quota = models.PositiveIntegerField(
        _("weekly quota (credits)"),
        default=DEFAULT_WEEKLY_QUOTA,
        help_text=_("Credits per week; the week starts on Sunday 00:00 UTC."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    prefix = models.CharField(_("key prefix"), max_length=PREFIX_LENGTH, db_index=True, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    rotated_at = models.DateTimeField(_("last rotated"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    history = AuditHistory(excluded_fields=["key_hash"])

    objects = PartnerKeyQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "id"]
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        if not self.is_active or self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()


class WeeklyUsage(models.Model):
    """Credits a key consumed in one week: the database meter's counter (one row per key and week)."""

    key = models.ForeignKey(PartnerKey, on_delete=models.CASCADE, related_name="weekly_usage")
    week_start = models.DateTimeField(_("week start"))
    credits_used = models.PositiveIntegerField(_("credits used"), default=0)

    class Meta:
        verbose_name = _("weekly usage")
        verbose_name_plural = _("weekly usage")
        constraints = [
            models.UniqueConstraint(fields=["key", "week_start"], name="weekly_usage_unique"),
            models.CheckConstraint(
                condition=models.Q(credits_used__gte=0), name="weekly_usage_not_negative"
            ),
        ]


class DailyUsage(models.Model):
    """What a key did on one UTC day, for staff charts and the partner's own usage endpoint."""

    key = models.ForeignKey(
        PartnerKey, on_delete=models.CASCADE, related_name="daily_usage", verbose_name=_("key")
    )
    day = models.DateField(_("day"), db_index=True)
    calls = models.PositiveIntegerField(_("metered calls"), default=0)
    credits = models.PositiveIntegerField(_("credits"), default=0)
    refused = models.PositiveIntegerField(
        _("calls refused"), default=0, help_text=_("Calls refused because the quota was spent.")
    )

    class Meta:
        ordering = ["-day", "key_id"]
        verbose_name = _("daily usage")
        verbose_name_plural = _("daily usage")
        constraints = [models.UniqueConstraint(fields=["key", "day"], name="daily_usage_unique")]

    def __str__(self) -> str:
        return f"{self.key} · {self.day}"
