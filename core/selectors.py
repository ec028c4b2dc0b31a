"""Reads for the site-wide pages: the home page's counts and the about page's data sets."""

from dataclasses import dataclass

from core.models import DataSet


@dataclass(frozen=True)
class SiteCounts:
    oversight_bodies: int
    departments: int
    officers: int
    reports: int
    incidents: int


def site_counts() -> SiteCounts:
    """How many published records of each kind the public can see (demo records included,
    which the pages label)."""
    from incidents.selectors.public import incidents_public
    from officers.models import Department, Officer
    from oversight.models import Commission
    from reports.models import Report

    return SiteCounts(
        oversight_bodies=Commission.objects.published().count(),
        departments=Department.objects.published().count(),
        officers=Officer.objects.published().filter(merged_into=None).count(),
        reports=Report.objects.published().count(),
        incidents=incidents_public().count(),
    )


def data_set_list() -> list[DataSet]:
    return list(DataSet.objects.order_by("title"))


def data_set_for(*, slug: str) -> DataSet | None:
    return DataSet.objects.filter(slug=slug).first() if slug else None


def private_contact_for(*, record):
    """The contact details left with `record` (for reviewers' eyes only), or None."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import PrivateContact

    return PrivateContact.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).first()
