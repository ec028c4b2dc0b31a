import pytest

from core.models import DataSet

pytestmark = pytest.mark.django_db


def test_the_methodology_page_covers_each_topic_and_every_data_sets_licence(client):
    DataSet.objects.create(
        slug="va_departments",
        title="Virginia law-enforcement agencies",
        publisher="Virginia DCJS",
        source_url="https://www.dcjs.virginia.gov/",
        licence="Public record",
        attribution="Virginia Department of Criminal Justice Services",
        row_count=512,
    )
    html = client.get("/en/methodology/").content.decode()
    for heading in (
        "Which incidents are included",
        "How force ranks are assigned",
        "How precise locations are",
        "How records are verified",
        "Corrections",
        "Data sets and their licences",
    ):
        assert heading in html
    assert "Virginia law-enforcement agencies" in html and "Public record" in html
    assert "Chemical and electric" in html and "confidence under 0.6" in html


def test_the_methodology_page_is_in_spanish_and_linked_from_every_footer(client):
    html = client.get("/es/methodology/").content.decode()
    assert "Cómo se asignan los niveles de fuerza" in html
    assert "Química y eléctrica" in html
    assert 'href="/es/methodology/"' in client.get("/es/").content.decode()
