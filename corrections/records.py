"""The public records a person may report an error on, each found by the id in its page's URL
and only while it is public (a draft or a rejected incident is a 404)."""

import uuid
from dataclasses import dataclass
from typing import Callable

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.parsing import ascii_int
from incidents.models import Incident
from officers.models import Department, Officer
from oversight.models import Commission
from pra.models import Law
from reports.models import Report


@dataclass(frozen=True)
class RecordKind:
    label: str
    find: Callable[[str], models.Model | None]
    path: Callable[[models.Model], str]
    name: Callable[[models.Model], str] = str


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _officer(ident):
    key = _uuid(ident)
    return key and Officer.objects.public().filter(public_id=key, merged_into=None).first()


def _department(ident):
    pk = ascii_int(ident, max_digits=11)
    return None if pk is None else Department.objects.public().filter(pk=pk).first()


def _report(ident):
    key = _uuid(ident)
    return key and Report.objects.public().filter(public_id=key).first()


def _body(ident):
    key = _uuid(ident)
    return key and Commission.objects.public().filter(public_id=key).first()


def _law(ident):
    return Law.objects.public().filter(jurisdiction=ident.upper()).first()


def _incident(ident):
    pk = ascii_int(ident, max_digits=11)
    return None if pk is None else Incident.objects.public().filter(pk=pk).first()


KINDS: dict[str, RecordKind] = {
    "officer": RecordKind(_("officer"), _officer, lambda o: reverse("officers:detail", kwargs={"public_id": o.public_id}),
                          lambda o: o.full_name),
    "department": RecordKind(_("department"), _department, lambda d: reverse("officers:department_detail", kwargs={"pk": d.pk})),
    "report": RecordKind(_("misconduct report"), _report, lambda r: reverse("reports:detail", kwargs={"public_id": r.public_id})),
    "body": RecordKind(_("oversight body"), _body, lambda c: reverse("oversight:detail", kwargs={"public_id": c.public_id})),
    "law": RecordKind(_("public-records law"), _law, lambda law: reverse("pra:state_detail", kwargs={"state": law.jurisdiction}),
                      lambda law: f"{law.get_jurisdiction_display()}: {law.name}"),
    "incident": RecordKind(_("incident"), _incident, lambda i: reverse("incidents:detail", kwargs={"pk": i.pk})),
}


def record_find(*, kind: str, ident: str) -> models.Model | None:
    """The public record of this kind and id, or None."""
    if kind not in KINDS or len(ident) > 64:
        return None
    return KINDS[kind].find(ident)
