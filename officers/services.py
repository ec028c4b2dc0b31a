"""Writes for officers that other apps start: an officer named by a misconduct report, matched
or created as a draft. Photos, search upkeep and merges have their own rooms (photos/, search/,
merges/); CSV import lives in importers/."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import PublicationStatus
from core.services import audited_save
from officers.models import Assignment, Department, Officer


@dataclass(frozen=True)
class OfficerIdentity:
    """How a report names its officer when we may not have the officer on file yet."""

    last_name: str
    first_name: str = ""
    middle_name: str = ""
    suffix: str = ""
    internal_id: str = ""
    badge_number: str = ""


def _norm(text: str) -> str:
    return " ".join((text or "").split())


@transaction.atomic
def officer_match_or_create(
    *,
    department: Department,
    identity: OfficerIdentity,
    actor: AbstractBaseUser | None = None,
    dataset: str = "",
    source_url: str = "",
) -> tuple[Officer, bool]:
    """The officer `identity` names in `department`: matched, or created as a draft.

    Matching is conservative, because attaching a report to the wrong person is worse than a
    duplicate a curator can merge: the department's internal id when given, else the exact
    (case-insensitive) first and last name together with a badge number the officer held.
    A new officer is a draft: staff review it before it appears on public pages.
    """
    last_name = _norm(identity.last_name)
    if not last_name:
        raise ValidationError({"last_name": _("The officer's last name is required.")})
    internal_id = _norm(identity.internal_id)
    badge = _norm(identity.badge_number)
    officers = Officer.objects.filter(department=department)

    if internal_id:
        found = officers.filter(internal_id=internal_id).first()
        if found:
            return found, False
        # A record that has no internal id yet may still be the same person.
        officers = officers.filter(internal_id="")
    if badge:
        found = (
            officers.filter(
                last_name__iexact=last_name,
                first_name__iexact=_norm(identity.first_name),
                assignments__badge_number=badge,
            )
            .order_by("pk")
            .distinct()
            .first()
        )
        if found:
            return found, False

    officer = Officer(
        department=department,
        first_name=_norm(identity.first_name),
        middle_name=_norm(identity.middle_name),
        last_name=last_name,
        suffix=_norm(identity.suffix),
        internal_id=internal_id,
        publication_status=PublicationStatus.DRAFT,
        dataset=dataset,
        source_url=source_url,
    )
    officer.full_clean()
    audited_save(officer, actor=actor, reason="created from a misconduct report")
    if badge:
        Assignment.objects.create(officer=officer, badge_number=badge)
    return officer, True
