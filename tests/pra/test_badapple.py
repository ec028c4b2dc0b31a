import pytest

from pra.badapple import subject_from_badapple, subject_from_text, subject_to_badapple
from pra.choices import Subject


@pytest.mark.parametrize("code", range(12))
def test_it_maps_every_bad_apple_code_both_ways(code):
    subject = subject_from_badapple(code)
    assert subject is not None
    assert subject_to_badapple(subject.value) == code
    assert subject_from_badapple(str(code)) == subject


def test_it_maps_bad_apples_known_codes_to_the_right_subjects():
    assert subject_from_badapple(0) == Subject.BODY_CAMERAS
    assert subject_from_badapple("9") == Subject.CELL_SITE_SIMULATORS
    assert subject_from_badapple(10) == Subject.MISCONDUCT_BY_OFFICER
    assert subject_from_badapple(11) == Subject.MISCONDUCT_BY_INCIDENT


@pytest.mark.parametrize("code", [12, -1, "1.0", "01", "drones", "", None, "1; DROP"])
def test_it_rejects_codes_bad_apple_never_had(code):
    assert subject_from_badapple(code) is None


def test_it_accepts_our_codes_or_bad_apples_numbers_from_urls():
    assert subject_from_text("drones") == Subject.DRONES
    assert subject_from_text("1") == Subject.DRONES
    assert subject_from_text("DRONES") is None
    assert subject_to_badapple("nope") is None
