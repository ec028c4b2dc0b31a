"""Writes for partner keys: create, rotate, revoke. The secret is returned once, never stored."""

import datetime as dt
import hashlib
import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from api import metering
from api.models import DEFAULT_WEEKLY_QUOTA, PREFIX_LENGTH, PartnerKey
from core.services import audited_save


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.strip().lower().encode()).hexdigest()


def _new_secret() -> str:
    # UUID-shaped (36 characters) so Bad Apple clients, which validate that shape, keep working.
    return str(uuid.uuid4())


def _forget(key: PartnerKey) -> None:
    """Drop the key's cached facts now and again once the change is committed, so a call that
    read the old row meanwhile cannot leave it cached."""

    def forget(digest: str = key.key_hash) -> None:
        metering.forget_key(digest)

    forget()
    transaction.on_commit(forget)


@transaction.atomic
def partner_key_create(
    *,
    organisation: str,
    weekly_quota: int = DEFAULT_WEEKLY_QUOTA,
    contact_name: str = "",
    contact_email: str = "",
    purpose: str = "",
    expected_weekly_volume: int | None = None,
    expires_at: dt.datetime | None = None,
    is_active: bool = True,
    actor: AbstractBaseUser | None = None,
) -> tuple[PartnerKey, str]:
    """Create a key; returns it with its secret, which is shown once and never again."""
    secret = _new_secret()
    key = PartnerKey(
        organisation=organisation,
        weekly_quota=weekly_quota,
        contact_name=contact_name,
        contact_email=contact_email,
        purpose=purpose,
        expected_weekly_volume=expected_weekly_volume,
        expires_at=expires_at,
        is_active=is_active,
        prefix=secret[:PREFIX_LENGTH],
        key_hash=secret_hash(secret),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audited_save(key, actor=actor, reason="created")
    return key, secret


@transaction.atomic
def partner_key_rotate(*, key: PartnerKey, actor: AbstractBaseUser | None = None) -> str:
    """Replace the key's secret; the old one stops working at once. Usage and quota carry over."""
    key = PartnerKey.objects.select_for_update().get(pk=key.pk)
    _forget(key)
    secret = _new_secret()
    key.prefix = secret[:PREFIX_LENGTH]
    key.key_hash = secret_hash(secret)
    key.rotated_at = timezone.now()
    audited_save(key, actor=actor, reason="rotated", update_fields=["prefix", "key_hash", "rotated_at", "updated_at"])
    return secret


@transaction.atomic
def partner_key_revoke(*, key: PartnerKey, actor: AbstractBaseUser | None = None) -> bool:
    """Switch the key off for good; returns False when it was already revoked."""
    key = PartnerKey.objects.select_for_update().get(pk=key.pk)
    _forget(key)
    if key.revoked_at is not None:
        return False
    key.revoked_at = timezone.now()
    key.is_active = False
    audited_save(key, actor=actor, reason="revoked", update_fields=["revoked_at", "is_active", "updated_at"])
    return True


@transaction.atomic
def partner_key_update(*, key: PartnerKey, actor: AbstractBaseUser | None = None, **fields) -> PartnerKey:
    """Save staff edits (quota, expiry, active flag, contact); the cached lookup is dropped."""
    for name, value in fields.items():
        setattr(key, name, value)
    audited_save(key, actor=actor, reason="edited")
    _forget(key)
    return key
