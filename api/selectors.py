"""Reads for the partner API: a key by its secret's digest, and usage."""

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from api.models import DailyUsage, PartnerKey

KEY_SHAPE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


@dataclass(frozen=True)
class KeyInfo:
    """What a request needs to know about its key (cached; no secrets)."""

    id: int
    public_id: uuid.UUID
    organisation: str
    weekly_quota: int
    usable: bool
    expires_at: dt.datetime | None


def key_is_well_formed(secret: str) -> bool:
    return bool(KEY_SHAPE.match(secret))


def partner_key_from_database(digest: str) -> KeyInfo | None:
    """The key whose secret hashes to `digest`, usable or not, read from the database (each meter
    caches it: api/metering.py); None when no key has that secret."""
    key = (
        PartnerKey.objects.filter(key_hash=digest)
        .values("pk", "public_id", "organisation", "weekly_quota", "is_active", "revoked_at", "expires_at")
        .first()
    )
    if key is None:
        return None
    return KeyInfo(
        id=key["pk"],
        public_id=key["public_id"],
        organisation=key["organisation"],
        weekly_quota=key["weekly_quota"],
        usable=key["is_active"] and key["revoked_at"] is None,
        expires_at=key["expires_at"],
    )


def daily_usage_list(*, key_id: int, days: int = 28) -> list[DailyUsage]:
    since = timezone.now().date() - dt.timedelta(days=days - 1)
    return list(DailyUsage.objects.filter(key_id=key_id, day__gte=since).order_by("day"))


def usage_totals_by_day(*, days: int = 28) -> list[dict]:
    """Credits per day over all keys, oldest first, with zero-days filled in (for the chart)."""
    today = timezone.now().date()
    since = today - dt.timedelta(days=days - 1)
    rows = {
        row["day"]: row
        for row in DailyUsage.objects.filter(day__gte=since)
        .values("day")
        .annotate(calls=Sum("calls"), credits=Sum("credits"), refused=Sum("refused"))
    }
    return [
        rows.get(since + dt.timedelta(days=n), {"day": since + dt.timedelta(days=n), "calls": 0, "credits": 0, "refused": 0})
        for n in range(days)
    ]

