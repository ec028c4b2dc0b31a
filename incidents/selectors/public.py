"""Approved incidents only: the public map, its list, facets, charts and the officer page."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404

from core.choices import ForceRank, UsState
from incidents.models import Incident
from officers.models import Department, Officer

GEOJSON_LIMIT = 20_000


@dataclass(frozen=True)
class IncidentFilters:
    ranks: tuple[int, ...] = ()
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    state: str = ""
    source: str = ""
    q: str = field(default="")

    def apply(self, queryset: QuerySet, *, skip: str = "") -> QuerySet:
        """Filter `queryset`; `skip` names one filter to leave out (for that filter's own counts)."""
        if self.ranks and skip != "ranks":
            queryset = queryset.filter(force_rank__in=self.ranks)
        if self.date_from and skip != "date":
            queryset = queryset.filter(date__gte=self.date_from)
        if self.date_to and skip != "date":
            queryset = queryset.filter(date__lte=self.date_to)
        if self.state and skip != "state":
            queryset = queryset.filter(state=self.state)
        if self.source and skip != "source":
            queryset = queryset.filter(source_kind=self.source)
        if self.q and skip != "q":
            queryset = queryset.filter(title__icontains=self.q)
        return queryset


def incidents_public(*, filters: IncidentFilters | None = None) -> QuerySet:
    """Approved incidents matching the filters, newest first."""
    queryset = Incident.objects.public().order_by("-date", "-id")
    return (filters or IncidentFilters()).apply(queryset)


def incident_public_count() -> int:
    return incidents_public().count()


def incident_public_get(*, pk: int) -> Incident:
    """An approved incident or 404: candidates and rejections never leak. Only its public
    departments and officers come with it (`public_departments`, `public_officers`)."""
    return get_object_or_404(incidents_with_public_links(Incident.objects.public()), pk=pk)


def incidents_with_public_links(queryset: QuerySet) -> QuerySet:
    """`queryset` with each incident's public departments and officers, by their own rule."""
    return queryset.prefetch_related(
        Prefetch("departments", queryset=Department.objects.public().order_by("name"), to_attr="public_departments"),
        Prefetch(
            "officers", queryset=Officer.objects.public().select_related("department"),
            to_attr="public_officers",
        ),
    )


def incident_facets(*, filters: IncidentFilters) -> dict:
    """Counts beside each filter option, each computed with the other filters applied."""
    base = Incident.objects.public()

    def counts(skip: str, column: str) -> dict:
        rows = filters.apply(base, skip=skip).order_by().values(column).annotate(n=Count("pk"))
        return {row[column]: row["n"] for row in rows}

    return {
        "ranks": counts("ranks", "force_rank"),
        "states": counts("state", "state"),
        "sources": counts("source", "source_kind"),
    }


def incidents_by_month(queryset: QuerySet) -> list[dict]:
    """[{month, counts: {rank: n}, total}], every month between the first and the last."""
    rows = (
        queryset.exclude(date=None)
        .annotate(month=TruncMonth("date"))
        .order_by()
        .values("month", "force_rank")
        .annotate(n=Count("pk"))
    )
    by_month: dict[datetime.date, dict[int, int]] = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        by_month.setdefault(month, {})[row["force_rank"]] = row["n"]
    if not by_month:
        return []
    months, current, last = [], min(by_month), max(by_month)
    while current <= last:
        counts = by_month.get(current, {})
        months.append({"month": current, "counts": counts, "total": sum(counts.values())})
        current = (current.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def incidents_by_state(queryset: QuerySet, *, limit: int = 12) -> list[dict]:
    """The states with most incidents: [{state, label, counts: {rank: n}, total}]."""
    rows = queryset.exclude(state="").order_by().values("state", "force_rank").annotate(n=Count("pk"))
    by_state: dict[str, dict[int, int]] = {}
    for row in rows:
        by_state.setdefault(row["state"], {})[row["force_rank"]] = row["n"]
    labels = dict(UsState.choices)
    states = [
        {"state": code, "label": labels.get(code, code), "counts": c, "total": sum(c.values())}
        for code, c in by_state.items()
    ]
    states.sort(key=lambda s: (-s["total"], s["label"]))
    return states[:limit]


def incident_geojson(queryset: QuerySet, *, detail_url) -> dict:
    """A FeatureCollection of the located incidents; `detail_url(pk)` gives each one's page."""
    rank_labels = dict(ForceRank.choices)
    state_labels = dict(UsState.choices)
    features = []
    rows = (
        queryset.exclude(latitude=None)
        .exclude(longitude=None)
        .values("pk", "title", "date", "force_rank", "city", "state", "latitude", "longitude")
    )[:GEOJSON_LIMIT]
    for row in rows:
        features.append(
            {
                "type": "Feature",
                "id": row["pk"],
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": {
                    "title": row["title"],
                    "date": row["date"].isoformat() if row["date"] else None,
                    "rank": row["force_rank"],
                    "rank_label": str(rank_labels.get(row["force_rank"], "")),
                    "place": ", ".join(
                        p for p in (row["city"], str(state_labels.get(row["state"], ""))) if p
                    ),
                    "url": detail_url(row["pk"]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def incidents_for_officer(*, officer) -> QuerySet:
    """Approved incidents linked to an officer, newest first (the officer page's section)."""
    return Incident.objects.public().filter(officers=officer).order_by("-date", "-id")
