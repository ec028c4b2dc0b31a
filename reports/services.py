"""Writes for misconduct reports. Every change records who made it (django-simple-history)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import PublicationStatus
from core.services import audited_save
from officers.models import Department, Officer
from officers.services import OfficerIdentity, officer_match_or_create
from reports.models import Finding, FindingOutcome, PolicyCategory, Report, ReportType


@dataclass(frozen=True)
class FindingData:
    policy_category: str
    outcome: str
    summary: str = ""
    basis: str = ""


def _finding_build(report: Report, data: FindingData, position: int) -> Finding:
    if data.policy_category not in PolicyCategory.values:
        raise ValidationError(
            {"policy_category": _("Unknown policy category: %(value)s") % {"value": data.policy_category}}
        )
    if data.outcome not in FindingOutcome.values:
        raise ValidationError(
            {"outcome": _("Unknown finding outcome: %(value)s") % {"value": data.outcome}}
        )
    return Finding(
        report=report,
        policy_category=data.policy_category,
        outcome=data.outcome,
        summary=data.summary,
        basis=data.basis,
        position=position,
    )


@transaction.atomic
def report_create(
    *,
    department: Department,
    report_type: str,
    officer: Officer | None = None,
    officer_identity: OfficerIdentity | None = None,
    findings: Iterable[FindingData] = (),
    actor: AbstractBaseUser | None = None,
    publication_status: str = PublicationStatus.DRAFT,
    badge_number: str = "",
    investigator: str = "",
    investigator_title: str = "",
    investigator_employer: str = "",
    investigation_id: str = "",
    incident_date: datetime.date | None = None,
    report_date: datetime.date | None = None,
    findings_summary: str = "",
    conclusion: str = "",
    report_url: str = "",
    archived_report_url: str = "",
    records_request_url: str = "",
    source_url: str = "",
    foia_number: str = "",
    dataset: str = "",
) -> Report:
    """Create a report about a real officer record, and its findings, in one transaction.

    Pass `officer` when the officer is known, or `officer_identity` to match one in the
    department or create a draft officer (see `officer_match_or_create`).
    """
    if (officer is None) == (officer_identity is None):
        raise ValidationError(_("Give either an officer or the officer's identity, not both."))
    if report_type not in ReportType.values:
        raise ValidationError({"report_type": _("Unknown report type: %(value)s") % {"value": report_type}})
    if officer is None:
        identity = officer_identity
        if badge_number and not identity.badge_number:
            identity = OfficerIdentity(**{**identity.__dict__, "badge_number": badge_number})
        officer, _created = officer_match_or_create(
            department=department, identity=identity, actor=actor, dataset=dataset,
            source_url=source_url,
        )

    report = Report(
        officer=officer,
        department=department,
        report_type=report_type,
        publication_status=publication_status,
        badge_number=badge_number or (officer_identity.badge_number if officer_identity else ""),
        investigator=investigator,
        investigator_title=investigator_title,
        investigator_employer=investigator_employer,
        investigation_id=investigation_id,
        incident_date=incident_date,
        report_date=report_date,
        findings_summary=findings_summary,
        conclusion=conclusion,
        report_url=report_url,
        archived_report_url=archived_report_url,
        records_request_url=records_request_url,
        source_url=source_url,
        foia_number=foia_number,
        dataset=dataset,
    )
    report.full_clean()
    audited_save(report, actor=actor, reason="created")
    for position, data in enumerate(findings):
        finding = _finding_build(report, data, position)
        audited_save(finding, actor=actor, reason="created")
    return report
