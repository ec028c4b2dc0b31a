"""The leak walk: one record the public must not see of every kind (a draft, a retraction, a
published record under an unpublished parent), each with a name found nowhere else; every public
page in both languages, every API list, detail, filter and CSV, and the Bad Apple endpoints are
requested, and none of those names or ids may appear.

A new public page or API list is one line in `public_pages` or `api_calls`. A new kind of hidden
record is one entry in `hidden` (its name or id goes into `secrets`).
"""

import datetime
import html
import io
import zipfile

import pytest
from django.test import Client
from rest_framework.test import APIClient

from api.services import partner_key_create
from incidents.models import ReviewStatus
from officers.models import CertificationEvent, Department, Description, Note, Officer, OfficerSearch, Rank, Unit
from pra.models import RequestTemplate
from tests.factories import (
    AssignmentFactory,
    CommissionFactory,
    DepartmentFactory,
    FaceFactory,
    FindingFactory,
    ImageFactory,
    IncidentFactory,
    OfficerFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED, RETRACTED = "draft", "published", "retracted"
LANGUAGES = ("en", "es")


class World:
    """What the public may see (`shown`) and what it may not (`secrets`: text and ids)."""

    def __init__(self):
        self.secrets: dict[str, str] = {}
        self.shown: dict[str, object] = {}

    def hide(self, why: str, value) -> None:
        self.secrets[why] = str(value)


@pytest.fixture
def world(settings) -> World:
    settings.API_KEY_RATE = settings.API_ANON_RATE = "100000/m"
    w = World()

    # What may be seen: a published department with a published officer, a report, an incident.
    open_department = DepartmentFactory(name="Openfield Police Department", state="USA-IL", city="Openfield")
    visible = OfficerFactory(department=open_department, first_name="Patricia", last_name="Visible")
    AssignmentFactory(officer=visible, badge_number="4411")
    shown_report = ReportFactory(officer=visible, investigation_id="SHOWN-1")
    w.shown.update(department=open_department, officer=visible, report=shown_report)

    # Officers the public must not see, each with a name of its own.
    draft_officer = OfficerFactory(
        department=open_department, first_name="Zorblax", last_name="Draftington", publication_status=DRAFT,
    )
    AssignmentFactory(officer=draft_officer, badge_number="990011")
    retracted_officer = OfficerFactory(
        department=open_department, first_name="Quennell", last_name="Retractson", publication_status=RETRACTED,
    )
    hidden_department = DepartmentFactory(
        name="Hiddenvale Draftish Police Department", state="USA-IL", city="Hiddenvale", publication_status=DRAFT,
    )
    orphan_officer = OfficerFactory(department=hidden_department, first_name="Wimberly", last_name="Orphanage")
    retracted_department = DepartmentFactory(
        name="Goneburg Withdrawn Sheriff", state="USA-IL", city="Goneburg", publication_status=RETRACTED,
    )
    Rank.objects.create(department=hidden_department, name="Secretrank Commandant")
    Unit.objects.create(department=hidden_department, name="Secretunit Brigade")
    for why, officer in [("draft officer", draft_officer), ("retracted officer", retracted_officer),
                         ("officer of a draft department", orphan_officer)]:
        w.hide(f"{why} name", officer.last_name)
        w.hide(f"{why}_id", officer.public_id)
    w.hide("draft officer badge", "990011")
    w.hide("draft department", "Hiddenvale")
    w.hide("retracted department", "Goneburg")
    w.hide("rank of a draft department", "Secretrank")
    w.hide("unit of a draft department", "Secretunit")

    # Reports: hidden ones, and public ones that name hidden officers (shown without them).
    for why, fields in [
        ("draft report", {"officer": visible, "publication_status": DRAFT}),
        ("retracted report", {"officer": visible, "publication_status": RETRACTED}),
        ("report of a draft department", {"officer": orphan_officer}),
    ]:
        report = ReportFactory(investigation_id=f"LEAK-{why.split()[0].upper()}-{len(w.secrets)}", **fields)
        FindingFactory(report=report, summary=f"Finding of the {why}")
        w.hide(why, report.investigation_id)
        w.hide(f"{why}_id", report.public_id)
    about_hidden = ReportFactory(
        officer=draft_officer, department=open_department, investigation_id="SHOWN-ABOUT-HIDDEN", badge_number="990011",
    )
    naming_hidden = ReportFactory(officer=None, department=open_department, investigation_id="SHOWN-NAMING-HIDDEN")
    naming_hidden.named_officers.set([retracted_officer, orphan_officer, visible])
    w.shown.update(report_about_hidden=about_hidden, report_naming_hidden=naming_hidden)

    # An officer's records: a staff note, certification events that are not public.
    Note.objects.create(officer=visible, text="Secretnote about Patricia")
    Description.objects.create(officer=draft_officer, text="Secretdescription of Zorblax")
    w.hide("staff note", "Secretnote")
    w.hide("description of a draft officer", "Secretdescription")
    CertificationEvent.objects.create(
        officer=visible, state="USA-IL", kind="decertified", reason="Secretcert draft event",
        date=datetime.date(2020, 1, 1), publication_status=DRAFT,
    )
    CertificationEvent.objects.create(
        officer=orphan_officer, state="USA-IL", kind="decertified", reason="Secretcert orphan event",
        date=datetime.date(2020, 1, 1), publication_status=PUBLISHED,
    )
    w.hide("certification events", "Secretcert")

    # Oversight bodies: a draft one, and a published one covering the draft department.
    CommissionFactory(name="Secretcommission Draft Board", state="USA-IL", city="Openfield", publication_status=DRAFT)
    w.shown["commission"] = CommissionFactory(
        name="Openfield Review Board", state="USA-IL", city="Openfield", departments=[open_department, hidden_department],
    )
    w.hide("draft commission", "Secretcommission")

    # Letter templates: a draft one.
    RequestTemplate.objects.update_or_create(
        jurisdiction="USA-IL", subject="body_cameras",
        defaults={"language": "en", "title": "Secrettemplate letter", "body": "Secrettemplate body",
                  "publication_status": DRAFT},
    )
    w.hide("draft letter template", "Secrettemplate")

    # Incidents: a candidate and a rejection; an approved one naming hidden officers and departments.
    for why, status in [("candidate incident", ReviewStatus.CANDIDATE), ("rejected incident", ReviewStatus.REJECTED)]:
        incident = IncidentFactory(title=f"Secretincident {why}", review_status=status)
        w.hide(f"{why}_id", f"/incidents/{incident.pk}/")
    w.hide("unapproved incidents", "Secretincident")
    approved = IncidentFactory(title="Approved incident at Openfield", review_status=ReviewStatus.APPROVED)
    approved.officers.set([visible, draft_officer, orphan_officer, retracted_officer])
    approved.departments.set([open_department, hidden_department, retracted_department])
    w.shown["incident"] = approved

    # Photos: a face on a photo no reviewer approved, and one tagged to a draft officer.
    FaceFactory(image=ImageFactory(department=open_department), officer=visible, crop="faces/secretface-pending.jpg")
    FaceFactory(image=ImageFactory(department=open_department, review_state="approved"), officer=draft_officer,
                crop="faces/secretface-draft-officer.jpg")
    w.hide("face crops", "secretface")
    return w


def public_pages(w: World) -> list[str]:
    """Every public page, in English (the walk repeats each in Spanish). An address naming a
    hidden record may answer 404 (as for an unknown one), never with the record."""
    officer, report, department = w.shown["officer"], w.shown["report"], w.shown["department"]
    hidden_officer_id = w.secrets["draft officer_id"]
    pages = [
        "/", "/about/",
        "/officers/", "/officers/departments/", f"/officers/departments/{department.pk}/",
        f"/officers/{officer.public_id}/",
        # Searches ask for part of a hidden name (the page repeats what was asked).
        "/officers/?q=Draftingt", "/officers/?q=Draftingtn", "/officers/?q=Orphana", "/officers/?badge=99001",
        "/officers/?last_name=Retracts",
        "/reports/", f"/reports/{report.public_id}/",
        f"/reports/{w.shown['report_about_hidden'].public_id}/",
        f"/reports/{w.shown['report_naming_hidden'].public_id}/",
        "/reports/?officer_name=Draftingt", "/reports/?officer_name=Orphana", "/reports/?officer_name=Retracts",
        "/oversight/", f"/oversight/{w.shown['commission'].public_id}/",
        f"/oversight/complaint/?officer={hidden_officer_id}",
        f"/oversight/complaint/?department={department.pk}",
        "/records-requests/", "/records-requests/states/IL/",
        f"/records-requests/?officer={hidden_officer_id}&report={w.shown['report_about_hidden'].public_id}",
        "/incidents/", "/incidents/map.geojson", f"/incidents/{w.shown['incident'].pk}/",
        "/incidents/clusters.json?bbox=-180,-85,180,85&zoom=3",
        "/incidents/clusters.json?bbox=-180,-85,180,85&zoom=18",
        "/officers/photos/submit/",
        # Site search, its typeahead, feeds, methodology, downloads.
        "/search/?q=Draftingt", "/search/?q=Orphana", "/search/?q=Secretcommissio", "/search/?q=Hiddenval",
        "/search/?q=Secretinciden", "/search/suggest/?q=Draftingt", "/search/suggest/?q=Hiddenv",
        "/methodology/", "/feeds/incidents.atom", "/feeds/incidents/il.atom", "/downloads/",
    ]
    return pages


def api_calls(w: World) -> list[tuple[str, dict]]:
    """Every API list, detail, filter and CSV, and the Bad Apple endpoints (path, headers)."""
    officer, department = w.shown["officer"], w.shown["department"]
    hidden = w.secrets["draft officer_id"]
    orphan = w.secrets["officer of a draft department_id"]
    calls = []
    for resource in ("departments", "officers", "certification-events", "incidents", "reports", "commissions",
                     "public-records-laws", "request-templates"):
        calls += [(f"/api/v1/{resource}/", {}), (f"/api/v1/{resource}/?format=csv", {})]
    calls += [
        (f"/api/v1/officers/{officer.public_id}/", {}),
        # Named with hidden officers in an incident and a report: never listed beside them.
        (f"/api/v1/officers/{officer.public_id}/co-accused/", {}),
        (f"/api/v1/departments/{department.pk}/", {}),
        (f"/api/v1/incidents/{w.shown['incident'].pk}/", {}),
        *[(f"/api/v1/reports/{w.shown[name].public_id}/", {})
          for name in ("report", "report_about_hidden", "report_naming_hidden")],
        *[(f"/api/v1/{resource}/?officer={uuid}", {}) for resource in ("reports", "incidents", "certification-events")
          for uuid in (hidden, orphan)],
        ("/api/v1/officers/?name=Draftingt", {}), ("/api/v1/officers/?badge=990011", {}),
        ("/api/v1/officers/?format=csv&name=Orphana", {}),
        ("/API/BA/", {"Last": "Draftingt"}), ("/API/BA/", {"Last": "Orphana"}), ("/API/BA/", {"Last": "Retracts"}),
        ("/API/BA/", {"State": "USA-IL"}), ("/API/BA/", {"City": "Openfield"}), ("/API/BA/", {"City": "Hiddenvale"}),
        *[("/API/BA/", {"Report-ID": w.secrets[f"{why}_id"]})
          for why in ("draft report", "retracted report", "report of a draft department")],
        ("/API/Oversight/", {"State": "USA-IL"}), ("/API/Oversight/", {"State": "USA-IL", "City": "Openfield"}),
        ("/API/PRA/", {"State": "USA-IL", "Subject": "0"}),
    ]
    return calls


def _body(response) -> str:
    """The answer's text, less the address asked for (pages repeat it, e.g. for the language
    switch), so that an id the visitor typed in is not taken for a leak."""
    asked = response.wsgi_request.get_full_path()
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    return content.decode().replace(html.escape(asked), "").replace(asked, "")


def _leaks(w: World, body: str) -> list[str]:
    lowered = body.lower()
    return [why for why, secret in w.secrets.items() if secret.lower() in lowered]


def test_no_public_page_shows_a_record_the_public_may_not_see(world):
    client = Client()
    downloads = ["/officers/download/", f"/officers/departments/{world.shown['department'].pk}/download/",
                 "/officers/download/?format=accountable"]
    failures = []
    for language in LANGUAGES:
        for path in [*public_pages(world), *downloads]:
            url = f"/{language}{path}"
            response = client.get(url)
            if response.status_code not in (200, 404):
                failures.append(f"{url}: status {response.status_code}")
            elif leaked := _leaks(world, _body(response)):
                failures.append(f"{url}: {', '.join(leaked)}")
    assert failures == [], "\n".join(failures)


def test_no_api_answer_shows_a_record_the_public_may_not_see(world):
    _, secret = partner_key_create(organisation="Leak walk", weekly_quota=100_000)
    client = APIClient()
    failures = []
    for path, headers in api_calls(world):
        extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
        response = client.get(path, HTTP_API_KEY=secret, **extra)
        if response.status_code not in (200, 404):
            failures.append(f"{path} {headers}: status {response.status_code}")
        elif leaked := _leaks(world, _body(response)):
            failures.append(f"{path} {headers}: {', '.join(leaked)}")
    assert failures == [], "\n".join(failures)


def test_the_walk_sees_the_public_records_so_an_empty_page_cannot_pass(world):
    client = Client()
    report_page = client.get(f"/en/reports/{world.shown['report_naming_hidden'].public_id}/").content.decode()
    assert "Patricia Visible" in report_page
    about_hidden = client.get(f"/es/reports/{world.shown['report_about_hidden'].public_id}/").content.decode()
    assert "SHOWN-ABOUT-HIDDEN" in about_hidden and "Openfield Police Department" in about_hidden
    incident = client.get(f"/en/incidents/{world.shown['incident'].pk}/").content.decode()
    assert "Patricia Visible" in incident and "Openfield Police Department" in incident
    assert "Patricia Visible" in client.get("/en/officers/?q=Visible").content.decode()


def test_hidden_records_are_not_found_by_their_own_address(world):
    client = Client()
    department = Department.objects.get(city=world.secrets["draft department"])
    for language in LANGUAGES:
        for path in [
            f"/officers/{world.secrets['draft officer_id']}/",
            f"/officers/{world.secrets['officer of a draft department_id']}/",
            f"/officers/departments/{department.pk}/",
            f"/officers/departments/{department.pk}/download/",
            *[f"/reports/{world.secrets[f'{why}_id']}/"
              for why in ("draft report", "retracted report", "report of a draft department")],
            world.secrets["candidate incident_id"],
            world.secrets["rejected incident_id"],
            # Nobody may report an error on what the public cannot see.
            f"/report-an-error/officer/{world.secrets['draft officer_id']}/",
            f"/report-an-error/department/{department.pk}/",
            f"/report-an-error/incident/{world.secrets['candidate incident_id'].split('/')[2]}/",
        ]:
            assert client.get(f"/{language}{path}").status_code == 404, path


def test_the_search_copy_of_the_rule_agrees_with_the_rule(world):
    # OfficerSearch.is_public is the database triggers' copy of Officer's rule, for speed.
    assert set(OfficerSearch.objects.filter(is_public=True).values_list("officer_id", flat=True)) == set(
        Officer.objects.public().values_list("pk", flat=True)
    )


def test_crawlers_and_bulk_downloads_see_no_record_the_public_may_not_see(world):
    """robots.txt, the sitemap and every sitemap file, and each bulk download once built."""
    from discovery import selectors as discovery_selectors
    from downloads.services import downloads_build

    summary = downloads_build()
    assert summary.failed == 0, summary.notes
    client = Client()
    paths = ["/robots.txt", "/sitemap.xml", "/sitemap-pages-1.xml"]
    paths += [f"/sitemap-{section.name}-1.xml" for section in discovery_selectors.sitemap_sections()]
    paths += [f"/en/downloads/{slug}.zip" for slug in (
        "officers-openoversight", "officers", "reports", "oversight-bodies", "records-laws", "incidents",
    )]
    failures = []
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:
            failures.append(f"{path}: status {response.status_code}")
        elif leaked := _leaks(world, _body(response)):
            failures.append(f"{path}: {', '.join(leaked)}")
    assert failures == []


def test_no_page_api_or_export_retypes_the_public_rule():
    """Reads go through `Model.objects.public()` / `public_q`: a module that reads for the public
    and spells out a publication or review status itself is where the next leak comes from."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    readers = [
        path for path in root.glob("*/**/*.py")
        if not path.is_relative_to(root / "tests") and "migrations" not in path.parts
        and re.search(r"(selectors|views|serializers|exporters|badapple|templatetags|charts|feeds|sitemaps)",
                      str(path.relative_to(root)))
    ]
    retyped = re.compile(
        r"publication_status(__in)?\s*=\s*(PublicationStatus\.PUBLISHED|[\"']published)"
        r"|\.published\(\)|review_status\s*=\s*(ReviewStatus\.APPROVED|[\"']approved)|\.approved\(\)"
    )
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in readers
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if retyped.search(line)
    ]
    assert len(readers) > 20
    assert found == [], "use Model.objects.public() or core.models.public_q:\n" + "\n".join(found)
