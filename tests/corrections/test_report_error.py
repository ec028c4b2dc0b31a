"""Report an error on a public record: the form, its protections, and where the report goes."""

import time
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from core.antispam import started_token
from core.models import PrivateContact
from corrections.models import Correction
from tests.corrections.conftest import form_stamp
from tests.factories import CommissionFactory, DepartmentFactory, IncidentFactory, OfficerFactory, ReportFactory

pytestmark = pytest.mark.django_db


def _law():
    from pra.models import Law

    return Law.objects.create(jurisdiction="USA-VA", name="Virginia Freedom of Information Act", publication_status="published")


RECORDS = {
    "officer": (lambda: OfficerFactory(), lambda o: f"/en/officers/{o.public_id}/", lambda o: o.public_id),
    "department": (lambda: DepartmentFactory(), lambda d: f"/en/officers/departments/{d.pk}/", lambda d: d.pk),
    "report": (lambda: ReportFactory(), lambda r: f"/en/reports/{r.public_id}/", lambda r: r.public_id),
    "body": (lambda: CommissionFactory(), lambda c: f"/en/oversight/{c.public_id}/", lambda c: c.public_id),
    "law": (_law, lambda law: "/en/records-requests/states/USA-VA/", lambda law: "USA-VA"),
    "incident": (lambda: IncidentFactory(review_status="approved"), lambda i: f"/en/incidents/{i.pk}/", lambda i: i.pk),
}


def send(client, url, language="en", **data):
    page = client.get(url)
    fields = {"message": "The badge number is 4411, not 4441: see the 2023 roster.", "started": form_stamp(page.text), **data}
    return client.post(url, fields)


@pytest.mark.parametrize("kind", list(RECORDS))
def test_every_public_record_page_links_to_a_form_that_files_the_report(client, kind):
    make, page_url, ident = RECORDS[kind]
    record = make()
    form_url = f"/en/report-an-error/{kind}/{ident(record)}/"

    assert f'href="{form_url}"' in client.get(page_url(record)).text
    response = send(client, form_url)

    assert response.status_code == 302 and response["Location"] == "/en/report-an-error/thanks/"
    correction = Correction.objects.get()
    assert (correction.record, correction.status) == (record, "open")
    assert correction.message.startswith("The badge number is 4411")


def test_contact_details_are_kept_apart_and_never_shown_on_the_public_page(client):
    officer = OfficerFactory()
    send(client, f"/en/report-an-error/officer/{officer.public_id}/", name="Ana Ruiz", email="ana@example.org")

    correction = Correction.objects.get()
    contact = PrivateContact.objects.get()
    assert (contact.content_type, contact.object_id) == (ContentType.objects.get_for_model(Correction), correction.pk)
    assert (contact.name, contact.email) == ("Ana Ruiz", "ana@example.org")
    assert "ana@example.org" not in correction.message
    assert "ana@example.org" not in client.get(f"/en/officers/{officer.public_id}/").text


def test_a_report_without_contact_stores_no_contact(client):
    send(client, f"/en/report-an-error/officer/{OfficerFactory().public_id}/")
    assert Correction.objects.count() == 1 and PrivateContact.objects.count() == 0


@pytest.mark.parametrize("kind,ident", [
    ("officer", "not-a-uuid"), ("officer", "00000000-0000-0000-0000-000000000000"), ("planet", "1"),
    ("incident", "99999999999999999999"), ("department", "-1"),
])
def test_an_unknown_record_is_a_404_not_a_500(client, kind, ident):
    assert client.get(f"/en/report-an-error/{kind}/{ident}/").status_code == 404


def test_a_draft_record_or_an_unreviewed_incident_cannot_be_reported_on(client):
    draft = OfficerFactory(publication_status="draft")
    candidate = IncidentFactory(review_status="candidate")
    assert client.get(f"/en/report-an-error/officer/{draft.public_id}/").status_code == 404
    assert client.get(f"/en/report-an-error/incident/{candidate.pk}/").status_code == 404


