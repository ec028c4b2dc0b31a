"""`GET /API/Oversight/`: oversight commissions of a state (and city), in Bad Apple's words.

We keep one free-text address and one free-text press-contact field where Bad Apple had separate
fields, so those are split here: the address's first line is `address1` and the rest `address2`;
the first email, phone number and web address found among the press contacts fill `pressEmail`,
`pressPhone` and `pressContactForm`. Complaint links map in their display order: the first
complaint form is `complaintForm`, the second the alternate form (with its English type label),
the first two information pages `complaintInfo1` and `complaintInfo2`.
"""

import re

from api.badapple import (
    COUNTRY,
    BadAppleView,
    HeaderFilter,
    english_label,
    state_code,
    state_label,
    text,
    timestamp,
)
from oversight.models import Commission, CommissionType, ComplaintFormType, ComplaintLinkKind
from oversight.selectors import commission_directory

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"https?://[^\s<>\"']+")
PHONE = re.compile(r"[+(]?\d[\d ().-]{5,}\d")


def _first(pattern: re.Pattern, value: str) -> str:
    match = pattern.search(value or "")
    return match.group(0).rstrip(".,;)") if match else ""


def commission_as_bad_apple(commission: Commission) -> dict:
    lines = [line.strip() for line in (commission.address or "").splitlines() if line.strip()]
    links = list(commission.complaint_links.all())
    forms = [link for link in links if link.kind == ComplaintLinkKind.FORM]
    information = [link for link in links if link.kind == ComplaintLinkKind.INFORMATION]
    alternate = forms[1] if len(forms) > 1 else None
    press = commission.press_contacts or ""
    # A URL's host can look like an email's domain: take the phone and email from the text
    # with its URLs removed.
    press_without_urls = URL.sub(" ", press)
    return {
        "name": commission.name,
        "type": english_label(CommissionType, commission.commission_type),
        "website": commission.website,
        "country": COUNTRY,
        "stateTerritoryProvince": state_label(commission.state),
        "cityTown": commission.city,
        "postalCode": commission.postal_code,
        "address1": lines[0] if lines else "",
        "address2": ", ".join(lines[1:]),
        "email": commission.email,
        "phone": commission.phone,
        "phoneTDD": commission.tdd,
        "fax": commission.fax,
        "contactForm": commission.contact_form_url,
        "pressEmail": _first(EMAIL, press_without_urls),
        "pressPhone": _first(PHONE, EMAIL.sub(" ", press_without_urls)),
        "pressContactForm": _first(URL, press),
        "aboutSummary": commission.about,
        "complaintInfo1": information[0].url if information else "",
        "complaintInfo2": information[1].url if len(information) > 1 else "",
        "complaintForm": forms[0].url if forms else "",
        "alternateComplaintFormType": (
            english_label(ComplaintFormType, alternate.form_type) if alternate else ""
        ),
        "alternateComplaintForm": alternate.url if alternate else "",
        "membersPage": commission.members_url,
        "faqPage": commission.faq_url,
        "commissionID": str(commission.public_id),
        "createdOn": timestamp(commission.created_at),
        "updatedOn": timestamp(commission.updated_at),
    }


class OversightBadAppleView(BadAppleView):
    """The published commissions of a state, or of its cities whose name contains `City` (any
    case), as Bad Apple matched it."""

    filters = (HeaderFilter("State", state_code, required=True), HeaderFilter("City", text))

    def query(self, *, state: str, city: str = "") -> list[dict]:
        commissions = commission_directory(state=state, city_part=city)
        return [commission_as_bad_apple(commission) for commission in commissions]
