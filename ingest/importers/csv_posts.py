"""Read posts from a CSV file: `id,text` required; `created_at,url,title,author,lang,tags,
latitude,longitude,city,state` understood; any other column is kept in the raw payload.

Rows are numbered as a spreadsheet shows them (the header is row 1). Every problem is reported
as "row N, column C: what is wrong", and the caller commits nothing when there is any.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from core.choices import state_from_text
from incidents.models import LocationMethod
from ingest.geotag import Location, city_named, geotag_text
from ingest.sources.base import Item, bounded_id

REQUIRED = ("id", "text")
ALIASES = {
    "created_at": ("created_at", "posted_at", "date"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng"),
    "lang": ("lang", "language"),
}
MAX_ROWS = 200_000


class CsvFormatError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems[:5]))
        self.problems = problems


def parse(text: str, *, id_prefix: str = "") -> list[Item]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        return _parse(reader, id_prefix)
    except csv.Error as error:
        # A cell past the csv module's field limit (131,072 characters), for one.
        raise CsvFormatError([f"after line {reader.line_num}: not readable as CSV ({error})"]) from None


def _parse(reader: csv.DictReader, id_prefix: str) -> list[Item]:
    headers = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in headers]
    if missing:
        raise CsvFormatError(
            [f"row 1: missing column(s) {', '.join(missing)} (found: {', '.join(headers) or 'none'})"]
        )
    reader.fieldnames = headers
    problems: list[str] = []
    items: list[Item] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(reader, 2):
        if number > MAX_ROWS:
            problems.append(f"row {number}: more than {MAX_ROWS - 1} rows; split the file")
            break
        if None in row:
            problems.append(f"row {number}: more cells than columns")
            continue
        item = _item(row, number, problems, id_prefix)
        if item is None:
            continue
        if item.external_id in seen:
            problems.append(f"row {number}, column id: {row['id']!r} repeats row {seen[item.external_id]}")
            continue
        seen[item.external_id] = number
        items.append(item)
    if problems:
        raise CsvFormatError(problems)
    return items


def _get(row: dict, name: str) -> str:
    for column in ALIASES.get(name, (name,)):
        if row.get(column):
            return row[column].strip()
    return ""


def _item(row: dict, number: int, problems: list[str], id_prefix: str) -> Item | None:
    count = len(problems)
    external_id = (row.get("id") or "").strip()
    text = row.get("text") or ""
    if not external_id:
        problems.append(f"row {number}, column id: empty")
    if not text.strip():
        problems.append(f"row {number}, column text: empty")
    posted_at = None
    created = _get(row, "created_at")
    if created:
        try:
            posted_at = parse_datetime(created)
            if posted_at is None and parse_date(created):
                posted_at = dt.datetime.combine(parse_date(created), dt.time.min)
        except ValueError:
            posted_at = None
        if posted_at is None:
            problems.append(f"row {number}, column created_at: {created!r} is not an ISO date or time")
        elif timezone.is_naive(posted_at):
            posted_at = timezone.make_aware(posted_at, dt.timezone.utc)
    url = (row.get("url") or "").strip()
    if url and not url.startswith(("http://", "https://")):
        problems.append(f"row {number}, column url: {url!r} is not an http(s) address")
    location = _location(row, number, problems, text)
    if len(problems) > count:
        return None
    return Item(
        external_id=bounded_id(f"{id_prefix}{external_id}"),
        text=text,
        raw={key: value for key, value in row.items() if value not in (None, "")},
        url=url[:1000],
        title=(row.get("title") or "").strip()[:500],
        author=(row.get("author") or "").strip()[:255],
        language=_get(row, "lang")[:16],
        posted_at=posted_at,
        tags=[t.strip() for t in (row.get("tags") or "").split(";") if t.strip()],
        location=location,
    )


def _location(row: dict, number: int, problems: list[str], text: str) -> Location:
    lat, lon = _get(row, "latitude"), _get(row, "longitude")
    state_value = (row.get("state") or "").strip()
    state = state_from_text(state_value) or ""
    if state_value and not state:
        problems.append(f"row {number}, column state: {state_value!r} is not a US state")
    city = (row.get("city") or "").strip()
    if lat or lon:
        try:
            latitude, longitude = float(lat), float(lon)
        except ValueError:
            problems.append(f"row {number}, columns latitude/longitude: {lat!r}, {lon!r} are not numbers")
            return Location(method=LocationMethod.NONE)
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            problems.append(f"row {number}, columns latitude/longitude: off the globe")
            return Location(method=LocationMethod.NONE)
        return Location(LocationMethod.COORDINATES, latitude, longitude, city, state)
    if city or state:
        known = city_named(city, state.removeprefix("USA-")) if city else None
        return Location(
            LocationMethod.DATASET,
            known.latitude if known else None,
            known.longitude if known else None,
            city,
            state or (f"USA-{known.state}" if known else ""),
        )
    return geotag_text(text)
