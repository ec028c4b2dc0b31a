"""Checking a stored deadline against the statute's words, and the editors' verified overrides.

A deadline is only as good as the words behind it: the data sets hold numbers that contradict
their own wording (HOLE's Vermont entry: the number 2, the words "3 business days"). So every
period stated in the wording is read out, numbers written in words included ("seven (7)
business days", "ten days"), and compared with the stored number and unit.
"""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from pra.choices import DeadlineKind, FactSource
from pra.periods import periods_in, wording_agrees
from pra.sources import PREFERENCE, deadline_from

VERIFIED_FILE = Path(__file__).resolve().parent / "data" / "verified_deadlines.json"
# How long a verification stays current before the admin lists the law again.
VERIFICATION_MAX_AGE = datetime.timedelta(days=365)

@dataclass(frozen=True)
class Claim:
    """What one data set says about the deadline, and whether its number matches its words."""

    source: str
    kind: str
    days: int | None
    wording: str

    @property
    def label(self) -> str:
        return str(FactSource(self.source).label)

    @property
    def says_no_fixed_days(self) -> bool:
        """An explicit "reasonable time": no number, and words that state no period either."""
        return (
            self.kind == DeadlineKind.REASONABLE_TIME
            and bool(self.wording)
            and not periods_in(self.wording)
        )

    @property
    def contradicts_itself(self) -> bool:
        stated = periods_in(self.wording)
        return bool(self.days and stated and (self.days, self.kind) not in stated)


def claims_for(raw: dict) -> list[Claim]:
    claims = []
    for source in PREFERENCE:
        deadline = deadline_from(raw, source)
        if deadline is not None:
            claims.append(Claim(source, deadline.kind, deadline.days, deadline.wording))
    return claims


def sources_disagree(raw: dict) -> bool:
    """The data sets give different numbers of days, one gives a number where another says
    there is none, or one's number contradicts its own words."""
    claims = claims_for(raw)
    numbers = {claim.days for claim in claims if claim.days}
    return (
        len(numbers) > 1
        or (bool(numbers) and any(claim.says_no_fixed_days for claim in claims))
        or any(claim.contradicts_itself for claim in claims)
    )


def law_needs_checking(law) -> bool:
    """Shown as "sources disagree": no verification by editors or staff, and the data disagree
    or the stored number is not what the stored wording says."""
    if law.deadline_source in (FactSource.VERIFIED, FactSource.STAFF, FactSource.EDITORS):
        return False
    if law.has_fixed_deadline and not wording_agrees(
        kind=law.deadline_kind, days=law.deadline_days, wording=law.deadline_wording
    ):
        return True
    return sources_disagree(law.source_data or {})


def verified_deadlines(path: Path = VERIFIED_FILE) -> dict[str, dict]:
    """`USA-XX` → the editors' verified deadline, checked for consistency as it is read."""
    content = json.loads(path.read_text(encoding="utf-8"))
    entries = {key: value for key, value in content.items() if not key.startswith("_")}
    for state, entry in entries.items():
        if not wording_agrees(
            kind=entry["deadline_kind"], days=entry["deadline_days"], wording=entry["wording"]
        ):
            raise ValueError(f"{path.name}: {state}: the wording does not state the deadline")
        datetime.date.fromisoformat(entry["verified_on"])
    return entries
