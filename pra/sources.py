"""Reading facts about a law out of the three data sets of `state_public_records_laws.json`.

The sources disagree and several are dated (see the file's `_about`). Each fact keeps the
source it came from; `default_sources` picks one per fact with a rule staff can read:
the newest source (HOLE, 2025) for the name, citation and statute URL, and for the deadline
the number of days that at least two sources agree on and that the law's wording (from the
newest source that quotes it) also states, else that wording alone, with no date computed.
Staff override any choice in the admin; the editors' verified deadlines
(`pra/data/verified_deadlines.json`, see `pra.verification`) win over all three.
"""

from dataclasses import dataclass

from pra.choices import DeadlineKind, FactSource
from pra.periods import wording_agrees

FACTS = ("name", "statute_citation", "statute_url", "deadline")
# Newest first: used to break ties and to pick the wording.
PREFERENCE = (FactSource.HOLE, FactSource.FOIAMACHINE, FactSource.FOILTHEPOLICE)

_BUSINESS_UNITS = {"business_days", "working_days", "business", "working"}


@dataclass(frozen=True)
class Deadline:
    kind: str
    days: int | None
    wording: str

    @property
    def is_fixed(self) -> bool:
        return self.days is not None and self.kind in (
            DeadlineKind.BUSINESS_DAYS,
            DeadlineKind.CALENDAR_DAYS,
        )


