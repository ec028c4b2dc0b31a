"""Reads for the bulk downloads: which records are public, and the files built so far.

Each `*_public` function reads through the model's one public rule (`Model.objects.public()`),
less what a download leaves out. Invented demo records
(data set "demo") never go into a download: they are labelled on the pages, but a file has no
label a reader would notice.
"""

from django.db.models import QuerySet

from downloads.models import Download
from incidents.models import Incident
from incidents.selectors.public import incidents_public
from officers.models import Officer
from officers.selectors import officer_public_queryset
from oversight.models import Commission
from pra.models import Law
from reports.models import Report

DEMO = "demo"


def officers_public() -> QuerySet[Officer]:
    return officer_public_queryset().filter(merged_into=None).exclude(dataset=DEMO)


def reports_public() -> QuerySet[Report]:
    return Report.objects.public().exclude(dataset=DEMO)


def commissions_public() -> QuerySet[Commission]:
    return Commission.objects.public().exclude(dataset=DEMO)


def laws_public() -> QuerySet[Law]:
    return Law.objects.public()


def incidents_approved() -> QuerySet[Incident]:
    return incidents_public().exclude(dataset=DEMO)


def download_list() -> dict[str, Download]:
    """The files built so far, by set slug."""
    return {download.slug: download for download in Download.objects.all()}


def download_get(*, slug: str) -> Download | None:
    return Download.objects.filter(slug=slug).first()
