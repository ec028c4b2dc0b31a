"""A curator of one department cannot read or rewrite another department's records through the
admin: not through change history (list, one version, revert) and not through reports/findings."""

import pytest
from django.urls import reverse

from officers.models import Department, Description, Link, Note, Officer, Rank, Salary, Unit
from reports.models import Finding, Report
from tests.factories import (
    AssignmentFactory,
    CommissionFactory,
    DepartmentFactory,
    FindingFactory,
    OfficerFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(user_with_role):
    return user_with_role("curator", is_staff=True)


@pytest.fixture
def departments(curator):
    mine, theirs = DepartmentFactory(name="Mine PD"), DepartmentFactory(name="Theirs PD")
    mine.curators.add(curator)
    return mine, theirs


def _records_of(department):
    """One record of every history-enabled, department-scoped model, each with a history row."""
    officer = OfficerFactory(department=department, last_name="Outsider")
    return {
        "department": department,
        "officer": officer,
        "assignment": AssignmentFactory(officer=officer),
        "salary": Salary.objects.create(officer=officer, year=2020, salary=50000),
        "link": Link.objects.create(officer=officer, url="https://example.org/a"),
        "description": Description.objects.create(officer=officer, text="Public text"),
        "note": Note.objects.create(officer=officer, text="Staff-only secret note"),
        "rank": Rank.objects.create(department=department, name="Sergeant"),
        "unit": Unit.objects.create(department=department, name="Traffic"),
        "report": ReportFactory(officer=officer),
        "finding": FindingFactory(report__officer=officer),
    }


@pytest.mark.parametrize(
    "name",
    ["department", "officer", "assignment", "salary", "link", "description", "note", "rank", "unit",
     "report", "finding"],
)
def test_a_curator_cannot_read_another_departments_history(client, curator, departments, name):
    record = _records_of(departments[1])[name]
    opts = record._meta
    version = record.history.latest()
    client.force_login(curator)

    listing = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.pk]))
    one = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[record.pk, version.history_id])
    )

    assert listing.status_code in (403, 404)
    assert one.status_code in (403, 404)
    assert "secret" not in listing.text and "secret" not in one.text


def test_a_curator_still_reads_the_history_of_their_own_department(client, curator, departments):
    officer = OfficerFactory(department=departments[0])
    client.force_login(curator)

    response = client.get(reverse("admin:officers_officer_history", args=[officer.pk]))

    assert response.status_code == 200


def test_a_curator_cannot_revert_another_departments_officer(client, curator, departments):
    mine, theirs = departments
    officer = OfficerFactory(department=theirs, last_name="Original")
    version = officer.history.latest()
    officer.last_name = "Current"
    officer.save()
    client.force_login(curator)

    response = client.post(
        reverse("admin:officers_officer_simple_history", args=[officer.pk, version.history_id]),
        {"department": mine.pk, "last_name": "Hijacked", "race": "", "gender": "",
         "publication_status": "published", "_save": "Save"},
    )

    officer.refresh_from_db()
    assert response.status_code in (403, 404)
    assert (officer.last_name, officer.department_id) == ("Current", theirs.pk)


def test_a_curator_cannot_revert_another_departments_staff_note(client, curator, departments):
    note = Note.objects.create(officer=OfficerFactory(department=departments[1]), text="Before")
    version = note.history.latest()
    client.force_login(curator)

    response = client.post(
        reverse("admin:officers_note_simple_history", args=[note.pk, version.history_id]),
        {"officer": note.officer_id, "text": "Rewritten", "_save": "Save"},
    )

    note.refresh_from_db()
    assert response.status_code in (403, 404)
    assert note.text == "Before"


def test_history_of_a_deleted_record_is_for_admins_only(client, curator, departments, user_with_role):
    unit = Unit.objects.create(department=departments[0], name="Gone")
    pk = unit.pk
    unit.delete()
    client.force_login(curator)
    assert client.get(reverse("admin:officers_unit_history", args=[pk])).status_code in (403, 404)

    client.force_login(user_with_role("admin", is_staff=True))
    assert client.get(reverse("admin:officers_unit_history", args=[pk])).status_code == 200


# --- reports and findings ----------------------------------------------------------------------


def test_a_curator_lists_only_reports_and_findings_of_their_departments(client, curator, departments):
    mine, theirs = departments
    FindingFactory(report__officer=OfficerFactory(department=mine, last_name="Insider"))
    FindingFactory(report__officer=OfficerFactory(department=theirs, last_name="Outsider"))
    client.force_login(curator)

    reports = client.get(reverse("admin:reports_report_changelist"))
    findings = client.get(reverse("admin:reports_finding_changelist"))

    assert "Insider" in reports.text and "Outsider" not in reports.text
    assert "Insider" in findings.text and "Outsider" not in findings.text


def test_a_curator_cannot_open_or_change_another_departments_report(client, curator, departments):
    report = ReportFactory(officer=OfficerFactory(department=departments[1]), investigator="Original")
    finding = FindingFactory(report=report)
    client.force_login(curator)

    change = client.get(reverse("admin:reports_report_change", args=[report.pk]))
    finding_page = client.get(reverse("admin:reports_finding_change", args=[finding.pk]))
    client.post(reverse("admin:reports_report_change", args=[report.pk]), {"investigator": "Changed"})

    report.refresh_from_db()
    assert change.status_code == 302 and finding_page.status_code == 302  # the admin's "no such record"
    assert report.investigator == "Original"


