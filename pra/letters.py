"""Turning a template and a requester's answers into a finished letter, as plain text.

Placeholders are `{{ name }}` fields replaced by our own substitution, never by a template
engine: the result is plain text, escaped by the page that shows it and drawn as text in the
PDF, so nothing a requester (or staff) types can become markup or code.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.choices import UsState
from pra.choices import DeadlineKind, DeliveryFormat
from pra.deadlines import due_date

PLACEHOLDER_PATTERN = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")

# name → what it is (shown to staff in the admin).
PLACEHOLDERS = {
    "date": _("the date the letter is sent"),
    "agency": _("the agency the letter goes to"),
    "requester_name": _("the requester's name"),
    "requester_contact": _("the requester's address, email or phone"),
    "officer_name": _("the officer's name"),
    "incident_description": _("what happened, when and where"),
    "date_range": _("the period the records cover, as words"),
    "delivery_format": _("how the requester wants the records"),
    "fee_cap": _("the most the requester will pay without being asked"),
    "law_reference": _("the law's name and citation, as words"),
    "law_name": _("the law's name"),
    "statute_citation": _("the statute citation"),
    "jurisdiction_name": _("the state or territory"),
    "deadline_sentence": _("a sentence asking for a reply by the law's deadline"),
}
# Fields a requester fills in; the rest are computed.
REQUESTER_FIELDS = (
    "agency",
    "requester_name",
    "requester_contact",
    "officer_name",
    "incident_description",
)
MULTILINE_FIELDS = {"requester_contact", "incident_description"}


def placeholders_in(text: str) -> set[str]:
    return set(PLACEHOLDER_PATTERN.findall(text or ""))


def unknown_placeholders(text: str) -> set[str]:
    return placeholders_in(text) - set(PLACEHOLDERS)


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Drop control and invisible formatting characters; keep newlines only where wanted."""
    text = unicodedata.normalize("NFC", str(value or "")).replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in text:
        if char == "\n" and multiline:
            kept.append(char)
        elif char in "\n\t":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
            continue
        else:
            kept.append(char)
    lines = [" ".join(line.split()) for line in "".join(kept).split("\n")]
    return "\n".join(lines).strip()


def substitute(text: str, values: dict[str, str]) -> str:
    """Replace every `{{ name }}`; an unknown or empty one becomes an empty string."""
    return PLACEHOLDER_PATTERN.sub(lambda match: values.get(match.group(1), ""), text)


@dataclass
class LetterRequest:
    """What a requester told us; every field already validated by `pra.forms.LetterForm`."""

    jurisdiction: str
    subject: str
    agency: str
    requester_name: str
    requester_contact: str
    officer_name: str = ""
    incident_description: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    delivery_format: str = DeliveryFormat.ELECTRONIC
    fee_cap: Decimal | None = Decimal("25")
    send_date: datetime.date = field(default_factory=datetime.date.today)


@dataclass
class Letter:
    title: str
    text: str
    language: str
    due_date: datetime.date | None
    deadline_kind: str
    deadline_days: int | None


def _long_date(value: datetime.date, language: str) -> str:
    return format_date(value, format="long", locale="es" if language == "es" else "en_US")


def law_reference(law, language: str) -> str:
    jurisdiction = str(UsState(law.jurisdiction).label) if law else ""
    if law is None or not law.name:
        return gettext("the public-records laws of %(place)s") % {"place": jurisdiction}
    name = law.name[4:] if law.name.lower().startswith("the ") else law.name
    article = "la" if language == "es" else "the"
    reference = f"{article} {name}"
    return f"{reference} ({law.statute_citation})" if law.statute_citation else reference


def _deadline_sentence(law, due: datetime.date | None, language: str) -> str:
    if law is not None and law.has_fixed_deadline and due is not None:
        unit = (
            gettext("business days")
            if law.deadline_kind == DeadlineKind.BUSINESS_DAYS
            else gettext("calendar days")
        )
        return gettext(
            "The law asks for a response within %(days)s %(unit)s, so I look forward to "
            "hearing from you by %(date)s."
        ) % {"days": law.deadline_days, "unit": unit, "date": _long_date(due, language)}
    return gettext("I look forward to your response as promptly as the law requires.")


def _date_range(request: LetterRequest, language: str) -> str:
    start, end = request.date_from, request.date_to
    if start and end:
        return gettext("from %(start)s to %(end)s") % {
            "start": _long_date(start, language),
            "end": _long_date(end, language),
        }
    if start:
        return gettext("from %(start)s to the present") % {"start": _long_date(start, language)}
    if end:
        return gettext("up to %(end)s") % {"end": _long_date(end, language)}
    return gettext("at any time")


