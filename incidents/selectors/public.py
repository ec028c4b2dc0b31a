"""Approved incidents only: the public map, its list, facets, charts and the officer page."""

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, Count, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, TruncMonth
from django.shortcuts import get_object_or_404

from core.choices import ForceRank, UsState, state_name
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
        return queryset.filter(self.condition(skip=skip))

    def condition(self, *, skip: str = "") -> Q:
        """The filters as one condition, without the one `skip` names."""
        condition = Q()
        if self.ranks and skip != "ranks":
            condition &= Q(force_rank__in=self.ranks)
        if self.date_from and skip != "date":
            condition &= Q(date__gte=self.date_from)
        if self.date_to and skip != "date":
            condition &= Q(date__lte=self.date_to)
        if self.state and skip != "state":
            condition &= Q(state=self.state)
        if self.source and skip != "source":
            condition &= Q(source_kind=self.source)
        if self.q and skip != "q":
            condition &= Q(title__icontains=self.q)
        return condition


def incidents_public(*, filters: IncidentFilters | None = None) -> QuerySet:
    """Approved incidents matching the filters, newest first."""
    filters = filters or IncidentFilters()
    if filters.q:
        # Newest first, in an order the date index cannot give: with a title search the planner
        # otherwise walks every incident by date hoping to meet the first matches early (a
        # fragment no title holds: 100,000 rows, 120 ms), where the title's trigram index
        # finds the few matches at once (0.1 ms). COALESCE(date, date) is the date itself.
        return filters.apply(Incident.objects.public()).order_by(
            Coalesce("date", "date").desc(), "-id"
        )
    return filters.apply(Incident.objects.public().order_by("-date", "-id"))


# The newest approved incidents the typeahead looks through before the title index.
RECENT_WINDOW = 500


def incident_title_suggestions(*, text: str, limit: int) -> list[Incident]:
    """Approved incidents whose titles hold `text`, newest first, at most `limit`.

    A word many titles hold is found among the newest RECENT_WINDOW incidents, read through the
    date index; when the window holds `limit` matches they are the newest of all. Only a rarer
    word goes through the title's trigram index, which then has few matches to sort (sorting
    every match of a word nearly every title holds took 68 ms at 100,000 incidents).
    """
    matching = incidents_public(filters=IncidentFilters(q=text)).only("pk", "title", "date")
    if connection.vendor == "postgresql":
        newest = incidents_public().values("pk")[:RECENT_WINDOW]
        sql, params = newest.query.sql_with_params()
        # ARRAY(…) is read once, before the matches: as `IN (subquery)` the planner read every
        # match through the title index and joined them to the window (85 ms).
        in_window = RawSQL(f"{Incident._meta.db_table}.id = ANY(ARRAY({sql}))", params, BooleanField())
        found = list(matching.filter(in_window)[:limit])
        if len(found) == limit:
            return found
    return list(matching[:limit])


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


@dataclass(frozen=True)
class MapSummary:
    """What the map page counts: the incidents the filters find, each filter option's count
    with the other filters applied, and the two charts' rows (see `incidents_by_month`)."""

    total: int
    facets: dict[str, dict]
    by_month: list[dict]
    by_state: list[dict]


def incident_map_summary(*, filters: IncidentFilters, states_shown: int = 12) -> MapSummary:
    """The map page's counts in two passes over the approved incidents instead of one per
    count: per state, rank and source (the total, every filter option, the states chart) and
    per month and rank (the months chart). Each option's count leaves its own filter out; the
    total and the charts apply every filter."""
    base = Incident.objects.public().order_by()
    every = filters.condition()
    but = {name: filters.condition(skip=name) for name in ("ranks", "state", "source")}
    # An empty condition is every incident (Django's Q() | Q(x) would be Q(x)).
    either = Q() if not all(but.values()) else but["ranks"] | but["state"] | but["source"]
    per_state = (
        base.filter(either)
        .values("state", "force_rank", "source_kind")
        .annotate(n=_count(every), **{f"n_{name}": _count(condition) for name, condition in but.items()})
    )
    facets: dict[str, dict] = {"ranks": {}, "states": {}, "sources": {}}
    by_state: dict[str, dict[int, int]] = {}
    total = 0
    for row in per_state:
        for facet, key, count in (
            ("ranks", row["force_rank"], row["n_ranks"]),
            ("states", row["state"], row["n_state"]),
            ("sources", row["source_kind"], row["n_source"]),
        ):
            if count:
                facets[facet][key] = facets[facet].get(key, 0) + count
        total += row["n"]
        if row["n"] and row["state"]:
            counts = by_state.setdefault(row["state"], {})
            counts[row["force_rank"]] = counts.get(row["force_rank"], 0) + row["n"]
    return MapSummary(
        total, facets, incidents_by_month(base.filter(every)), _top_states(by_state, states_shown)
    )


def _count(condition: Q) -> Count:
    return Count("pk", filter=condition) if condition else Count("pk")


class MonthOf(TruncMonth):
    """The first day of a date's month. PostgreSQL truncates the date as a plain timestamp:
    DATE_TRUNC on a date alone goes through timestamptz and the session's time zone, which
    cost 40 ms against 33 over 100,000 incidents."""

    def as_postgresql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"DATE_TRUNC('month', ({sql})::timestamp)::date", params


def incidents_by_month(queryset: QuerySet) -> list[dict]:
    """[{month, counts: {rank: n}, total}], every month between the first and the last."""
    rows = (
        queryset.exclude(date=None)
        .annotate(month=MonthOf("date"))
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
    return _every_month(by_month)


def _every_month(by_month: dict[datetime.date, dict[int, int]]) -> list[dict]:
    if not by_month:
        return []
    months, current, last = [], min(by_month), max(by_month)
    while current <= last:
        counts = by_month.get(current, {})
        months.append({"month": current, "counts": counts, "total": sum(counts.values())})
        current = (current.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def _top_states(by_state: dict[str, dict[int, int]], limit: int) -> list[dict]:
    """The states with most incidents: [{state, label, counts: {rank: n}, total}]."""
    states = [
        {"state": code, "label": state_name(code), "counts": c, "total": sum(c.values())}
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
