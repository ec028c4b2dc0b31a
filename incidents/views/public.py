"""The public incident map, its list and charts, the GeoJSON the map reads, and incident pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.choices import FORCE_RANK_DESCRIPTIONS, ForceRank, SourceKind, state_name
from core.permissions import public
from core.roles import Role, user_has_role
from incidents import charts
from incidents.forms import IncidentFilterForm, MapViewportForm
from incidents.selectors.map import incident_clusters as clusters_of, viewport
from incidents.selectors import (
    incident_geojson as geojson_of,
    incident_map_summary,
    incident_public_get,
    incidents_public,
)

PAGE_SIZE = 25


def _filter_query(request: HttpRequest) -> str:
    """The request's filter parameters, without the page number, for links and the JSON URL."""
    pairs = [(k, v) for k, values in request.GET.lists() if k not in ("page", "fragment") for v in values if v]
    return urlencode(pairs)


@public
@require_GET
def incident_map(request: HttpRequest) -> HttpResponse:
    form = IncidentFilterForm(request.GET)
    filters = form.filters()
    summary = incident_map_summary(filters=filters)
    facets = summary.facets
    paginator = Paginator(incidents_public(filters=filters), PAGE_SIZE)
    paginator.count = summary.total  # counted with the facets: no second pass for the pages
    page = paginator.get_page(request.GET.get("page"))
    titles = charts.chart_titles()
    rank_options = [
        {
            "value": value,
            "label": label,
            "description": FORCE_RANK_DESCRIPTIONS[ForceRank(value)],
            "count": facets["ranks"].get(value, 0),
            "checked": value in filters.ranks,
        }
        for value, label in ForceRank.choices
    ]
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "total": page.paginator.count,
        "rank_options": rank_options,
        "state_options": sorted(
            ({"value": code, "label": state_name(code), "count": n} for code, n in facets["states"].items() if code),
            key=lambda o: o["label"],
        ),
        "source_options": [
            {"value": value, "label": label, "count": facets["sources"].get(value, 0)}
            for value, label in SourceKind.choices
        ],
        "query": _filter_query(request),
        "months_chart": charts.months_chart(summary.by_month, title=titles["months"]),
        "states_chart": charts.states_chart(summary.by_state, title=titles["states"]),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "is_staff_worker": user_has_role(request.user, Role.LABELLER, Role.REVIEWER),
        "ranks": ForceRank.choices,
    }
    if request.GET.get("fragment") == "results":
        return render(request, "incidents/_results.html", context)
    return render(request, "incidents/map.html", context)


@public
@require_GET
def incident_geojson(request: HttpRequest) -> JsonResponse:
    """The approved incidents the map shows, with the same filters as the page."""
    filters = IncidentFilterForm(request.GET).filters()
    data = geojson_of(
        incidents_public(filters=filters),
        detail_url=lambda pk: reverse("incidents:detail", kwargs={"pk": pk}),
    )
    return JsonResponse(data)


@public
@require_GET
def incident_clusters(request: HttpRequest) -> JsonResponse:
    """The map's markers for one viewport and zoom: incidents grouped into screen cells in the
    database, with the page's filters (`bbox=west,south,east,north&zoom=z&rank=…`). Filtered to a
    state, the answer also gives the bounds of all its incidents, for the map to fit them."""
    area = MapViewportForm(request.GET)
    if not area.is_valid():
        errors = {name: [str(message) for message in messages] for name, messages in area.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    west, south, east, north = area.cleaned_data["bbox"]
    box = viewport(west=west, south=south, east=east, north=north, zoom=area.cleaned_data["zoom"])
    filters = IncidentFilterForm(request.GET).filters()
    data = clusters_of(
        incidents_public(filters=filters),
        box=box,
        detail_url=lambda pk: reverse("incidents:detail", kwargs={"pk": pk}),
        with_bounds=bool(filters.state),
    )
    return JsonResponse(data)


@public
@require_GET
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_public_get(pk=pk)
    links = [link for link in (incident.links or []) if isinstance(link, str) and link.startswith(("http://", "https://"))]
    if incident.source_url and incident.source_url not in links:
        links.insert(0, incident.source_url)
    return render(
        request,
        "incidents/detail.html",
        {
            "incident": incident,
            "links": links,
            "rank_description": FORCE_RANK_DESCRIPTIONS[ForceRank(incident.force_rank)],
            "departments": incident.public_departments,
            "officers": incident.public_officers,
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )
