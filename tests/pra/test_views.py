import datetime
import io
import uuid

import pytest
from django.urls import reverse as django_reverse
from django.utils import translation
from pypdf import PdfReader

from tests.factories import OfficerFactory, ReportFactory

START = "/en/records-requests/"


def reverse(name, args=None):
    with translation.override("en"):
        return django_reverse(name, args=args)

LETTER = "/en/records-requests/letter/"


def _answers(**overrides):
    data = {
        "state": "USA-OR",
        "subject": "misconduct_by_officer",
        "agency": "Portland Police Bureau",
        "officer_name": "Jordan Doe",
        "requester_name": "Ana Ruiz",
        "requester_contact": "ana@example.org\n1 Main St",
        "delivery_format": "electronic",
        "fee_cap": "25",
        "send_date": datetime.date.today().isoformat(),
    }
    data.update(overrides)
    return data


def test_the_start_url_name_is_the_one_the_nav_uses():
    assert reverse("pra:start") == START


def test_the_first_step_lists_states_and_subjects(client, seeded):
    response = client.get(START)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="USA-PR"' in body and "Licence-plate readers" in body
    assert reverse("pra:state_detail", args=["USA-OR"]) in body


def test_state_and_subject_in_the_url_open_the_form(client, seeded):
    response = client.get(START, {"state": "OR", "subject": "4"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Oregon Public Records Law" in body
    assert 'name="requester_name"' in body
    assert 'name="officer_name"' not in body


@pytest.mark.parametrize(
    ("params", "listed"),
    [
        ({"state": "USA-ZZ", "subject": "drones"}, "USA-WY"),
        ({"state": "OR", "subject": "99"}, "body_cameras"),
    ],
)
def test_an_unknown_choice_gets_a_clear_message_listing_the_valid_ones(
    client, seeded, params, listed
):
    response = client.get(START, params)
    assert response.status_code == 400
    body = response.content.decode()
    assert "We don&#x27;t know that choice" in body or "know that choice" in body
    assert listed in body


def test_a_published_officer_prefills_the_form(client, seeded):
    officer = OfficerFactory(first_name="Kim", last_name="Lee", department__state="USA-WA")
    response = client.get(START, {"officer": str(officer.public_id)})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Kim Lee"' in body
    assert "Washington" in body
    assert str(officer.department) in body


def test_an_unpublished_or_unknown_officer_prefills_nothing(client, seeded):
    officer = OfficerFactory(first_name="Secret", publication_status="draft")
    for value in (str(officer.public_id), str(uuid.uuid4()), "not-a-uuid"):
        response = client.get(START, {"officer": value})
        assert response.status_code == 200
        assert "Secret" not in response.content.decode()


def test_an_unknown_report_is_ignored(client, seeded):
    response = client.get(START, {"report": str(uuid.uuid4()), "state": "OR", "subject": "drones"})
    assert response.status_code == 200


def test_the_letter_is_shown_with_its_deadline_and_a_spanish_explanation(client, seeded):
    response = client.post(LETTER, _answers())
    body = response.content.decode()
    assert response.status_code == 200
    assert "misconduct records of Jordan Doe" in body
    assert "Explicación en español" in body
    # Oregon's deadline was reconciled from ORS 192.324(2) and 192.329: a date, its citation and
    # when it was verified.
    assert "Answer due by" in body and "15 business days after you send it" in body
    assert "ORS 192.324(2); ORS 192.329" in body and "Verified against the statute on" in body
    assert reverse("pra:deadline_ics") in body


def test_the_letter_page_gives_a_follow_up_citing_the_appeal_route(client, seeded):
    body = client.post(LETTER, _answers(
        state="USA-PA", agency="Philadelphia Police Department", send_date="2026-11-02"
    )).content.decode()
    assert "If the agency refuses or does not answer" in body
    # The follow-up names the appeal route with its citations, from the HOLE release.
    assert "On November 2, 2026 I asked Philadelphia Police Department for records" in body
    assert "ended on November 9, 2026" in body
    assert "seek review: Office of Open Records (65 Pa. Stat. § 67.1101), then Court of Common " \
        "Pleas (65 Pa. Stat. § 67.1302)." in body


def test_script_tags_typed_into_the_form_are_escaped(client, seeded):
    response = client.post(LETTER, _answers(officer_name="<script>alert('x')</script>"))
    body = response.content.decode()
    assert "<script>alert(" not in body
    assert "&lt;script&gt;alert(" in body


def test_missing_answers_come_back_with_messages_and_nothing_lost(client, seeded):
    response = client.post(LETTER, _answers(requester_name="", officer_name=""))
    body = response.content.decode()
    assert response.status_code == 400
    assert body.count("This field is required.") == 2
    assert 'value="Portland Police Bureau"' in body


def test_a_period_that_ends_before_it_starts_is_refused(client, seeded):
    response = client.post(LETTER, _answers(date_from="2025-05-01", date_to="2024-01-01"))
    assert response.status_code == 400
    assert "must come after its start" in response.content.decode()


def test_a_bad_state_in_the_form_is_a_400_not_a_500(client, seeded):
    response = client.post(LETTER, _answers(state="Atlantis"))
    assert response.status_code == 400


def test_the_letter_downloads_as_a_pdf(client, seeded):
    response = client.post(LETTER, _answers(output="pdf", officer_name="Łukasz <b>Żółć</b>"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('.pdf"')
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Łukasz <b>Żółć</b>" in text


def test_the_letter_downloads_as_plain_text(client, seeded):
    response = client.post(LETTER, _answers(output="txt"))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("Public records request: misconduct records of Jordan Doe\n\n")
    assert "Sincerely,\n\nAna Ruiz\nana@example.org\n1 Main St" in text


def test_changing_answers_brings_back_the_filled_form(client, seeded):
    response = client.post(LETTER, _answers(output="edit"))
    assert response.status_code == 200
    assert 'value="Jordan Doe"' in response.content.decode()


def test_a_puerto_rico_letter_is_in_spanish_without_the_explanation(client, seeded):
    response = client.post(
        LETTER, _answers(state="USA-PR", subject="drones", agency="Negociado de la Policía")
    )
    body = response.content.decode()
    assert 'lang="es"' in body and "Al amparo de la Ley de Transparencia" in body
    assert "Explicación en español" not in body


def test_the_spanish_interface_is_spanish(client, seeded):
    response = client.get("/es/records-requests/", {"state": "USA-TX", "subject": "drones"})
    assert response.status_code == 200
    assert "Su nombre" in response.content.decode()


def test_the_state_page_shows_the_law_sources_and_letters(client, seeded):
    response = client.get(reverse("pra:state_detail", args=["USA-NY"]), {"sent": "2026-11-02"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Freedom of Information Law" in body
    assert "Nov. 10, 2026" in body and "Election Day" in body
    assert "written for this state" in body and "general letter" not in body
    assert "Citation: N.Y. Pub. Off. Law § 89(3)(a)." in body
    assert "Verified against the statute on Dec. 1, 2026" in body


def test_a_state_page_shows_appeals_fees_exemptions_and_what_a_requester_must_give(
    client, seeded
):
    body = client.get(reverse("pra:state_detail", args=["USA-TX"])).content.decode()
    assert "Texas Attorney General" in body and "Tex. Gov&#x27;t Code § 552.301" in body
    assert "time limit: 10 days" in body
    assert "District Court" in body and "Tex. Gov&#x27;t Code § 552.321" in body
    assert "a requester who wins in court can recover them" in body
    assert "Not allowed for labor or overhead" in body  # search fees
    assert "The law provides one." in body and "primarily benefits the general public" in body
    assert "You need not say why you want the records." in body
    assert "What the agency may withhold" in body and "§ 552.108" in body


def test_where_sources_disagree_and_nobody_verified_the_page_says_so(client, seeded):
    # Colorado: FOIA Machine 3 business days, HOLE's number 5 while its words say 3 working
    # days. No date is computed and each source's claim is shown.
    body = client.get(reverse("pra:state_detail", args=["USA-CO"])).content.decode()
    assert "Sources disagree" in body and "Verify against the statute" in body
    assert "Answer due by" not in body
    assert "HOLE Foundation transparency laws database (2025):</strong> 5 business days" in body
    assert "FOIA Machine (2014):</strong> 3 business days" in body
    assert "FOIL the Police (2020):</strong> does not say" in body


def test_the_state_page_reads_in_spanish(client, seeded):
    body = client.get("/es/records-requests/states/USA-TX/").content.decode()
    assert "Si la agencia se niega o no responde" in body
    assert "Lo que la agencia puede retener" in body


def test_a_state_with_its_own_letters_says_so(client, seeded):
    body = client.get(reverse("pra:state_detail", args=["or"])).content.decode()
    assert "written for this state" in body and "general letter" not in body


def test_an_unknown_state_page_is_a_404_listing_the_states(client, seeded):
    response = client.get(reverse("pra:state_detail", args=["USA-XX"]))
    assert response.status_code == 404
    assert "USA-WY" in response.content.decode()


def test_a_bad_send_date_on_the_state_page_is_explained(client, seeded):
    response = client.get(reverse("pra:state_detail", args=["USA-NY"]), {"sent": "yesterday"})
    assert response.status_code == 400
    assert "Enter a date as YYYY-MM-DD." in response.content.decode()


def test_a_send_date_near_year_9999_is_a_400_not_an_overflow(client, seeded):
    page = client.get(reverse("pra:state_detail", args=["USA-OR"]), {"sent": "9999-12-20"})
    assert page.status_code == 400 and "Choose a date between 1900 and 2100." in page.content.decode()
    ics = client.get(reverse("pra:deadline_ics"), {"state": "USA-OR", "sent": "9999-12-20"})
    assert ics.status_code == 400 and ics.content.decode() == "Choose a date between 1900 and 2100."


def test_the_calendar_file_downloads(client, seeded):
    response = client.get(reverse("pra:deadline_ics"), {"state": "USA-NY", "sent": "2026-11-02"})
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "DTSTART;VALUE=DATE:20261110" in response.content.decode()


def test_the_calendar_for_an_unknown_state_is_a_400(client, seeded):
    assert client.get(reverse("pra:deadline_ics"), {"state": "nowhere"}).status_code == 400


def test_get_is_not_allowed_on_the_letter_endpoint(client, seeded):
    assert client.get(LETTER).status_code == 405


def test_a_published_report_prefills_the_incident_and_officer(client, seeded):
    officer = OfficerFactory(first_name="Kim", last_name="Lee", department__state="USA-IL")
    report = ReportFactory(
        officer=officer,
        investigation_id="IA-2020-117",
        findings_summary="Use of force at a protest on 30 May 2020.",
    )
    response = client.get(START, {"report": str(report.public_id)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "IA-2020-117" in body
    assert "Use of force at a protest on 30 May 2020." in body
    assert "Illinois" in body
    assert "Records of a specific incident" in body


def test_a_draft_report_prefills_nothing(client, seeded):
    report = ReportFactory(publication_status="draft", findings_summary="Secret draft summary")
    response = client.get(START, {"report": str(report.public_id)})
    assert response.status_code == 200
    assert "Secret draft summary" not in response.content.decode()
