import datetime

from icalendar import Calendar

from pra.ics import deadline_calendar

D = datetime.date


def _calendar(**overrides):
    fields = dict(
        jurisdiction_name="Oregon",
        law_name="Oregon Public Records Law",
        sent_on=D(2026, 11, 2),
        due=D(2026, 11, 9),
        follow_up=D(2026, 11, 17),
        agency="Portland Police Bureau; Records, Unit",
        now=datetime.datetime(2026, 11, 2, 12, tzinfo=datetime.timezone.utc),
    )
    fields.update(overrides)
    return deadline_calendar(**fields)


def test_it_is_valid_icalendar_with_the_due_date_and_a_follow_up():
    text = _calendar()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    calendar = Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert [event.decoded("DTSTART") for event in events] == [D(2026, 11, 9), D(2026, 11, 17)]
    assert "Portland Police Bureau; Records, Unit" in str(events[0]["SUMMARY"])
    assert all(event.walk("VALARM") for event in events)
    assert len({str(event["UID"]) for event in events}) == 2


def test_without_a_fixed_deadline_only_the_follow_up_is_there():
    events = Calendar.from_ical(_calendar(due=None)).walk("VEVENT")
    assert [event.decoded("DTSTART") for event in events] == [D(2026, 11, 17)]


def test_long_and_non_ascii_lines_are_folded_within_75_octets():
    text = _calendar(agency="Departamento de Policía de Puerto Rico — División de Récords " * 3)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    event = Calendar.from_ical(text).walk("VEVENT")[0]
    assert "División de Récords" in str(event["SUMMARY"])


def test_newlines_cannot_inject_properties():
    text = _calendar(agency="Evil\r\nATTENDEE:mailto:x@example.org")
    assert "\r\nATTENDEE" not in text
    assert Calendar.from_ical(text).walk("VEVENT")[0].get("ATTENDEE") is None