def _fee_cap(amount: Decimal | None, language: str) -> str:
    # Left blank, the requester wants to be asked before any fee at all.
    return format_currency(amount or 0, "USD", locale="es_PR" if language == "es" else "en_US")


def _delivery_format(value: str) -> str:
    return {
        DeliveryFormat.ELECTRONIC: gettext("electronic copies sent by email or by download link"),
        DeliveryFormat.PAPER: gettext("paper copies sent by mail"),
        DeliveryFormat.INSPECTION: gettext("an appointment to inspect them in person first"),
    }.get(value, gettext("electronic copies sent by email or by download link"))


def letter_render(*, template, law, request: LetterRequest) -> Letter:
    """The finished letter for `request` using `template` and the jurisdiction's `law`."""
    language = template.language
    due = due_date(law=law, sent_on=request.send_date) if law is not None else None
    with translation.override(language):
        values = {
            name: clean_text(getattr(request, name), multiline=name in MULTILINE_FIELDS)
            for name in REQUESTER_FIELDS
        }
        values.update(
            date=_long_date(request.send_date, language),
            date_range=_date_range(request, language),
            delivery_format=_delivery_format(request.delivery_format),
            fee_cap=_fee_cap(request.fee_cap, language),
            law_reference=law_reference(law, language),
            law_name=law.name if law else "",
            statute_citation=law.statute_citation if law else "",
            jurisdiction_name=str(UsState(request.jurisdiction).label),
            deadline_sentence=_deadline_sentence(law, due, language),
        )
    title = clean_text(substitute(template.title, values))
    text = substitute(template.body, values).replace("\r\n", "\n")
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return Letter(
        title=title,
        text=text,
        language=language,
        due_date=due,
        deadline_kind=law.deadline_kind if law else DeadlineKind.NOT_STATED,
        deadline_days=law.deadline_days if law else None,
    )


def letter_template_text(*, template, law, jurisdiction: str) -> tuple[str, str]:
    """(title, body) of a letter for partners to fill in themselves.

    The law's facts for `jurisdiction` are filled in; what a requester supplies, and what
    depends on the day it is sent, stays as a bracketed prompt such as "[the requester's name]".
    """
    with translation.override(template.language):
        values = {name: f"[{description}]" for name, description in PLACEHOLDERS.items()}
        values.update(
            law_reference=law_reference(law, template.language),
            law_name=law.name if law else "",
            statute_citation=law.statute_citation if law else "",
            jurisdiction_name=str(UsState(jurisdiction).label),
            deadline_sentence=_deadline_sentence(law, None, template.language),
        )
    body = substitute(template.body, values).replace("\r\n", "\n").strip() + "\n"
    return substitute(template.title, values), body


def appeal_steps(law) -> str:
    """The law's appeal route as words with its citations: "Office of Open Records (65 Pa.
    Stat. § 67.1101), then Court of Common Pleas (65 Pa. Stat. § 67.1302)"; "" if none."""
    if law is None:
        return ""
    steps = [
        f"{step} ({citation})" if citation else step
        for step, citation in (
            (law.appeal_first_level, law.appeal_first_level_citation),
            (law.appeal_second_level, law.appeal_second_level_citation),
        )
        if step
    ]
    return gettext(", then ").join(steps)


def follow_up_text(
    *, law, agency: str, sent_on: datetime.date, due: datetime.date | None,
    write_by: datetime.date, language: str,
) -> str:
    """A short follow-up the requester can send when no answer came, citing the appeal route."""
    with translation.override(language):
        values = {
            "agency": clean_text(agency),
            "sent": _long_date(sent_on, language),
            "law": law_reference(law, language),
            "due": _long_date(due, language) if due else "",
            "by": _long_date(write_by, language),
            "steps": appeal_steps(law),
        }
        text = gettext(
            "On %(sent)s I asked %(agency)s for records under %(law)s."
        ) % values
        if due:
            text += " " + gettext(
                "The law's time to respond ended on %(due)s and I have not received the "
                "records or a decision."
            ) % values
        else:
            text += " " + gettext("I have not yet received the records or a decision.") % values
        text += " " + gettext("Please tell me by %(by)s when I will receive them.") % values
        if values["steps"]:
            text += " " + gettext(
                "If I do not hear from you, I will treat the request as refused and seek "
                "review: %(steps)s."
            ) % values
    return text
