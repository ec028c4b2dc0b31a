"""Reads for the records-request pages and the partner API (published records only)."""

import uuid
from dataclasses import dataclass


from core.choices import UsState, state_from_text
from officers.models import Officer
from pra.badapple import subject_from_text
from pra.choices import GENERIC_JURISDICTION, Subject
from pra.models import Law, LawExemption, RequestTemplate
from reports.models import Report


class InvalidChoice(ValueError):
    """An unknown state or subject; carries the valid choices so callers can list them."""

    def __init__(self, *, field: str, value: str, valid: list[tuple[str, str]]):
        self.field = field
        self.value = value
        self.valid = valid
        super().__init__(f"unknown {field}: {value!r}")


@dataclass(frozen=True)
class TemplateMatch:
    jurisdiction: str
    subject: Subject
    template: RequestTemplate | None
    law: Law | None

    @property
    def is_generic(self) -> bool:
        return self.template is not None and self.template.jurisdiction == GENERIC_JURISDICTION


def state_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(label)) for code, label in UsState.choices), key=lambda c: c[1])


def subject_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in Subject.choices]


def state_parse(value: str | None) -> str:
    """`USA-OR`, `OR` or `Oregon` → `USA-OR`; InvalidChoice otherwise."""
    state = state_from_text(value or "")
    if state is None:
        raise InvalidChoice(field="state", value=value or "", valid=state_choices())
    return state


def subject_parse(value: str | None) -> Subject:
    """Our code (`drones`) or Bad Apple's number (`1`) → Subject; InvalidChoice otherwise."""
    subject = subject_from_text(value)
    if subject is None:
        raise InvalidChoice(field="subject", value=value or "", valid=subject_choices())
    return subject


def law_for(*, state: str) -> Law | None:
    return Law.objects.public().filter(jurisdiction=state).first()


def exemptions_for(*, law: Law | None) -> list[LawExemption]:
    return list(law.exemptions.order_by("position")) if law is not None else []


def law_list() -> list[Law]:
    """Published laws in the order of their state's name in the current language."""
    return sorted(Law.objects.public(), key=lambda law: str(law.get_jurisdiction_display()))


def template_for(*, state: str, subject: str) -> TemplateMatch:
    """The published letter for `state` × `subject`, else the generic one, with the state's law.

    `state` may be `USA-XX`, a postal code or a name; `subject` our code or Bad Apple's number.
    Raises InvalidChoice for an unknown state or subject. `template` is None only when staff
    have unpublished both the state's letter and the generic one.
    """
    jurisdiction = state_parse(state)
    chosen = subject_parse(subject)
    candidates = {
        template.jurisdiction: template
        for template in RequestTemplate.objects.public().filter(
            subject=chosen, jurisdiction__in=[jurisdiction, GENERIC_JURISDICTION]
        )
    }
    template = candidates.get(jurisdiction) or candidates.get(GENERIC_JURISDICTION)
    return TemplateMatch(
        jurisdiction=jurisdiction,
        subject=chosen,
        template=template,
        law=law_for(state=jurisdiction),
    )


def templates_for_state(*, state: str) -> list[TemplateMatch]:
    """One entry per subject for the state page: its own letter or the generic one."""
    jurisdiction = state_parse(state)
    rows = RequestTemplate.objects.public().filter(
        jurisdiction__in=[jurisdiction, GENERIC_JURISDICTION]
    )
    by_key = {(row.jurisdiction, row.subject): row for row in rows}
    law = law_for(state=jurisdiction)
    return [
        TemplateMatch(
            jurisdiction=jurisdiction,
            subject=subject,
            template=by_key.get((jurisdiction, subject.value))
            or by_key.get((GENERIC_JURISDICTION, subject.value)),
            law=law,
        )
        for subject in Subject
    ]


def states_with_own_templates() -> set[str]:
    return set(
        RequestTemplate.objects.public()
        .exclude(jurisdiction=GENERIC_JURISDICTION)
        .values_list("jurisdiction", flat=True)
    )


def officer_for_prefill(public_id: str | None):
    """A public officer by public id (with department), or None; bad ids are ignored."""
    try:
        key = uuid.UUID(str(public_id))
    except (TypeError, ValueError):
        return None
    return (
        Officer.objects.public()
        .select_related("department")
        .filter(public_id=key)
        .first()
    )


def report_for_prefill(public_id: str | None) -> dict | None:
    """Letter fields prefilled from a published misconduct report; None for an unknown id."""
    try:
        key = uuid.UUID(str(public_id))
    except (TypeError, ValueError):
        return None
    report = (
        Report.objects.public()
        .with_public_officers()
        .select_related("officer__department", "department")
        .filter(public_id=key)
        .first()
    )
    if report is None:
        return None
    parts = [str(report.get_report_type_display())]
    if report.investigation_id:
        parts.append(report.investigation_id)
    if report.incident_date:
        parts.append(report.incident_date.isoformat())
    description = " · ".join(parts)
    if report.findings_summary:
        description = f"{description}: {report.findings_summary}"
    prefill: dict = {
        "incident_description": description[:2000],
        "agency": str(report.department),
        "state": report.department.state,
    }
    if report.public_officer:
        prefill["officer_name"] = report.public_officer.full_name
    return prefill
