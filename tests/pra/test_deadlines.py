import datetime

import pytest

from pra.choices import DeadlineKind
from pra.deadlines import add_business_days, due_date, follow_up_date, holiday_name
from pra.models import Law

D = datetime.date


def _law(state="USA-OR", kind=DeadlineKind.BUSINESS_DAYS, days=5):
    return Law(jurisdiction=state, deadline_kind=kind, deadline_days=days)


def test_business_days_skip_the_weekend():
    # Thursday 2026-11-05 + 2 business days → Monday 2026-11-09.
    assert add_business_days(D(2026, 11, 5), 2, state="USA-OR") == D(2026, 11, 9)


def test_a_request_sent_on_saturday_starts_counting_on_monday():
    assert add_business_days(D(2026, 11, 7), 1, state="USA-OR") == D(2026, 11, 9)


def test_business_days_skip_federal_holidays():
    # Thanksgiving is Thursday 2026-11-26: Wednesday + 1 business day → Friday.
    assert holiday_name(D(2026, 11, 26), state="USA-OR") is not None
    assert add_business_days(D(2026, 11, 25), 1, state="USA-OR") == D(2026, 11, 27)


def test_washington_also_skips_native_american_heritage_day():
    assert add_business_days(D(2026, 11, 25), 1, state="USA-WA") == D(2026, 11, 30)


def test_business_days_skip_the_states_own_holidays_only_in_that_state():
    # Patriots' Day, Monday 2026-04-20, is a legal holiday in Massachusetts, not in Oregon.
    assert holiday_name(D(2026, 4, 20), state="USA-MA") == "Patriots' Day"
    assert holiday_name(D(2026, 4, 20), state="USA-OR") is None
    friday = D(2026, 4, 17)
    assert add_business_days(friday, 1, state="USA-MA") == D(2026, 4, 21)
    assert add_business_days(friday, 1, state="USA-OR") == D(2026, 4, 20)


def test_ten_business_days_across_christmas_and_new_year():
    # From Monday 2026-12-21: skips 12-25 (Fri) and 2027-01-01 (Fri) and two weekends;
    # Texas also closes on Christmas Eve.
    assert add_business_days(D(2026, 12, 21), 10, state="USA-OR") == D(2027, 1, 6)
    assert add_business_days(D(2026, 12, 21), 10, state="USA-TX") == D(2027, 1, 7)


def test_a_calendar_day_deadline_on_a_sunday_moves_to_monday():
    law = _law(state="USA-CA", kind=DeadlineKind.CALENDAR_DAYS, days=10)
    # Thursday 2026-11-05 + 10 days = Sunday 2026-11-15 → Monday 2026-11-16.
    assert due_date(law=law, sent_on=D(2026, 11, 5)) == D(2026, 11, 16)


def test_a_calendar_day_deadline_on_a_weekday_stays_put():
    law = _law(state="USA-CA", kind=DeadlineKind.CALENDAR_DAYS, days=10)
    assert due_date(law=law, sent_on=D(2026, 11, 3)) == D(2026, 11, 13)


@pytest.mark.parametrize("kind", [DeadlineKind.REASONABLE_TIME, DeadlineKind.NOT_STATED])
def test_reasonable_time_laws_get_no_date_but_a_follow_up(kind):
    law = _law(kind=kind, days=None)
    assert due_date(law=law, sent_on=D(2026, 11, 2)) is None
    assert follow_up_date(law=law, sent_on=D(2026, 11, 2)) == D(2026, 11, 17)


def test_the_follow_up_comes_five_business_days_after_the_due_date():
    law = _law(state="USA-NY", days=5)
    # New York closes on Election Day (11-03); 11-11 is Veterans Day.
    assert due_date(law=law, sent_on=D(2026, 11, 2)) == D(2026, 11, 10)
    assert follow_up_date(law=law, sent_on=D(2026, 11, 2)) == D(2026, 11, 18)


def test_puerto_rico_counts_its_own_holidays():
    # Three Kings Day, 2027-01-06, is a legal holiday in Puerto Rico.
    assert holiday_name(D(2027, 1, 6), state="USA-PR") is not None
    assert add_business_days(D(2027, 1, 5), 1, state="USA-PR") == D(2027, 1, 7)