def test_a_short_message_gets_a_precise_error_in_spanish_and_keeps_what_was_typed(client):
    officer = OfficerFactory()
    url = f"/es/report-an-error/officer/{officer.public_id}/"
    response = send(client, url, message="Mal", email="ana@example.org")

    assert response.status_code == 400
    assert "Asegúrese de que este valor tenga al menos 10 carácter" in response.text
    assert 'value="ana@example.org"' in response.text
    assert Correction.objects.count() == 0


def test_the_honeypot_field_stops_a_robot_and_stores_nothing(client):
    officer = OfficerFactory()
    response = send(client, f"/en/report-an-error/officer/{officer.public_id}/", website="http://spam.example")
    assert response.status_code == 400
    assert "automated submission" in response.text
    assert Correction.objects.count() == 0


def test_a_form_sent_faster_than_a_person_can_type_is_refused_but_kept(client, settings):
    settings.PUBLIC_SUBMIT_MIN_SECONDS = 3
    officer = OfficerFactory()
    url = f"/en/report-an-error/officer/{officer.public_id}/"

    response = send(client, url, started=started_token(time.time()))
    assert response.status_code == 400 and "faster than a person" in response.text
    assert "4411, not 4441" in response.text

    assert send(client, url, started=started_token(time.time() - 10)).status_code == 302


def test_a_forged_or_day_old_stamp_is_refused(client):
    url = f"/en/report-an-error/officer/{OfficerFactory().public_id}/"
    assert "could not be checked" in send(client, url, started="forged").text
    assert "opened too long ago" in send(client, url, started=started_token(time.time() - 2 * 86400)).text
    assert Correction.objects.count() == 0


def test_one_address_is_limited_and_the_text_is_kept(client, settings):
    settings.PUBLIC_SUBMIT_RATE = "2/h"
    url = f"/en/report-an-error/officer/{OfficerFactory().public_id}/"
    assert [send(client, url).status_code for _ in range(2)] == [302, 302]

    response = send(client, url)

    assert response.status_code == 429
    assert "Please wait an hour" in response.text and "4411, not 4441" in response.text
    assert Correction.objects.count() == 2
    other = client.post(url, {"message": "x" * 20}, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 400  # another address is not limited (only its stamp is missing)


def test_purge_contacts_deletes_only_expired_contacts_and_dry_run_deletes_nothing(client, settings):
    settings.CONTACT_RETENTION_DAYS = 30
    officer = OfficerFactory()
    for name in ("old", "new"):
        send(client, f"/en/report-an-error/officer/{officer.public_id}/", name=name, email=f"{name}@example.org")
    PrivateContact.objects.filter(name="old").update(created_at=timezone.now() - timezone.timedelta(days=31))

    out = StringIO()
    call_command("purge_contacts", "--dry-run", stdout=out)
    assert "would delete 1" in out.getvalue() and PrivateContact.objects.count() == 2

    call_command("purge_contacts", stdout=out)
    assert list(PrivateContact.objects.values_list("name", flat=True)) == ["new"]
    assert Correction.objects.count() == 2  # the reports themselves stay


def test_the_purge_runs_nightly_from_beat():
    from config.celery import app

    entry = next(e for e in app.conf.beat_schedule.values() if e["task"] == "core.tasks.purge_contacts")
    assert entry["schedule"].hour == {3}


@pytest.mark.parametrize("limited", [False, True])
def test_an_empty_post_gets_the_form_with_what_is_missing(client, settings, limited):
    # A POST with no fields (a script, a stripped request) is answered, not a 500: the form
    # says what is required, and over the limit it also says to wait.
    settings.PUBLIC_SUBMIT_RATE = "0/h" if limited else "100/h"
    for url in (f"/en/report-an-error/officer/{OfficerFactory().public_id}/", "/en/incidents/report/"):
        response = client.post(url, {})
        assert response.status_code == (429 if limited else 400)
        assert "This field is required." in response.text
        assert ("Please wait an hour" in response.text) is limited
    assert Correction.objects.count() == 0
