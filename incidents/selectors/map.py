"""The map's clusters, computed in the database for one viewport and zoom level.

The map never receives every incident: the server groups the incidents inside the viewport into
square cells of about `CELL_PIXELS` screen pixels (cells of the Web Mercator grid at that zoom,
so they stay square on screen at every latitude) and answers one feature per occupied cell. A
viewport of 1,366 × 900 pixels holds at most a few hundred cells, whatever the number of
incidents, so the answer's size and the browser's work are bounded.

A cell whose incidents all stand on the same point (one incident, or several geotagged to the
same city centre) cannot be split by zooming in, so it carries its newest incidents for a popup.
"""

import math
from dataclasses import dataclass

from django.db.models import Avg, Count, F, FloatField, Max, Min, Q, QuerySet, Value, Window
from django.db.models.functions import Cos, Floor, Least, Greatest, Ln, Radians, RowNumber, Tan

from core.choices import ForceRank, UsState

CELL_PIXELS = 64
TILE_PIXELS = 256
MIN_ZOOM, MAX_ZOOM = 0, 18
# Web Mercator stops short of the poles.
MAX_LATITUDE = 85.0511
# The newest incidents a same-point cluster names in its popup.
POPUP_ITEMS = 8


@dataclass(frozen=True)
class Viewport:
    """A box in degrees (west may exceed east across the antimeridian) at a zoom level."""

    west: float
    south: float
    east: float
    north: float
    zoom: int

    @property
    def cells_per_side(self) -> int:
        """Cells across the whole world at this zoom."""
        return (2**self.zoom) * TILE_PIXELS // CELL_PIXELS


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def viewport(*, west: float, south: float, east: float, north: float, zoom: float) -> Viewport:
    """A viewport from the map's numbers, clamped to the world; zoom rounded down."""
    zoom_level = int(_clamp(math.floor(zoom), MIN_ZOOM, MAX_ZOOM))
    south, north = sorted((_clamp(south, -90, 90), _clamp(north, -90, 90)))
    if east - west >= 360:
        west, east = -180.0, 180.0
    else:
        west = (west + 180) % 360 - 180
        east = (east + 180) % 360 - 180
    return Viewport(west=west, south=south, east=east, north=north, zoom=zoom_level)


def _in_viewport(queryset: QuerySet, box: Viewport) -> QuerySet:
    located = queryset.exclude(latitude=None).exclude(longitude=None)
    located = located.filter(latitude__gte=box.south, latitude__lte=box.north)
    if box.west <= box.east:
        return located.filter(longitude__gte=box.west, longitude__lte=box.east)
    # The box crosses the antimeridian: two ranges of longitude.
    return located.filter(Q(longitude__gte=box.west) | Q(longitude__lte=box.east))


def _cells(queryset: QuerySet, box: Viewport) -> QuerySet:
    """`queryset` annotated with its Web Mercator grid cell (cx, cy) at the viewport's zoom."""
    n = float(box.cells_per_side)
    latitude = Radians(
        Least(Greatest(F("latitude"), Value(-MAX_LATITUDE)), Value(MAX_LATITUDE)),
        output_field=FloatField(),
    )
    x = (F("longitude") + Value(180.0)) / Value(360.0)
    # y = (1 - ln(tan φ + sec φ) / π) / 2, from 0 at the top of the world to 1 at the bottom.
    y = (Value(1.0) - Ln(Tan(latitude) + Value(1.0) / Cos(latitude)) / Value(math.pi)) / Value(2.0)
    return queryset.annotate(
        cx=Floor(x * Value(n), output_field=FloatField()),
        cy=Floor(y * Value(n), output_field=FloatField()),
    )


def _place(city: str, state: str, state_labels: dict) -> str:
    return ", ".join(part for part in (city, str(state_labels.get(state, ""))) if part)


def incident_clusters(queryset: QuerySet, *, box: Viewport, detail_url, with_bounds: bool = False) -> dict:
    """The map's answer for `box`: a GeoJSON FeatureCollection of cells, with the total in view
    and, `with_bounds`, the bounds of every matching incident wherever they are (so a map
    filtered to a state can fit its results; one more pass over the matches, so only on demand).

    Each feature is a cell's centre of mass, with `count`, the highest force rank in it (`rank`),
    its incidents' bounding box (`bounds`, [west, south, east, north]) and, when all its
    incidents stand on one point, `items`: the newest of them for a popup."""
    located = queryset.exclude(latitude=None).exclude(longitude=None).order_by()
    in_view = _cells(_in_viewport(located, box).order_by(), box)
    rows = list(
        in_view.values("cx", "cy").annotate(
            count=Count("pk"),
            latitude_mean=Avg("latitude"),
            longitude_mean=Avg("longitude"),
            top_rank=Max("force_rank"),
            west=Min("longitude"),
            east=Max("longitude"),
            south=Min("latitude"),
            north=Max("latitude"),
        )
    )
    same_point = [row for row in rows if row["west"] == row["east"] and row["south"] == row["north"]]
    items = _items_at(located, same_point, detail_url=detail_url)
    features = []
    for row in rows:
        properties = {
            "count": row["count"],
            "rank": row["top_rank"],
            "bounds": [row["west"], row["south"], row["east"], row["north"]],
        }
        point = (row["west"], row["south"])
        if point in items:
            properties["items"] = items[point]
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [row["longitude_mean"], row["latitude_mean"]],
                },
                "properties": properties,
            }
        )
    bounds = None
    if with_bounds:
        extent = located.aggregate(
            west=Min("longitude"), south=Min("latitude"), east=Max("longitude"), north=Max("latitude")
        )
        if extent["west"] is not None:
            bounds = [extent[k] for k in ("west", "south", "east", "north")]
    return {
        "type": "FeatureCollection",
        "zoom": box.zoom,
        "total": sum(row["count"] for row in rows),
        "bounds": bounds,
        "features": features,
    }


def _items_at(queryset: QuerySet, cells: list[dict], *, detail_url) -> dict:
    """{(longitude, latitude): [item, …]} for cells whose incidents share one point: the newest
    `POPUP_ITEMS` of each, in one query."""
    if not cells:
        return {}
    at_points = Q()
    for cell in cells:
        at_points |= Q(longitude=cell["west"], latitude=cell["south"])
    rows = (
        queryset.filter(at_points)
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("longitude"), F("latitude")],
                order_by=[F("date").desc(nulls_last=True), F("pk").desc()],
            )
        )
        .filter(position__lte=POPUP_ITEMS)
        .values("pk", "title", "date", "force_rank", "city", "state", "latitude", "longitude")
    )
    rank_labels = dict(ForceRank.choices)
    state_labels = dict(UsState.choices)
    items: dict[tuple[float, float], list[dict]] = {}
    for row in rows:
        items.setdefault((row["longitude"], row["latitude"]), []).append(
            {
                "id": row["pk"],
                "title": row["title"],
                "date": row["date"].isoformat() if row["date"] else None,
                "rank": row["force_rank"],
                "rank_label": str(rank_labels.get(row["force_rank"], "")),
                "place": _place(row["city"], row["state"], state_labels),
                "url": detail_url(row["pk"]),
            }
        )
    for group in items.values():
        group.sort(key=lambda item: (item["date"] or "", item["id"]), reverse=True)
    return items
