"""The public downloads page and its files: open to everyone, in both languages, never a 500."""

import io
import zipfile

import pytest
from django.core.management import call_command

from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db


def test_the_page_lists_every_set_before_anything_is_built(client):
    page = client.get("/en/downloads/").content.decode()
    assert "Officers (OpenOversight format)" in page and "Use-of-force incidents" in page
    assert page.count("Not built yet") == 6


def test_the_page_shows_size_date_and_licence_and_the_file_downloads(client):
    OfficerFactory(last_name="Reyes")
    call_command("build_downloads", "--only", "officers", stdout=io.StringIO())
    page = client.get("/es/downloads/").content.decode()
    assert "Descargas masivas" in page and "CC BY 4.0" in page and "Descargar zip" in page
    response = client.get("/en/downloads/officers.zip")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="accountable-officers.zip"'
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "Reyes" in archive.read("officers.csv").decode()


def test_a_set_not_built_or_unknown_is_not_found(client):
    assert client.get("/en/downloads/officers.zip").status_code == 404
    assert client.get("/en/downloads/passwords.zip").status_code == 404


def test_the_footer_and_the_about_page_link_to_the_downloads(client):
    page = client.get("/en/about/").content.decode()
    assert page.count('href="/en/downloads/"') == 2
