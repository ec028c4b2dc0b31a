"""Writes shared by every curated model."""

from axes.models import AccessFailureLog, AccessLog
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from core.models import CuratedModel, PrivateContact, PublicationStatus
from core.signin import client_address


def record_actor(instance: models.Model, actor: AbstractBaseUser | None) -> None:
    """Make the next save of `instance` appear in its history as done by `actor`."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor


def audited_save(
    instance: models.Model,
    *,
    actor: AbstractBaseUser | None,
    reason: str,
    update_fields=None,
) -> None:
    """Save `instance`; its history row says who (`actor`, when signed in) and why (`reason`)."""
    record_actor(instance, actor)
    instance._change_reason = reason
    instance.save(update_fields=update_fields)


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
    audited_save(instance, actor=actor, reason="edited")
    return instance


def rows_locked(queryset: models.QuerySet) -> models.QuerySet:
    """The rows of `queryset` locked for update, in primary-key order (so two batches never
    deadlock). The lock is taken by a plain query over the same keys: an admin changelist
    queryset often carries aggregate annotations (a GROUP BY), and PostgreSQL refuses
    FOR UPDATE on those."""
    keys = queryset.order_by().values("pk")
    return queryset.model._default_manager.filter(pk__in=keys).select_for_update().order_by("pk")


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
    for instance in rows_locked(queryset):
        instance: CuratedModel
        if instance.publication_status == status:
            continue
        instance.publication_status = status
        audited_save(
            instance,
            actor=actor,
            reason=reason or f"status → {status}",
            update_fields=["publication_status", "updated_at"],
        )
        changed += 1
    return changed


# --- Second factor ------------------------------------------------------------------------

RECOVERY_CODE_COUNT = 10


def two_factor_device_pending(*, user: AbstractBaseUser):
    """The authenticator the user is enrolling (one per user until confirmed)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def two_factor_confirm(*, device, token: str) -> list[str] | None:
    """Confirm an enrolling authenticator with a code from it, and issue fresh recovery codes.

    Returns the recovery codes (shown once, each good for one sign-in), or None when the code is
    wrong. Any earlier authenticator and recovery codes stop working.
    """
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=device.user).delete()
    recovery = StaticDevice.objects.create(user=device.user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


@transaction.atomic
def second_factor_attempt_record(*, request, user: AbstractBaseUser, succeeded: bool) -> None:
    """Keep the second step of a sign-in beside django-axes' record of the first: a right code
    in the access log, a wrong one in the failure log, both in the admin for admins only."""
    fields = {
        "username": user.get_username(),
        "ip_address": client_address(request) or None,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:255],
        "http_accept": request.META.get("HTTP_ACCEPT", "")[:1025],
        "path_info": request.path_info[:255],
        "attempt_time": timezone.now(),
    }
    if succeeded:
        AccessLog.objects.create(**fields)
    else:
        AccessFailureLog.objects.create(**fields, locked_out=False)


def two_factor_verify(*, user: AbstractBaseUser, token: str):
    """The user's device that accepts `token` (the authenticator, then the recovery codes; a
    recovery code is used up), or None. Each device throttles its own wrong guesses."""
    token = "".join(token.split()).lower()
    for device in devices_for_user(user, confirmed=True):
        allowed, _info = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None


# --- Contact details left with public submissions -------------------------------------------


def private_contact_store(*, record: models.Model, name: str = "", email: str = "", phone: str = ""):
    """Keep how to reach the person who sent `record`, apart from it; None when they left nothing."""
    name, email, phone = name.strip(), email.strip(), phone.strip()
    if not (name or email or phone):
        return None
    return PrivateContact.objects.create(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk,
        name=name, email=email, phone=phone,
    )


def contacts_purge(*, days: int, dry_run: bool = False, now=None) -> int:
    """Delete contact details left more than `days` days ago; how many (would be) deleted."""
    cutoff = (now or timezone.now()) - timezone.timedelta(days=days)
    expired = PrivateContact.objects.filter(created_at__lt=cutoff)
    if dry_run:
        return expired.count()
    deleted, _ = expired.delete()
    return deleted
