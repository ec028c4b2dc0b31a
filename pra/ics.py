"""An iCalendar file (RFC 5545) with the response due date and a follow-up reminder."""

import datetime
import hashlib

from django.utils.translation import gettext

PRODID = "-//Accountable//Records requests//EN"


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (§3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _event(*, uid: str, day: datetime.date, summary: str, description: str, stamp: str) -> list:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape(summary)}",
        "TRIGGER:-PT15H",
        "END:VALARM",
        "END:VEVENT",
    ]


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
    stamp = now.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    seed = f"{jurisdiction_name}|{agency}|{sent_on}|{due}|{follow_up}"
    key = hashlib.sha256(seed.encode()).hexdigest()[:16]
    where = agency or jurisdiction_name
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if due is not None:
        lines += _event(
            uid=f"due-{key}@accountable",
            day=due,
            summary=gettext("Records request response due: %(where)s") % {"where": where},
            description=gettext(
                "Under %(law)s the agency's response to the request sent on %(sent)s is due today."
            )
            % {"law": law_name or jurisdiction_name, "sent": sent_on.isoformat()},
            stamp=stamp,
        )
    lines += _event(
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
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
