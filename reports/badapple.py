"""Bad Apple's stored codes ⇄ our readable values, for the Bad Apple-compatible endpoints.

Bad Apple (P5vc/bad-apple-backend) stores policy categories, finding outcomes and report types
as numeric strings. We keep readable `TextChoices` inside and translate only at the edges.
Every `*_from_badapple` accepts a string or an int and raises `UnknownBadAppleCode` for a code
Bad Apple never defined; every `*_to_badapple` accepts one of our values (or its enum member).
Codes are matched whole, never as substrings: "1" is Handcuffing, not also 10–19.
"""

from reports.models import FindingOutcome, PolicyCategory, ReportType


class UnknownBadAppleCode(ValueError):
    """A code Bad Apple never defined, or a value of ours with no Bad Apple code."""


POLICY_CODES: dict[str, PolicyCategory] = {
    "0": PolicyCategory.USE_OF_FORCE,
    "1": PolicyCategory.HANDCUFFING_AND_RESTRAINTS,
    "2": PolicyCategory.CONTROL_DEVICES,
    "3": PolicyCategory.CONDUCTED_ENERGY_DEVICE,
    "4": PolicyCategory.OFFICER_INVOLVED_SHOOTING,
    "5": PolicyCategory.FIREARMS_AND_QUALIFICATION,
    "6": PolicyCategory.VEHICLE_PURSUIT,
    "7": PolicyCategory.EMERGENCY_CALLS,
    "8": PolicyCategory.CANINE_PROGRAM,
    "9": PolicyCategory.DOMESTIC_VIOLENCE,
    "10": PolicyCategory.SEARCH_AND_SEIZURE,
    "11": PolicyCategory.CUSTODY_OF_JUVENILES,
    "12": PolicyCategory.ELDER_ABUSE,
    "13": PolicyCategory.CHILD_ABUSE,
    "14": PolicyCategory.MISSING_PERSONS,
    "15": PolicyCategory.PUBLIC_ALERTS,
    "16": PolicyCategory.VICTIM_AND_WITNESS_ASSISTANCE,
    "17": PolicyCategory.HATE_CRIMES,
    "18": PolicyCategory.CONDUCT,
    "19": PolicyCategory.COMPUTER_USE,
    "20": PolicyCategory.REPORT_PREPARATION,
    "21": PolicyCategory.NEWS_MEDIA_RELATIONS,
    "22": PolicyCategory.COURT_APPEARANCE,
    "23": PolicyCategory.RESERVE_OFFICERS,
    "24": PolicyCategory.MUTUAL_AID,
    "25": PolicyCategory.LANGUAGE_ACCESS,
    "26": PolicyCategory.DEATH_INVESTIGATION,
    "27": PolicyCategory.IDENTITY_THEFT,
    "28": PolicyCategory.PRIVATE_PERSONS_ARRESTS,
    "29": PolicyCategory.DAMAGE_TO_PROPERTY,
    "30": PolicyCategory.ARREST_AND_BOOKING,
    "31": PolicyCategory.PUBLIC_CAMERAS,
    "32": PolicyCategory.CHILD_SAFETY,
    "33": PolicyCategory.WANTED_PERSONS,
    "34": PolicyCategory.VOLUNTEER_PROGRAM,
    "35": PolicyCategory.UNIFORM_REGULATIONS,
    "36": PolicyCategory.PERFORMANCE,
    "37": PolicyCategory.RELATIONSHIPS,
    "38": PolicyCategory.PROCEDURE,
}

OUTCOME_CODES: dict[str, FindingOutcome] = {
    "0": FindingOutcome.SUSTAINED,
    "1": FindingOutcome.NOT_SUSTAINED,
    "2": FindingOutcome.EXONERATED,
    "3": FindingOutcome.UNFOUNDED,
}

REPORT_TYPE_CODES: dict[str, ReportType] = {
    "0": ReportType.INTERNAL_AFFAIRS,
    "1": ReportType.OVERSIGHT_COMMISSION,
}


def code_lookup(table: dict, code: str | int, what: str):
    key = str(code).strip().lower() if code is not None else ""
    try:
        return table[key]
    except KeyError:
        raise UnknownBadAppleCode(f"{code!r} is not a Bad Apple {what} code") from None


def code_reverse(table: dict, value: str, what: str) -> str:
    for code, ours in table.items():
        if ours == value:
            return code
    raise UnknownBadAppleCode(f"{value!r} is not one of our {what} values")


def policy_from_badapple(code: str | int) -> PolicyCategory:
    return code_lookup(POLICY_CODES, code, "policy category")


def policy_to_badapple(value: str) -> str:
    return code_reverse(POLICY_CODES, value, "policy category")


def outcome_from_badapple(code: str | int) -> FindingOutcome:
    return code_lookup(OUTCOME_CODES, code, "finding outcome")


def outcome_to_badapple(value: str) -> str:
    return code_reverse(OUTCOME_CODES, value, "finding outcome")


def report_type_from_badapple(code: str | int) -> ReportType:
    return code_lookup(REPORT_TYPE_CODES, code, "report type")


def report_type_to_badapple(value: str) -> str:
    return code_reverse(REPORT_TYPE_CODES, value, "report type")
