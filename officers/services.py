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
from officers.matching import AmbiguousOfficer, Roster
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

    Matching is the importer's rule (`officers.matching`): the department's internal id when
    given, else first and last name (case- and accent-free) together with a badge number the
    officer held; when several officers fit equally, a new one is created, because attaching a
    report to the wrong person is worse than a duplicate a curator can merge.
    A new officer is a draft: staff review it before it appears on public pages.
    """
    last_name = _norm(identity.last_name)
    if not last_name:
        raise ValidationError({"last_name": _("The officer's last name is required.")})
    internal_id = _norm(identity.internal_id)
    badge = _norm(identity.badge_number)
    roster = Roster.around(
        department.pk, internal_id=internal_id, first_name=identity.first_name, last_name=last_name
    )
    try:
        found = roster.find(
            department.pk,
            first_name=identity.first_name,
            last_name=last_name,
            internal_id=internal_id,
            badges=[badge],
        )
    except AmbiguousOfficer:
        found = None  # a new draft a curator can merge, rather than a guess
    if found is not None:
        return Officer.objects.get(pk=found), False

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