def _report_form(officer, department, **extra):
    return {
        "officer": officer.pk, "department": department.pk, "report_type": "internal_affairs",
        "investigation_id": "IA-NEW", "publication_status": "draft", "badge_number": "",
        "findings-TOTAL_FORMS": "0", "findings-INITIAL_FORMS": "0",
        "core-linkstatus-content_type-object_id-TOTAL_FORMS": "0",
        "core-linkstatus-content_type-object_id-INITIAL_FORMS": "0",
        **extra,
    }


def test_a_curator_cannot_add_a_report_for_a_department_they_do_not_curate(client, curator, departments):
    mine, theirs = departments
    outsider = OfficerFactory(department=theirs)
    client.force_login(curator)

    response = client.post(reverse("admin:reports_report_add"), _report_form(outsider, theirs))

    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert not Report.objects.filter(investigation_id="IA-NEW").exists()


def test_a_curator_adds_a_report_for_their_department(client, curator, departments):
    mine, _ = departments
    insider = OfficerFactory(department=mine)
    client.force_login(curator)

    response = client.post(reverse("admin:reports_report_add"), _report_form(insider, mine))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Report.objects.get(investigation_id="IA-NEW").department == mine


def test_a_curator_cannot_move_a_finding_onto_another_departments_report(client, curator, departments):
    mine, theirs = departments
    finding = FindingFactory(report__officer=OfficerFactory(department=mine))
    outsider_report = ReportFactory(officer=OfficerFactory(department=theirs))
    client.force_login(curator)

    response = client.post(
        reverse("admin:reports_finding_change", args=[finding.pk]),
        {"report": outsider_report.pk, "policy_category": "use_of_force", "outcome": "sustained",
         "position": 0, "summary": "x", "basis": ""},
    )

    finding.refresh_from_db()
    assert response.status_code == 200
    assert finding.report_id != outsider_report.pk


def test_an_admin_still_sees_every_department(client, user_with_role, departments):
    report = ReportFactory(officer=OfficerFactory(department=departments[1]))
    client.force_login(user_with_role("admin", is_staff=True))

    assert client.get(reverse("admin:reports_report_change", args=[report.pk])).status_code == 200
    assert client.get(reverse("admin:officers_officer_history", args=[report.officer_id])).status_code == 200


def _change_form_data(response) -> dict:
    """The admin change form's current values, as the browser would send them back unchanged."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            value = form[name].value()
            if hasattr(field, "queryset") and isinstance(value, (list, tuple)):
                # A multiple select holds only its choices: the browser sends back those selected.
                offered = {str(pk) for pk in field.queryset.values_list("pk", flat=True)}
                value = [v for v in value if str(v) in offered]
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = [str(v) for v in value] if isinstance(value, (list, tuple)) else (
                "on" if value is True else str(value)
            )

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({
            f"{formset.prefix}-TOTAL_FORMS": str(formset.initial_form_count()),
            f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
        })
        for form in formset.initial_forms:
            add(form)
    return data


def test_a_curator_cannot_open_an_oversight_body_covering_only_another_department(client, curator, departments):
    mine, theirs = departments
    covering_theirs = CommissionFactory(name="Their Review Board", departments=[theirs])
    CommissionFactory(name="Our Review Board", departments=[mine])
    client.force_login(curator)

    listing = client.get(reverse("admin:oversight_commission_changelist")).content.decode()
    response = client.get(reverse("admin:oversight_commission_change", args=[covering_theirs.pk]))

    assert "Our Review Board" in listing and "Their Review Board" not in listing
    assert response.status_code == 302  # "doesn't exist" for this curator
    client.post(reverse("admin:oversight_commission_change", args=[covering_theirs.pk]), {"name": "Changed"})
    covering_theirs.refresh_from_db()
    assert covering_theirs.name == "Their Review Board"


def test_a_curator_editing_a_shared_oversight_body_keeps_the_other_departments_on_it(client, curator, departments):
    mine, theirs = departments
    shared = CommissionFactory(name="County Review Board", departments=[mine, theirs])
    client.force_login(curator)
    url = reverse("admin:oversight_commission_change", args=[shared.pk])
    page = client.get(url)
    data = _change_form_data(page)
    data["phone"] = "555-0199"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    shared.refresh_from_db()
    assert shared.phone == "555-0199"
    assert set(shared.departments.all()) == {mine, theirs}
    assert "Theirs PD" not in page.content.decode()  # the choices offer only the curator's departments


@pytest.mark.parametrize("ident", ["x", "1.5", "²⁰²¹", "٣", "1\x00", "9999-12-31", "99999999999999999999"])
def test_a_history_address_with_an_id_that_cannot_be_one_is_not_found(client, user_with_role, ident):
    officer = OfficerFactory()
    client.force_login(user_with_role("admin", is_staff=True, is_superuser=True))

    listing = client.get(f"/admin/officers/officer/{ident}/history/")
    version = client.get(f"/admin/officers/officer/{officer.pk}/history/{ident}/")

    assert listing.status_code == 404 and "Page not found" in listing.text
    assert version.status_code == 404 and "Page not found" in version.text


@pytest.mark.parametrize("name", ["assignment", "salary"])
def test_an_admin_reads_the_history_of_a_record_deleted_with_its_officer(client, user_with_role, name):
    officer = OfficerFactory()
    record, label = {
        "assignment": lambda: (AssignmentFactory(officer=officer, badge_number="731"), "#731"),
        "salary": lambda: (Salary.objects.create(officer=officer, year=2020, salary=71000), "2020"),
    }[name]()
    officer_id = officer.pk
    officer.delete()  # the record goes with it; its history stays
    client.force_login(user_with_role("admin", is_staff=True))
    response = client.get(reverse(f"admin:officers_{name}_history", args=[record.pk]))
    assert response.status_code == 200
    assert f"Change history: deleted officer #{officer_id} {label}" in response.content.decode()
