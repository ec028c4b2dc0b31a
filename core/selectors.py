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
        oversight_bodies=Commission.objects.public().count(),
        departments=Department.objects.public().count(),
        officers=Officer.objects.public().count(),
        reports=Report.objects.public().count(),
        incidents=incidents_public().count(),
    )


def data_set_list() -> list[DataSet]:
    return list(DataSet.objects.order_by("title"))


def data_set_for(*, slug: str) -> DataSet | None:
    return DataSet.objects.filter(slug=slug).first() if slug else None
