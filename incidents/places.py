"""Place search for the witness form: US cities of the gazetteer the geotagger uses (GeoNames,
cities of 15,000 people or more), typed as "City, ST"."""

from core.choices import UsState
from core.gazetteer import City, gazetteer

MAX_RESULTS = 10


def _label(city: City) -> str:
    return f"{city.name}, {city.state}"


def place_search(*, query: str, limit: int = MAX_RESULTS) -> list[str]:
    """"City, ST" for cities whose name starts with `query` (any case), largest first."""
    prefix = " ".join(query.split(",")[0].split()).lower()
    if len(prefix) < 2:
        return []
    cities, _longest = gazetteer()
    found = [city for name, group in cities.items() if name.startswith(prefix) for city in group]
    found.sort(key=lambda city: -city.population)
    return [_label(city) for city in found[:limit]]


def place_resolve(text: str) -> City | None:
    """The city a person typed as "City, ST" or "City, State" (or just "City": the largest of
    that name), or None."""
    name, _comma, state = (part.strip() for part in text.partition(","))
    if not name:
        return None
    cities, _longest = gazetteer()
    group = cities.get(" ".join(name.split()).lower(), [])
    if not state:
        return group[0] if group else None
    code = state.upper()
    if f"USA-{code}" not in UsState.values:
        by_name = {label.lower(): value.removeprefix("USA-") for value, label in UsState.choices}
        code = by_name.get(state.lower(), "")
    return next((city for city in group if city.state == code), None)
