import datetime

import pytest
from django.core.exceptions import ValidationError

from officers.models import Assignment, Officer
from officers.services import OfficerIdentity, officer_match_or_create
from reports.models import Finding, Report
from reports.services import FindingData, report_create
from tests.factories import AssignmentFactory, DepartmentFactory, OfficerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_matches_an_officer_by_the_departments_internal_id():
    officer = OfficerFactory(internal_id="E-1001", last_name="Ruiz")
    found, created = officer_match_or_create(
        department=officer.department, identity=OfficerIdentity(last_name="Someone Else", internal_id="E-1001")
    )
    assert (found, created) == (officer, False)


def test_it_matches_an_officer_by_name_and_badge_in_the_same_department():
    assignment = AssignmentFactory(officer__first_name="Ana", officer__last_name="Ruiz", badge_number="731")
    officer = assignment.officer
    found, created = officer_match_or_create(
        department=officer.department, identity=OfficerIdentity(first_name="ana", last_name="RUIZ", badge_number="731")
    )
    assert (found, created) == (officer, False)


def test_it_never_matches_an_officer_of_another_department():
    assignment = AssignmentFactory(officer__first_name="Ana", officer__last_name="Ruiz", badge_number="731")
    other = DepartmentFactory()
    found, created = officer_match_or_create(
        department=other, identity=OfficerIdentity(first_name="Ana", last_name="Ruiz", badge_number="731")
    )
    assert created and found != assignment.officer and found.department == other


def test_a_name_alone_is_not_enough_to_match():
    officer = OfficerFactory(first_name="Ana", last_name="Ruiz")
    found, created = officer_match_or_create(
        department=officer.department, identity=OfficerIdentity(first_name="Ana", last_name="Ruiz")
    )
    assert created and found != officer


def test_names_match_without_accents_as_the_roster_importer_matches_them():
    # A report writes "Jose Pena" where the roster has "José Peña": the importer would match
    # them, and so does a report, through the same rule.
    assignment = AssignmentFactory(officer__first_name="José", officer__last_name="Peña", badge_number="4410")
    found, created = officer_match_or_create(
        department=assignment.officer.department,
        identity=OfficerIdentity(first_name="Jose", last_name="PENA", badge_number=" 4410 "),
    )
    assert (found, created) == (assignment.officer, False)


def test_an_officer_with_another_internal_id_is_someone_else():
    assignment = AssignmentFactory(
        officer__first_name="Ana", officer__last_name="Ruiz", officer__internal_id="E-1", badge_number="731"
    )
    found, created = officer_match_or_create(
        department=assignment.officer.department,
        identity=OfficerIdentity(first_name="Ana", last_name="Ruiz", badge_number="731", internal_id="E-2"),
    )
    assert created and found != assignment.officer and found.internal_id == "E-2"


def test_two_officers_sharing_a_name_and_a_reissued_badge_get_a_new_draft_not_a_guess():
    first = AssignmentFactory(
        officer__first_name="Ana", officer__last_name="Ruiz", officer__internal_id="E-1", badge_number="731"
    )
    AssignmentFactory(
        officer__department=first.officer.department,
        officer__first_name="Ana",
        officer__last_name="Ruiz",
        officer__internal_id="E-2",
        badge_number="731",
    )
    found, created = officer_match_or_create(
        department=first.officer.department,
        identity=OfficerIdentity(first_name="Ana", last_name="Ruiz", badge_number="731"),
    )
    assert created and found.publication_status == "draft"
    assert Officer.objects.filter(department=first.officer.department, last_name="Ruiz").count() == 3


def test_a_new_officer_is_a_draft_with_the_badge_and_the_actor_in_its_history():
    department = DepartmentFactory()
    curator = UserFactory()
    officer, created = officer_match_or_create(
        department=department,
        identity=OfficerIdentity(first_name=" Lee ", last_name="Park", badge_number="88"),
        actor=curator,
    )
    assert created
    assert officer.publication_status == "draft"
    assert officer.first_name == "Lee"
    assert list(Assignment.objects.filter(officer=officer).values_list("badge_number", flat=True)) == ["88"]
    assert officer.history.first().history_user == curator


def test_an_officer_without_a_last_name_is_refused():
    with pytest.raises(ValidationError):
        officer_match_or_create(department=DepartmentFactory(), identity=OfficerIdentity(last_name="  "))


def test_report_create_links_a_real_officer_and_saves_the_findings_in_order():
    department = DepartmentFactory()
    report = report_create(
        department=department,
        report_type="internal_affairs",
        officer_identity=OfficerIdentity(first_name="Lee", last_name="Park", internal_id="X9"),
        badge_number="88",
        incident_date=datetime.date(2020, 1, 2),
        findings=[
            FindingData(policy_category="use_of_force", outcome="sustained"),
            FindingData(policy_category="conduct", outcome="unfounded"),
        ],
    )
    assert report.officer == Officer.objects.get(internal_id="X9", department=department)
    assert report.badge_number == "88"
    assert [(f.policy_category, f.outcome) for f in report.findings.all()] == [
        ("use_of_force", "sustained"), ("conduct", "unfounded"),
    ]
    again = report_create(
        department=department, report_type="oversight_commission",
        officer_identity=OfficerIdentity(last_name="Park", internal_id="X9"),
    )
    assert again.officer == report.officer, "a second report about the same officer reuses the record"


def test_report_create_needs_exactly_one_way_to_name_the_officer():
    department = DepartmentFactory()
    with pytest.raises(ValidationError):
        report_create(department=department, report_type="internal_affairs")
    with pytest.raises(ValidationError):
        report_create(
            department=department, report_type="internal_affairs", officer=OfficerFactory(department=department),
            officer_identity=OfficerIdentity(last_name="Park"),
        )


def test_report_create_rejects_unknown_codes_and_saves_nothing():
    officer = OfficerFactory()
    with pytest.raises(ValidationError):
        report_create(
            department=officer.department, officer=officer, report_type="internal_affairs",
            findings=[FindingData(policy_category="1", outcome="sustained")],
        )
    with pytest.raises(ValidationError):
        report_create(department=officer.department, officer=officer, report_type="grand_jury")
    assert not Report.objects.exists() and not Finding.objects.exists()
