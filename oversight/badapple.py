"""Bad Apple's stored codes ⇄ our readable values for oversight commissions.

Same contract as `reports.badapple`: `*_from_badapple` takes Bad Apple's code (str or int,
whole-code match, case-insensitive for the lettered form codes) and raises
`UnknownBadAppleCode`; `*_to_badapple` takes one of our values.
"""

from oversight.models import CommissionType, ComplaintFormType
from reports.badapple import UnknownBadAppleCode, code_lookup, code_reverse

__all__ = [
    "UnknownBadAppleCode",
    "commission_type_from_badapple",
    "commission_type_to_badapple",
    "complaint_form_type_from_badapple",
    "complaint_form_type_to_badapple",
]

COMMISSION_TYPE_CODES: dict[str, CommissionType] = {
    "0": CommissionType.POLICE_REVIEW_BOARD,
    "1": CommissionType.SHERIFF_REVIEW_BOARD,
}

COMPLAINT_FORM_TYPE_CODES: dict[str, ComplaintFormType] = {
    "0": ComplaintFormType.ONLINE,
    "1": ComplaintFormType.MENU,
    "2": ComplaintFormType.PRINTABLE,
    "a": ComplaintFormType.ONLINE_SPANISH,
    "2a": ComplaintFormType.PRINTABLE_SPANISH,
}


def commission_type_from_badapple(code: str | int) -> CommissionType:
    return code_lookup(COMMISSION_TYPE_CODES, code, "commission type")


def commission_type_to_badapple(value: str) -> str:
    return code_reverse(COMMISSION_TYPE_CODES, value, "commission type")


def complaint_form_type_from_badapple(code: str | int) -> ComplaintFormType:
    return code_lookup(COMPLAINT_FORM_TYPE_CODES, code, "complaint form type")


def complaint_form_type_to_badapple(value: str) -> str:
    return code_reverse(COMPLAINT_FORM_TYPE_CODES, value, "complaint form type")
