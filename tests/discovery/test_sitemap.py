import xml.etree.ElementTree as ET

import pytest

from tests.factories import CommissionFactory, DepartmentFactory, IncidentFactory, OfficerFactory, ReportFactory

pytestmark = pytest.mark.django_db
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_urls(client) -> dict[str, dict[str, str]]:
    """Every <loc> of every file the index lists, with its hreflang alternates."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and index["Content-Type"].startswith("application/xml")
    found = {}
    for loc in ET.fromstring(index.content).iter(f"{SM}loc"):
        part = client.get(loc.text.removeprefix("http://testserver"))
        assert part.status_code == 200
        for url in ET.fromstring(part.content).iter(f"{SM}url"):
            alternates = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
            found[url.find(f"{SM}loc").text] = alternates
    return found


def test_the_sitemap_lists_every_public_record_in_both_languages_and_nothing_else(client):
    officer = OfficerFactory(last_name="Published")
    draft_officer = OfficerFactory(last_name="Draft", publication_status="draft")
    hidden_department = DepartmentFactory(publication_status="draft")
    officer_of_hidden_department = OfficerFactory(department=hidden_department)
    report = ReportFactory(officer=officer)
    draft_report = ReportFactory(officer=officer, publication_status="draft")
    commission = CommissionFactory()
    retracted_commission = CommissionFactory(publication_status="retracted")
    incident = IncidentFactory(review_status="approved")
    candidate = IncidentFactory(review_status="candidate")

    urls = sitemap_urls(client)

    for path in (
        f"officers/{officer.public_id}/",
        f"officers/departments/{officer.department_id}/",
        f"reports/{report.public_id}/",
        f"oversight/{commission.public_id}/",
        f"incidents/{incident.pk}/",
        "",
        "methodology/",
    ):
        english, spanish = f"http://testserver/en/{path}", f"http://testserver/es/{path}"
        assert english in urls and spanish in urls, path
        assert urls[spanish] == {"en": english, "es": spanish, "x-default": english}
    listed = " ".join(urls)
    for hidden in (
        draft_officer.public_id,
        officer_of_hidden_department.public_id,
        f"departments/{hidden_department.pk}/",
        draft_report.public_id,
        retracted_commission.public_id,
        f"incidents/{candidate.pk}/",
    ):
        assert str(hidden) not in listed
    assert not any("/accounts/" in url or "/review/" in url for url in urls)


def test_records_are_split_across_files_of_at_most_fifty_thousand_urls(client, monkeypatch):
    from discovery import views

    monkeypatch.setattr(views, "SITEMAP_RECORDS_PER_FILE", 2)
    officers = OfficerFactory.create_batch(5)

    index = ET.fromstring(client.get("/sitemap.xml").content)
    files = [loc.text for loc in index.iter(f"{SM}loc") if "officers" in loc.text]

    assert files == [f"http://testserver/sitemap-officers-{n}.xml" for n in (1, 2, 3)]
    third = ET.fromstring(client.get("/sitemap-officers-3.xml").content)
    assert [url.find(f"{SM}loc").text for url in third.iter(f"{SM}url")] == [
        f"http://testserver/en/officers/{officers[4].public_id}/",
        f"http://testserver/es/officers/{officers[4].public_id}/",
    ]
    assert client.get("/sitemap-officers-4.xml").status_code == 404
    assert client.get("/sitemap-nothing-1.xml").status_code == 404


def test_robots_txt_keeps_crawlers_out_of_sign_in_and_work_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /es/accounts/" in lines and "Disallow: /en/incidents/review/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not any(line == "Disallow: /" for line in lines)


def test_pages_name_their_canonical_url_and_their_other_language(client):
    officer = OfficerFactory()
    html = client.get(f"/es/officers/{officer.public_id}/?page=2").content.decode()
    assert f'<link rel="canonical" href="http://testserver/es/officers/{officer.public_id}/">' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver/en/officers/{officer.public_id}/">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver/en/officers/{officer.public_id}/">' in html


def test_officer_report_and_incident_pages_carry_social_cards(client):
    officer = OfficerFactory(first_name="Dana", last_name="Whitfield")
    report = ReportFactory(officer=officer)
    incident = IncidentFactory(review_status="approved", title="Protester struck with a baton")

    officer_page = client.get(f"/en/officers/{officer.public_id}/").content.decode()
    report_page = client.get(f"/es/reports/{report.public_id}/").content.decode()
    incident_page = client.get(f"/en/incidents/{incident.pk}/").content.decode()

    assert '<meta property="og:title" content="Dana Whitfield">' in officer_page
    assert '<meta property="og:type" content="profile">' in officer_page
    assert '<meta property="og:title" content="Informe sobre Dana Whitfield">' in report_page
    assert '<meta property="og:locale" content="es_US">' in report_page
    assert '<meta property="og:title" content="Protester struck with a baton">' in incident_page
    assert f'<meta property="og:url" content="http://testserver/en/incidents/{incident.pk}/">' in incident_page
    assert '<meta name="twitter:card" content="summary">' in incident_page


def test_a_sitemap_page_number_past_any_database_offset_is_not_found(client):
    OfficerFactory()

    response = client.get("/sitemap-officers-99999999999999999999.xml")

    assert response.status_code == 404
    assert "Page not found" in response.text
