"""The photo pages as people use them: submitting, sorting, tagging, the leaderboard and undo."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.roles import Role
from officers.photos.models import Face, Image
from tests.factories import (
    AssignmentFactory,
    DepartmentFactory,
    FaceFactory,
    ImageFactory,
    OfficerFactory,
    photo_bytes,
)

pytestmark = pytest.mark.django_db
SUBMIT = "/en/officers/photos/submit/"


def post_photos(client, department, *files, **extra):
    data = {"department": department.pk, "photos": list(files), "note": "", "rights": "on", **extra}
    return client.post(SUBMIT, data, REMOTE_ADDR=extra.pop("ip", "203.0.113.9"))


def jpeg(name="photo.jpg", **kwargs):
    return SimpleUploadedFile(name, photo_bytes(**kwargs), content_type="image/jpeg")


def test_the_submit_page_speaks_english_and_spanish(client):
    assert reverse("officers:submit_photos") == SUBMIT
    assert "Submit photos of police officers" in client.get(SUBMIT).text
    spanish = client.get("/es/officers/photos/submit/")
    assert spanish.status_code == 200 and "Envíe fotos" in spanish.text
    assert "JPEG, PNG o WebP; hasta 10 fotos" in spanish.text


def test_the_department_can_be_chosen_by_link(client):
    department = DepartmentFactory()
    response = client.get(f"{SUBMIT}?department={department.pk}")
    assert f'<option value="{department.pk}" selected>' in response.text
    assert client.get(f"{SUBMIT}?department=oops").status_code == 200


def test_anyone_can_submit_and_it_stays_pending(client):
    department = DepartmentFactory()
    response = post_photos(client, department, jpeg("a.jpg", color=(1, 2, 3)), jpeg("b.png", color=(4, 5, 6)))
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert "We received 2 new photos" in thanks.text
    assert Image.objects.filter(department=department, review_state="pending").count() == 2


def test_an_anonymous_resend_of_a_known_photo_is_told_only_received(client):
    department = DepartmentFactory()
    post_photos(client, department, jpeg(color=(7, 7, 7)))
    known = Image.objects.get()
    response = post_photos(client, department, jpeg("again.jpg", color=(7, 7, 7)))
    thanks = client.get(response["Location"])
    assert "We received 1 new photo" in thanks.text
    assert "already in our collection" not in thanks.text and f"#{known.pk}" not in thanks.text
    assert Image.objects.count() == 1


def test_staff_are_told_which_photo_was_already_there(client, user_with_role):
    department = DepartmentFactory()
    post_photos(client, department, jpeg(color=(7, 7, 7)))
    known = Image.objects.get()
    client.force_login(user_with_role(Role.CURATOR, is_staff=True))
    response = post_photos(client, department, jpeg("again.jpg", color=(7, 7, 7)))
    thanks = client.get(response["Location"])
    assert "already in our collection" in thanks.text and f"#{known.pk}" in thanks.text
    assert Image.objects.count() == 1


def test_a_file_that_is_not_a_photo_gets_a_clear_error(client):
    department = DepartmentFactory()
    fake = SimpleUploadedFile("cat.jpg", b"GIF89a not really", content_type="image/jpeg")
    response = post_photos(client, department, fake)
    assert response.status_code == 400
    assert "cat.jpg" in response.text and "not a photo we can read" in response.text
    assert Image.objects.count() == 0


def test_an_unpublished_department_cannot_receive_photos(client):
    draft = DepartmentFactory(publication_status="draft")
    response = post_photos(client, draft, jpeg())
    assert response.status_code == 400
    assert "Choose a department from the list" in response.text


def test_the_rights_box_and_a_photo_are_required(client):
    department = DepartmentFactory()
    response = client.post(SUBMIT, {"department": department.pk})
    assert response.status_code == 400
    assert "Choose at least one photo" in response.text and "confirm you may share" in response.text


def test_too_many_submissions_get_a_429_page(client, settings):
    settings.PHOTO_SUBMIT_RATE = "2/h"
    department = DepartmentFactory()
    for color in ((1, 1, 1), (2, 2, 2)):
        assert post_photos(client, department, jpeg(color=color)).status_code == 302
    response = post_photos(client, department, jpeg(color=(3, 3, 3)))
    assert response.status_code == 429
    assert "Too many uploads" in response.text
    assert Image.objects.count() == 2
    assert client.get(SUBMIT).status_code == 200, "reading the form is never limited"


@pytest.mark.parametrize("name", ["photo_queue", "photo_sort", "photo_tag_next", "photo_leaderboard"])
def test_the_queue_sends_anonymous_visitors_to_log_in(client, name):
    response = client.get(reverse(f"officers:{name}"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["photo_queue", "photo_sort", "photo_review"])
def test_the_queue_refuses_users_without_the_role(client, user_with_role, name):
    client.force_login(user_with_role(Role.LABELLER))
    assert client.get(reverse(f"officers:{name}")).status_code == 403


def test_submitted_photos_are_never_served_to_the_public(client, user_with_role):
    image = ImageFactory()
    url = reverse("officers:photo_file", args=[image.pk])
    assert client.get(url).status_code == 302
    client.force_login(user_with_role(Role.VOLUNTEER))
    assert client.get(url).status_code == 200


def test_a_curator_sees_submitted_photos_of_their_departments_only(client, user_with_role):
    curator = user_with_role(Role.CURATOR, is_staff=True)
    mine = ImageFactory()
    mine.department.curators.add(curator)
    theirs = ImageFactory()
    client.force_login(curator)

    assert client.get(reverse("officers:photo_file", args=[mine.pk])).status_code == 200
    assert client.get(reverse("officers:photo_file", args=[theirs.pk])).status_code == 404


def test_a_volunteer_sorts_a_photo(client, user_with_role):
    volunteer = user_with_role(Role.VOLUNTEER)
    client.force_login(volunteer)
    image = ImageFactory()
    page = client.get(reverse("officers:photo_sort"))
    assert reverse("officers:photo_file", args=[image.pk]) in page.text
    client.post(reverse("officers:photo_sort"), {"image": image.pk, "answer": "yes"})
    image.refresh_from_db()
    assert image.contains_officers is True and image.sorted_by == volunteer
    assert "no photos left to sort" in client.get(reverse("officers:photo_sort")).text


def test_a_skipped_photo_is_not_shown_again_to_that_volunteer(client, user_with_role):
    client.force_login(user_with_role(Role.VOLUNTEER))
    first, second = ImageFactory(), ImageFactory()
    client.get(reverse("officers:photo_sort"))
    client.post(reverse("officers:photo_sort"), {"image": first.pk, "answer": "skip"})
    page = client.get(reverse("officers:photo_sort"))
    assert reverse("officers:photo_file", args=[second.pk]) in page.text
    first.refresh_from_db()
    assert first.contains_officers is None and first.claimed_by is None


def test_a_volunteer_finds_and_links_an_officer_of_the_same_department(client, user_with_role):
    volunteer = user_with_role(Role.VOLUNTEER)
    client.force_login(volunteer)
    face = FaceFactory(image=ImageFactory(contains_officers=True))
    officer = OfficerFactory(department=face.image.department, last_name="Zamora")
    AssignmentFactory(officer=officer, badge_number="4471")
    OfficerFactory(last_name="Zamora")  # same name, other department: never offered
    page = client.get(reverse("officers:photo_tag", args=[face.image.pk]), {"face": face.pk, "q": "4471"})
    assert page.text.count('name="officer"') == 1 and f'value="{officer.pk}"' in page.text
    page = client.get(reverse("officers:photo_tag", args=[face.image.pk]), {"face": face.pk, "q": "zam"})
    assert page.text.count('name="officer"') == 1
    client.post(reverse("officers:photo_face_officer", args=[face.pk]), {"officer": officer.pk})
    face.refresh_from_db()
    assert face.officer == officer and face.confirmed_by == volunteer


def test_the_tagging_search_ignores_accents_and_case_like_the_public_search(client, user_with_role):
    client.force_login(user_with_role(Role.VOLUNTEER))
    face = FaceFactory(image=ImageFactory(contains_officers=True))
    officer = OfficerFactory(department=face.image.department, first_name="José", last_name="Núñez")
    page = client.get(reverse("officers:photo_tag", args=[face.image.pk]), {"face": face.pk, "q": "jose NUNEZ"})
    assert f'value="{officer.pk}"' in page.text


def test_a_face_is_never_linked_across_departments(client, user_with_role):
    client.force_login(user_with_role(Role.VOLUNTEER))
    face = FaceFactory(image=ImageFactory(contains_officers=True))
    stranger = OfficerFactory()
    client.post(reverse("officers:photo_face_officer", args=[face.pk]), {"officer": stranger.pk})
    face.refresh_from_db()
    assert face.officer is None


def test_a_volunteer_draws_a_box_and_finishes_the_photo(client, user_with_role):
    volunteer = user_with_role(Role.VOLUNTEER)
    client.force_login(volunteer)
    image = ImageFactory(contains_officers=True)
    client.post(reverse("officers:photo_face_add", args=[image.pk]), {"x": 5, "y": 6, "width": 30, "height": 30})
    face = image.faces.get()
    assert (face.origin, face.proposed_by, face.width) == ("volunteer", volunteer, 30)
    assert face.crop
    client.post(reverse("officers:photo_face_box", args=[face.pk]), {"x": 0, "y": 0, "width": 500, "height": 20})
    face.refresh_from_db()
    assert (face.x, face.width, face.height) == (0, 64, 20), "the box is kept inside the photo"
    bad = client.post(reverse("officers:photo_face_add", args=[image.pk]), {"x": "a", "y": 1, "width": 1, "height": 1}, follow=True)
    assert "Draw the box around a face" in bad.text
    client.post(reverse("officers:photo_tag_done", args=[image.pk]))
    image.refresh_from_db()
    assert image.tagging_done_by == volunteer


def test_a_photo_someone_else_is_tagging_is_not_handed_out(client, user_with_role):
    other = user_with_role(Role.VOLUNTEER)
    image = ImageFactory(contains_officers=True)
    client.force_login(other)
    client.get(reverse("officers:photo_tag", args=[image.pk]))
    client.force_login(user_with_role(Role.VOLUNTEER))
    response = client.get(reverse("officers:photo_tag_next"))
    assert response.status_code == 200 and "No photo needs tagging" in response.text
    response = client.post(reverse("officers:photo_face_add", args=[image.pk]), {"x": 1, "y": 1, "width": 20, "height": 20})
    assert image.faces.count() == 0


def test_the_leaderboard_counts_sorting_and_tagging(client, user_with_role):
    star = user_with_role(Role.VOLUNTEER, username="star")
    client.force_login(star)
    for _ in range(2):
        image = ImageFactory()
        client.post(reverse("officers:photo_sort"), {"image": image.pk, "answer": "no"})
    page = client.get(reverse("officers:photo_leaderboard"))
    assert "<td>star</td><td>0</td><td>2</td>" in page.text.replace("\n", "")


def test_a_reviewer_undoes_a_tag_then_the_sort(client, user_with_role):
    volunteer = user_with_role(Role.VOLUNTEER)
    image = ImageFactory(contains_officers=True, sorted_by=volunteer)
    officer = OfficerFactory(department=image.department)
    face = FaceFactory(image=image, officer=officer, confirmed_by=volunteer)
    client.force_login(user_with_role(Role.REVIEWER))
    page = client.get(reverse("officers:photo_review"))
    assert officer.full_name in page.text
    refused = client.post(reverse("officers:photo_sort_undo", args=[image.pk]), follow=True)
    assert "undo those tags first" in refused.text
    client.post(reverse("officers:photo_tag_undo", args=[face.pk]))
    client.post(reverse("officers:photo_sort_undo", args=[image.pk]))
    face.refresh_from_db()
    image.refresh_from_db()
    assert face.officer is None and image.contains_officers is None
    assert face.history.first().history_change_reason == "tag undone by reviewer"


def test_volunteers_cannot_undo(client, user_with_role):
    client.force_login(user_with_role(Role.VOLUNTEER))
    face = FaceFactory(officer=OfficerFactory())
    assert client.post(reverse("officers:photo_tag_undo", args=[face.pk])).status_code == 403
    assert Face.objects.get(pk=face.pk).officer is not None


def test_unicode_digits_as_the_submit_department_are_ignored(client):
    department = DepartmentFactory(pk=2)
    response = client.get(f"{SUBMIT}?department=²")
    assert response.status_code == 200
    assert f'<option value="{department.pk}" selected>' not in response.text


def test_unicode_digits_as_the_sorted_image_are_not_a_500(client, user_with_role):
    client.force_login(user_with_role(Role.VOLUNTEER))
    image = ImageFactory()
    response = client.post(reverse("officers:photo_sort"), {"image": "²", "answer": "yes"})
    assert response.status_code < 500
    image.refresh_from_db()
    assert image.contains_officers is None