def _text(value) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _days(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def name_from(raw: dict, source: str) -> str:
    entry = raw.get(source) or {}
    if source == FactSource.FOIAMACHINE:
        # "Oregon Public Records Law, §192.410 et seq." → the name before the citation.
        return _text(entry.get("short_title")).split(",")[0].split(" §")[0].strip()
    return _text(entry.get("name"))


def citation_from(raw: dict, source: str) -> str:
    entry = raw.get(source) or {}
    if source == FactSource.HOLE:
        return _text(entry.get("statute_citation"))
    if source == FactSource.FOILTHEPOLICE:
        return _text(entry.get("statute"))
    if source == FactSource.FOIAMACHINE:
        title = _text(entry.get("short_title"))
        for marker in ("§", "sec.", "G.S.", "N.J.S.A.", "5 ILCS", "DC Code", "Fla. Stat."):
            if marker in title:
                return title[title.index(marker):].strip(" ,")
    return ""


def url_from(raw: dict, source: str) -> str:
    entry = raw.get(source) or {}
    value = {
        FactSource.HOLE: entry.get("primary_statute_url"),
        FactSource.FOIAMACHINE: entry.get("law_url"),
    }.get(source)
    url = _text(value)
    return url if url.startswith(("http://", "https://")) else ""


def deadline_from(raw: dict, source: str) -> Deadline | None:
    entry = raw.get(source)
    if not entry:
        return None
    if source == FactSource.HOLE:
        days = _days(entry.get("initial_response_time"))
        unit = _text(entry.get("initial_response_unit"))
        wording = _text(entry.get("initial_response_description"))
        if days and unit in _BUSINESS_UNITS:
            return Deadline(DeadlineKind.BUSINESS_DAYS, days, wording)
        if days and unit == "calendar_days":
            return Deadline(DeadlineKind.CALENDAR_DAYS, days, wording)
        return Deadline(DeadlineKind.REASONABLE_TIME, None, wording)
    if source == FactSource.FOIAMACHINE:
        days = _days(entry.get("days_till_due"))
        unit = _text(entry.get("type_of_days"))
        wording = _text(entry.get("deadline_text"))
        if days and (unit in _BUSINESS_UNITS or unit.startswith(("business", "within"))):
            wording = "" if unit in _BUSINESS_UNITS else unit
            return Deadline(DeadlineKind.BUSINESS_DAYS, days, wording)
        if days and unit == "days":
            return Deadline(DeadlineKind.CALENDAR_DAYS, days, wording)
        if days:
            return Deadline(DeadlineKind.REASONABLE_TIME, None, unit)
        return Deadline(DeadlineKind.REASONABLE_TIME, None, wording)
    if source == FactSource.FOILTHEPOLICE:
        days = _days(entry.get("responseWithinDays"))
        if days:
            # FOIL the Police gives a number of days without a unit; most laws count business days.
            return Deadline(
                DeadlineKind.BUSINESS_DAYS, days, "Unit of days not stated by this source."
            )
        return Deadline(DeadlineKind.REASONABLE_TIME, None, "")
    return None


def guide_links_from(raw: dict) -> list[dict]:
    """Links to the practical guides the sources name (RCFP, MuckRock, NFOIC)."""
    ftp = raw.get(FactSource.FOILTHEPOLICE) or {}
    fm = raw.get(FactSource.FOIAMACHINE) or {}
    candidates = [
        ("Reporters Committee open-government guide", ftp.get("rcGuideUrl")),
        ("MuckRock guide", ftp.get("mrGuideUrl")),
        ("NFOIC guide", fm.get("nfoic_url")),
    ]
    return [
        {"label": label, "url": url}
        for label, url in candidates
        if isinstance(url, str) and url.startswith(("http://", "https://"))
    ]


def fact_from(raw: dict, fact: str, source: str):
    return {
        "name": name_from,
        "statute_citation": citation_from,
        "statute_url": url_from,
        "deadline": deadline_from,
    }[fact](raw, source)


def default_sources(raw: dict) -> dict[str, str]:
    """The source chosen for each fact when staff have not chosen one."""
    chosen: dict[str, str] = {}
    for fact in ("name", "statute_citation", "statute_url"):
        chosen[fact] = next(
            (source for source in PREFERENCE if fact_from(raw, fact, source)), FactSource.NONE
        )
    deadlines = {
        source: deadline
        for source in PREFERENCE
        if (deadline := deadline_from(raw, source)) is not None
    }
    # The statute's words as the newest source gives them; FOIL the Police gives none.
    wording_source = next(
        (s for s, d in deadlines.items() if d.wording and s != FactSource.FOILTHEPOLICE),
        next(iter(deadlines), FactSource.NONE),
    )
    wording = deadlines[wording_source].wording if wording_source in deadlines else ""
    fixed = {source: d for source, d in deadlines.items() if d.is_fixed}
    numbers = [d.days for d in fixed.values()]
    # Two sources agreeing on a number is not enough when the words say something else.
    agreed = [
        source for source, d in fixed.items()
        if numbers.count(d.days) >= 2
        and wording_agrees(kind=d.kind, days=d.days, wording=wording)
    ]
    chosen["deadline_wording_source"] = wording_source
    if agreed:
        chosen["deadline"] = agreed[0]
        chosen["deadline_wording_only"] = False
    else:
        # No number the sources and the words agree on: show the words, not a date we cannot back.
        chosen["deadline"] = wording_source
        chosen["deadline_wording_only"] = True
    return chosen


def facts_for(raw: dict, sources: dict[str, str]) -> dict:
    """Model field values for the chosen `sources` (fact → source)."""
    values: dict = {}
    for fact in ("name", "statute_citation", "statute_url"):
        source = sources.get(fact, FactSource.NONE)
        values[fact] = fact_from(raw, fact, source) if source in PREFERENCE else ""
        values[f"{fact}_source"] = source if values[fact] else FactSource.NONE
    source = sources.get("deadline", FactSource.NONE)
    deadline = deadline_from(raw, source) if source in PREFERENCE else None
    wording_source = sources.get("deadline_wording_source")
    if deadline is not None and wording_source and wording_source != source:
        words = deadline_from(raw, wording_source)
        deadline = Deadline(deadline.kind, deadline.days, words.wording if words else "")
    if deadline is not None and sources.get("deadline_wording_only"):
        deadline = Deadline(DeadlineKind.REASONABLE_TIME, None, deadline.wording)
    if deadline is None or (not deadline.is_fixed and not deadline.wording):
        # A fixed-days deadline from no source would be invented; say the sources are silent.
        wording = deadline.wording if deadline else ""
        deadline = Deadline(
            DeadlineKind.REASONABLE_TIME if deadline else DeadlineKind.NOT_STATED, None, wording
        )
    values.update(
        deadline_kind=deadline.kind,
        deadline_days=deadline.days if deadline.is_fixed else None,
        deadline_wording=deadline.wording,
        deadline_source=source if source in PREFERENCE else FactSource.NONE,
    )
    return values
