"""Read the 2020PB police-brutality data set (2020PB/police-brutality, MIT).

Two shapes are accepted:
- the project's `pb2020_incidents.jsonl`: one incident a line with id, date, state, city, title,
  description, links, tags, lat, lon, force_rank, force_rank_basis, edit_at;
- 2020PB's own `all-locations-v2.json`: {"edit_at", "help", "updated_at", "data": [{"id", "name",
  "date", "date_text", "state", "city", "description", "tags", "links": [{"url", "text"}],
  "edit_at"}]}. It has no coordinates or ranks: the city is located with the gazetteer and the
  rank derived from the tags, with the same rule the shared data set used.

Every problem is reported with its line (JSONL) or record number (JSON) and field; the caller
commits nothing when there is any.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from core.choices import ForceRank, state_from_text
from incidents.models import LocationMethod
from ingest.geotag import city_named

DATASET = "pb2020"
CITATION = "2020PB (2020). Police Brutality during US Protests (v1.0.0)"
PROJECT_URL = "https://github.com/2020PB/police-brutality"

# Highest tag wins, floor 1: the rule behind `force_rank` in the shared JSONL.
TAG_RANKS = {
    **dict.fromkeys(
        "push shield shove beat knee tackle zip-tie grab throw bike choke punch strike kick "
        "sexual-assault knee-on-neck headlock horse".split(),
        ForceRank.OPEN_HAND,
    ),
    **dict.fromkeys(
        "bean-bag less-lethal shoot baton drive explosive projectile rubber-bullet paintball "
        "stun-grenade foam-bullet wooden-bullet marking-round sponge-round".split(),
        ForceRank.BLUNT,
    ),
    **dict.fromkeys(
        "pepper-spray spray tase taser mace tear-gas tear-gas-canister lrad pepper-ball "
        "gas".split(),
        ForceRank.CHEMICAL_ELECTRIC,
    ),
    **dict.fromkeys("gun death live-round".split(), ForceRank.LETHAL),
}


@dataclass
class Pb2020Record:
    id: str
    title: str
    description: str
    date: dt.date | None
    state: str
    city: str
    links: list[str]
    tags: list[str]
    latitude: float | None
    longitude: float | None
    location_method: str
    force_rank: int
    edit_at: str
    raw: dict = field(repr=False, default_factory=dict)


class Pb2020FormatError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems[:5]))
        self.problems = problems


def rank_from_tags(tags: list[str]) -> int:
    return max([TAG_RANKS.get(tag, ForceRank.NO_FORCE) for tag in tags] or [ForceRank.NO_FORCE])


def parse(text: str, *, name: str = "file") -> list[Pb2020Record]:
    """Parse either shape; raises Pb2020FormatError listing every problem found."""
    stripped = text.lstrip("\ufeff").strip()
    rows: list[tuple[str, object]] = []
    problems: list[str] = []
    if not stripped:
        raise Pb2020FormatError([f"{name}: the file is empty"])
    document = None
    if stripped[0] in "[{":
        try:
            document = json.loads(stripped)
        except (json.JSONDecodeError, RecursionError):
            document = None  # JSONL also starts with "{"
    if isinstance(document, dict) and isinstance(document.get("data"), list):
        rows = [(f"{name}, record {n}", row) for n, row in enumerate(document["data"], 1)]
    elif isinstance(document, list):
        rows = [(f"{name}, record {n}", row) for n, row in enumerate(document, 1)]
    else:
        for number, line in enumerate(stripped.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append((f"{name}, line {number}", json.loads(line)))
            except json.JSONDecodeError as error:
                problems.append(f"{name}, line {number}: not valid JSON ({error.msg})")
            except RecursionError:
                problems.append(f"{name}, line {number}: JSON nested too deeply")
    records: list[Pb2020Record] = []
    seen: dict[str, str] = {}
    for where, row in rows:
        record = _record(row, where, problems)
        if record is None:
            continue
        if record.id in seen:
            problems.append(f"{where}, field id: {record.id!r} already used at {seen[record.id]}")
            continue
        seen[record.id] = where
        records.append(record)
    if problems:
        raise Pb2020FormatError(problems)
    return records


def _record(row, where: str, problems: list[str]) -> Pb2020Record | None:
    if not isinstance(row, dict):
        problems.append(f"{where}: not a JSON object")
        return None
    count = len(problems)
    incident_id = str(row.get("id") or "").strip()
    if not incident_id:
        problems.append(f"{where}, field id: missing")
    elif len(incident_id) > 255:
        problems.append(f"{where}, field id: longer than 255 characters")
    title = str(row.get("title") or row.get("name") or "").strip()
    if not title:
        problems.append(f"{where}, field title: missing")

    date = None
    if row.get("date"):
        try:
            date = dt.date.fromisoformat(str(row["date"]))
        except ValueError:
            problems.append(f"{where}, field date: {row['date']!r} is not a YYYY-MM-DD date")

    for key in ("links", "tags"):
        if not isinstance(row.get(key) or [], list):
            problems.append(f"{where}, field {key}: {row[key]!r} is not a list")
    if len(problems) > count:
        return None
    links = []
    for link in row.get("links") or []:
        url = link.get("url") if isinstance(link, dict) else link
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            links.append(url[:1000])
    tags = [str(tag).strip() for tag in row.get("tags") or [] if str(tag).strip()]

    latitude, longitude = _coordinates(row, where, problems)
    state_name = str(row.get("state") or "").strip()
    state = "USA-DC" if state_name == "Washington DC" else (state_from_text(state_name) or "")
    city = str(row.get("city") or "").strip()
    if state == "USA-DC":
        city = "Washington"
    method = LocationMethod.DATASET if (latitude is not None or state) else LocationMethod.NONE
    if latitude is None and city and state:
        known = city_named(city, state.removeprefix("USA-"))
        if known:
            latitude, longitude = known.latitude, known.longitude

    rank = row.get("force_rank")
    if rank is None or rank == "":
        rank = rank_from_tags(tags)
    elif not isinstance(rank, int) or rank not in ForceRank.values:
        problems.append(f"{where}, field force_rank: {rank!r} is not a rank from 0 to 5")
    if len(problems) > count:
        return None
    return Pb2020Record(
        id=incident_id,
        title=title[:300],
        description=str(row.get("description") or "").strip(),
        date=date,
        state=state,
        city=city[:120],
        links=links,
        tags=tags,
        latitude=latitude,
        longitude=longitude,
        location_method=method,
        force_rank=int(rank),
        edit_at=str(row.get("edit_at") or "")[:1000],
        raw=row,
    )


def _coordinates(row: dict, where: str, problems: list[str]) -> tuple[float | None, float | None]:
    lat, lon = row.get("lat"), row.get("lon")
    if lat is None and lon is None and row.get("geolocation"):
        parts = str(row["geolocation"]).split(",")
        if len(parts) == 2:
            lat, lon = parts
    if lat in (None, "") and lon in (None, ""):
        return None, None
    try:
        latitude, longitude = float(lat), float(lon)
    except (TypeError, ValueError):
        problems.append(f"{where}, field lat/lon: {lat!r}, {lon!r} are not numbers")
        return None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        problems.append(f"{where}, field lat/lon: {latitude}, {longitude} is off the globe")
        return None, None
    return latitude, longitude
