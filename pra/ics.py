"""An iCalendar file (RFC 5545) with the response due date and a follow-up reminder, written by
the icalendar library (escaping, line folding, date values)."""

import datetime
import hashlib

from django.utils.translation import gettext
from icalendar import Alarm, Calendar, Event

PRODID = "-//Accountable//Records requests//EN"


def _event(*, uid: str, day: datetime.date, summary: str, description: str, stamp) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", datetime.timedelta(hours=-15))
    event.add_component(alarm)
    return event


def deadline_calendar(
    *,
    jurisdiction_name: str,
    law_name: str,
    sent_on: datetime.date,
    due: datetime.date | None,
    follow_up: datetime.date,
    agency: str = "",
    now: datetime.datetime | None = None,
) -> str:
    """The .ics text: the due date (when the law sets one) and the follow-up reminder."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    stamp = now.astimezone(datetime.timezone.utc).replace(microsecond=0)
    seed = f"{jurisdiction_name}|{agency}|{sent_on}|{due}|{follow_up}"
    key = hashlib.sha256(seed.encode()).hexdigest()[:16]
    where = agency or jurisdiction_name
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if due is not None:
        calendar.add_component(
            _event(
                uid=f"due-{key}@accountable",
                day=due,
                summary=gettext("Records request response due: %(where)s") % {"where": where},
                description=gettext(
                    "Under %(law)s the agency's response to the request sent on %(sent)s is "
                    "due today."
                )
                % {"law": law_name or jurisdiction_name, "sent": sent_on.isoformat()},
                stamp=stamp,
            )
        )
    calendar.add_component(
        _event(
            uid=f"follow-up-{key}@accountable",
            day=follow_up,
            summary=gettext("Follow up on records request: %(where)s") % {"where": where},
            description=gettext(
                "If you have not received the records or a written reply to the request sent on "
                "%(sent)s, write to the agency again and ask when to expect them."
            )
            % {"sent": sent_on.isoformat()},
            stamp=stamp,
        )
    )
    return calendar.to_ical().decode("utf-8")
