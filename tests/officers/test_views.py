import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from officers.photos.models import Face, Image
from tests.factories import AssignmentFactory, DepartmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db

PIXEL = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS"
    b"\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def add_face(officer, *, review_state="approved", featured=False, sha="a"):
    image = Image.objects.create(
        file=ContentFile(PIXEL, name="photo.png"),
        sha256=sha * 64,
        department=officer.department,
        review_state=review_state,
    )
    return Face.objects.create(
        image=image, officer=officer, x=0, y=0, width=1, height=1, origin="volunteer",
        crop=ContentFile(PIXEL, name=f"crop-{sha}.png"), is_featured=featured,
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_department_list_counts_published_officers_only(client):
    department = DepartmentFactory(name="Riverton PD")
    OfficerFactory.create_batch(3, department=department)
    OfficerFactory(department=department, publication_status="draft")
    DepartmentFactory(name="Hidden PD", publication_status="draft")

    response = client.get(reverse("officers:department_list"))

    assert "Riverton PD" in response.text and "Hidden PD" not in response.text
    assert response.context["departments"].get().officer_count == 3


def test_department_list_names_each_state_in_the_page_s_language(client):
    DepartmentFactory(name="Salem PD", city="Salem", state="USA-OR")
    DepartmentFactory(name="Nowhere PD", city="Nowhere", state="")

    spanish = client.get("/es/officers/departments/").text
    english = client.get("/en/officers/departments/").text

    assert "Salem, Oregón" in spanish and "Salem, Oregon" in english
    assert "Nowhere, </td>" in english  # no state: nothing after the city, not a code


def test_an_unpublished_department_is_not_found(client):
    department = DepartmentFactory(publication_status="draft")
    assert client.get(reverse("officers:department_detail", args=[department.pk])).status_code == 404
    assert client.get(reverse("officers:department_download", args=[department.pk])).status_code == 404


def test_an_unpublished_officer_or_one_in_an_unpublished_department_is_not_found(client):
    draft = OfficerFactory(publication_status="draft")
    hidden_department = OfficerFactory(department=DepartmentFactory(publication_status="retracted"))
    for officer in (draft, hidden_department):
        assert client.get(reverse("officers:detail", args=[officer.public_id])).status_code == 404


def test_officer_page_shows_assignments_salaries_links_and_actions(client):
    officer = OfficerFactory(first_name="Ngozi", last_name="Okafor")
    AssignmentFactory(officer=officer, badge_number="4521")
    officer.salaries.create(year=2023, salary=90000, overtime_pay=1000)
    officer.links.create(url="https://example.org/x", title="Court record")
    officer.notes.create(text="Staff-only remark")

    response = client.get(reverse("officers:detail", args=[officer.public_id]))

    assert response.status_code == 200
    assert "Ngozi Okafor" in response.text and "4521" in response.text
    assert "$91,000" in response.text and "Court record" in response.text
    assert "Staff-only remark" not in response.text


def test_officer_page_shows_only_faces_of_approved_images_featured_first(client):
    officer = OfficerFactory()
    add_face(officer, sha="a")
    featured = add_face(officer, featured=True, sha="b")
    pending = add_face(officer, review_state="pending", sha="c")

    response = client.get(reverse("officers:detail", args=[officer.public_id]))

    faces = response.context["officer"].public_faces
    assert faces[0] == featured and pending not in faces and len(faces) == 2
    assert pending.crop.url not in response.text


def test_a_merged_officer_redirects_to_the_kept_one(client):
    from officers.merges.services import officer_merge

    kept = OfficerFactory()
    merged = OfficerFactory(department=kept.department)
    officer_merge(kept=kept, merged=merged, actor=None)

    response = client.get(reverse("officers:detail", args=[merged.public_id]))

    assert response.status_code == 301
    assert response["Location"] == reverse("officers:detail", args=[kept.public_id])


def test_search_filters_by_name_fragment_without_accents_or_case(client):
    OfficerFactory(first_name="José", last_name="Núñez")
    OfficerFactory(first_name="Ann", last_name="Lee")

    response = client.get(reverse("officers:search"), {"q": "NUNE"})

    assert [o.last_name for o in response.context["page"].officers] == ["Núñez"]


def test_search_results_show_placeholders_and_approved_crops(client):
    with_photo = OfficerFactory(last_name="Aaa")
    add_face(with_photo)
    OfficerFactory(last_name="Bbb")

    response = client.get(reverse("officers:search"))

    assert with_photo.faces.get().crop.url in response.text
    assert "officer-placeholder.svg" in response.text


def test_search_pages_twenty_at_a_time_and_keeps_the_filters(client):
    department = DepartmentFactory()
    OfficerFactory.create_batch(25, department=department, last_name="Smith")

    first = client.get(reverse("officers:search"), {"department": department.pk, "q": "smith"})
    second = client.get(reverse("officers:search"), {"department": department.pk, "q": "smith", "page": 2})

    assert len(first.context["page"].officers) == 20 and first.context["page"].count == 25
    assert f"department={department.pk}&amp;q=smith&amp;page=2" in first.text
    assert len(second.context["page"].officers) == 5


def test_bad_filter_values_give_messages_not_errors(client):
    response = client.get(
        reverse("officers:search"),
        {"department": "99999999999999999999", "min_age": "abc", "max_age": "10", "page": "x" * 50, "race": "martian"},
    )
    assert response.status_code == 200
    assert response.context["page"] is None
    assert set(response.context["form"].errors) >= {"department", "min_age", "max_age", "race"}


def test_search_is_in_spanish(client):
    response = client.get("/es/officers/")
    assert response.status_code == 200
    assert 'lang="es"' in response.text


def test_department_download_contains_only_published_officers(client):
    import io
    import zipfile

    department = DepartmentFactory()
    OfficerFactory(department=department, last_name="Visible")
    OfficerFactory(department=department, last_name="Draft", publication_status="draft")

    response = client.get(reverse("officers:department_download", args=[department.pk]))

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    officers_csv = archive.read("officers.csv").decode()
    assert "Visible" in officers_csv and "Draft" not in officers_csv
    assert set(archive.namelist()) == {"README.txt", "officers.csv", "assignments.csv", "salaries.csv", "links.csv"}
    assert officers_csv.startswith("id,department_name,department_state,")  # OpenOversight's format


@pytest.mark.parametrize("query", ["page=²", "page=٣", "department=²", "department=①"])
def test_unicode_digits_in_the_search_query_are_not_a_500(client, query):
    OfficerFactory()
    response = client.get(f"/en/officers/?{query}")
    assert response.status_code in (200, 400)


def test_department_download_in_our_own_format_and_a_wrong_format_is_a_bad_request(client):
    import io
    import zipfile

    department = DepartmentFactory()
    OfficerFactory(department=department, last_name="Visible")
    url = reverse("officers:department_download", args=[department.pk])

    response = client.get(url, {"format": "accountable"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.read("officers.csv").decode().startswith("id,department_id,")
    assert "format: accountable" in archive.read("README.txt").decode()
    assert client.get(url, {"format": "excel"}).status_code == 400
