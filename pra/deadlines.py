"""Response deadlines: business days skip weekends, US federal holidays and the state's own.

Holidays come from the maintained `holidays` library (federal plus the subdivision's legal
holidays), never from a hand-kept list. Day one is the first day after the request is sent;
a calendar-day deadline that lands on a weekend or holiday moves to the next business day,
the usual rule for computing statutory time.
"""

import datetime
from functools import lru_cache

import holidays

from pra.choices import DeadlineKind

# How long after the due date (or, without one, after sending) to remind the requester.
FOLLOW_UP_BUSINESS_DAYS = 5
NO_DEADLINE_FOLLOW_UP_BUSINESS_DAYS = 10


@lru_cache(maxsize=256)
def _holidays_for(postal: str, year: int) -> dict:
    subdivision = postal if postal in holidays.US.subdivisions else None
    return dict(holidays.country_holidays("US", subdiv=subdivision, years=year))


def holiday_name(day: datetime.date, *, state: str) -> str | None:
    """The holiday's name when `day` is a legal holiday in `state` (`USA-XX`), else None."""
    return _holidays_for(state.removeprefix("USA-"), day.year).get(day)


def is_business_day(day: datetime.date, *, state: str) -> bool:
    return day.weekday() < 5 and holiday_name(day, state=state) is None


def add_business_days(start: datetime.date, days: int, *, state: str) -> datetime.date:
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_business_day(day, state=state):
            counted += 1
    return day


def next_business_day(day: datetime.date, *, state: str) -> datetime.date:
    while not is_business_day(day, state=state):
        day += datetime.timedelta(days=1)
    return day


def skipped_days(start: datetime.date, end: datetime.date, *, state: str) -> list[tuple]:
    """The holidays between `start` (excluded) and `end` (included) on weekdays: (date, name)."""
    found = []
    day = start + datetime.timedelta(days=1)
    while day <= end:
        name = holiday_name(day, state=state)
        if name and day.weekday() < 5:
            found.append((day, name))
        day += datetime.timedelta(days=1)
    return found


def due_date(*, law, sent_on: datetime.date) -> datetime.date | None:
    """When the agency's answer is due, or None when the law sets no fixed number of days."""
    if law is None or not law.has_fixed_deadline or not law.deadline_days:
        return None
    if law.deadline_kind == DeadlineKind.BUSINESS_DAYS:
        return add_business_days(sent_on, law.deadline_days, state=law.jurisdiction)
    return next_business_day(
        sent_on + datetime.timedelta(days=law.deadline_days), state=law.jurisdiction
    )


def follow_up_date(*, law, sent_on: datetime.date) -> datetime.date:
    due = due_date(law=law, sent_on=sent_on)
    state = law.jurisdiction if law is not None else "USA-00"
    if due is not None:
        return add_business_days(due, FOLLOW_UP_BUSINESS_DAYS, state=state)
    return add_business_days(sent_on, NO_DEADLINE_FOLLOW_UP_BUSINESS_DAYS, state=state)
