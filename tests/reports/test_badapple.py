import json

import pytest
from django.conf import settings

from oversight import badapple as oversight_badapple
from oversight.models import CommissionType, ComplaintFormType
from reports import badapple
from reports.models import FindingOutcome, PolicyCategory, ReportType

CHOICES = json.loads((settings.DATA_DIR / "badapple_choices.json").read_text())

TABLES = [
    ("policy_categories", PolicyCategory, badapple.policy_from_badapple, badapple.policy_to_badapple),
    ("findings", FindingOutcome, badapple.outcome_from_badapple, badapple.outcome_to_badapple),
    ("report_types", ReportType, badapple.report_type_from_badapple, badapple.report_type_to_badapple),
    ("commission_types", CommissionType, oversight_badapple.commission_type_from_badapple,
     oversight_badapple.commission_type_to_badapple),
    ("complaint_form_types", ComplaintFormType, oversight_badapple.complaint_form_type_from_badapple,
     oversight_badapple.complaint_form_type_to_badapple),
]


@pytest.mark.parametrize("key, choices, from_code, to_code", TABLES, ids=[t[0] for t in TABLES])
def test_every_bad_apple_code_maps_to_one_of_ours_with_the_same_label_and_back(key, choices, from_code, to_code):
    codes = CHOICES[key]
    assert len(codes) == len(choices.values), "every value of ours has a Bad Apple code"
    for code, label in codes.items():
        ours = from_code(code)
        assert ours.label == label
        assert to_code(ours) == code
        assert to_code(ours.value) == code


def test_there_are_39_policy_categories_and_4_outcomes():
    assert len(PolicyCategory.values) == 39
    assert FindingOutcome.values == ["sustained", "not_sustained", "exonerated", "unfounded"]


def test_codes_match_whole_never_as_substrings():
    assert badapple.policy_from_badapple("1") == PolicyCategory.HANDCUFFING_AND_RESTRAINTS
    assert badapple.policy_from_badapple(1) == PolicyCategory.HANDCUFFING_AND_RESTRAINTS
    assert badapple.policy_from_badapple("10") == PolicyCategory.SEARCH_AND_SEIZURE
    for code in ("01", "1 0", "39", "-1", "", None, "use_of_force"):
        with pytest.raises(badapple.UnknownBadAppleCode):
            badapple.policy_from_badapple(code)


def test_lettered_complaint_form_codes_are_understood():
    assert oversight_badapple.complaint_form_type_from_badapple("2A") == ComplaintFormType.PRINTABLE_SPANISH
    assert oversight_badapple.complaint_form_type_from_badapple("a") == ComplaintFormType.ONLINE_SPANISH
    with pytest.raises(oversight_badapple.UnknownBadAppleCode):
        oversight_badapple.complaint_form_type_from_badapple("b")


def test_an_unknown_value_of_ours_has_no_bad_apple_code():
    with pytest.raises(badapple.UnknownBadAppleCode):
        badapple.outcome_to_badapple("cleared")
