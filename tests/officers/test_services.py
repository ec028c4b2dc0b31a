import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from officers.models import Officer
from officers.merges.services import officer_merge, officer_merge_undo
from officers.models import officer_search_badges_refresh
from tests.factories import AssignmentFactory, DepartmentFactory, IncidentFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def test_merge_moves_every_record_and_fills_blanks():
    department = DepartmentFactory()
    kept = OfficerFactory(department=department, birth_year=None, internal_id="")
    merged = OfficerFactory(department=department, birth_year=1980, internal_id="E9")
    AssignmentFactory(officer=merged, badge_number="901")
    merged.salaries.create(year=2022, salary=50000)
    merged.links.create(url="https://example.org/a")
    merged.descriptions.create(text="Public text")
    merged.notes.create(text="Staff text")
    incident = IncidentFactory()
    incident.officers.add(merged)

    officer_merge(kept=kept, merged=merged, actor=None)

    kept.refresh_from_db()
    merged.refresh_from_db()
    assert (kept.birth_year, kept.internal_id) == (1980, "E9")
    assert kept.search_badges == "901"
    for relation in ("assignments", "salaries", "links", "descriptions", "notes"):
        assert getattr(kept, relation).count() == 1, relation
        assert getattr(merged, relation).count() == 0, relation
    assert list(incident.officers.all()) == [kept]
    assert merged.publication_status == "retracted" and merged.merged_into == kept


def test_undoing_a_merge_puts_everything_back():
    department = DepartmentFactory()
    kept = OfficerFactory(department=department, internal_id="")
    merged = OfficerFactory(department=department, internal_id="E9")
    AssignmentFactory(officer=merged, badge_number="901")
    merge = officer_merge(kept=kept, merged=merged, actor=None)

    officer_merge_undo(merge=merge, actor=None)

    kept.refresh_from_db()
    merged.refresh_from_db()
    assert kept.internal_id == "" and merged.internal_id == "E9"
    assert merged.assignments.get().badge_number == "901"
    assert merged.publication_status == "published" and merged.merged_into is None
    assert merged.search_badges == "901" and kept.search_badges == ""
    with pytest.raises(ValidationError):
        officer_merge_undo(merge=merge, actor=None)


def test_merge_is_recorded_in_both_officers_history(user_with_role):
    admin = user_with_role("admin")
    department = DepartmentFactory()
    kept, merged = OfficerFactory(department=department), OfficerFactory(department=department)

    officer_merge(kept=kept, merged=merged, actor=admin, reason="same badge photo")

    assert kept.history.first().history_user == admin
    assert merged.history.first().history_change_reason == "same badge photo"


def test_merge_refuses_different_departments_and_itself():
    one, two = OfficerFactory(), OfficerFactory()
    with pytest.raises(ValidationError):
        officer_merge(kept=one, merged=two, actor=None)
    with pytest.raises(ValidationError):
        officer_merge(kept=one, merged=one, actor=None)


def test_merge_refuses_a_curator_of_another_department(user_with_role):
    curator = user_with_role("curator")
    department = DepartmentFactory()
    kept, merged = OfficerFactory(department=department), OfficerFactory(department=department)
    with pytest.raises(PermissionDenied):
        officer_merge(kept=kept, merged=merged, actor=curator)
    assert Officer.objects.get(pk=merged.pk).merged_into is None


def test_search_badges_follow_assignments():
    officer = OfficerFactory()
    AssignmentFactory(officer=officer, badge_number="B-12")
    AssignmentFactory(officer=officer, badge_number="77")
    officer_search_badges_refresh(officer_ids=[officer.pk])
    officer.refresh_from_db()
    assert officer.search_badges == "77 b-12"
