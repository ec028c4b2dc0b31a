"""Two-factor sign-in: staff and reviewers must enrol, then give a code for the admin and their
work pages; volunteers may; a recovery code works once."""

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import Role
from tests.conftest import totp_now

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def sign_in(client, user, path="/en/accounts/login/"):
    response = client.post(path, {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302, response.content
    return response


def enrol(client):
    client.get("/en/accounts/two-factor/setup/")
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post("/en/accounts/two-factor/setup/", {"token": totp_now(device)})
    assert response.status_code == 200
    return device, response


def test_staff_without_a_device_are_sent_to_enrol(client, user_with_role):
    curator = user_with_role(Role.CURATOR, is_staff=True)
    sign_in(client, curator, "/admin/login/")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/two-factor/setup/?next=/admin/")


def test_a_reviewer_without_a_device_is_sent_to_enrol_from_the_review_pages(client, user_with_role):
    sign_in(client, user_with_role(Role.REVIEWER))
    response = client.get("/en/incidents/review/")
    assert response.status_code == 302 and "/accounts/two-factor/setup/" in response["Location"]
    assert client.get("/en/incidents/").status_code == 200  # public pages need no second factor


def test_enrolment_shows_a_qr_code_and_then_recovery_codes_once(client, user_with_role, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code (tested below)
    sign_in(client, user_with_role(Role.REVIEWER))
    page = client.get("/en/accounts/two-factor/setup/")
    assert "<svg" in page.text and "Set up two-factor sign-in" in page.text
    device = TOTPDevice.objects.get()
    wrong = client.post("/en/accounts/two-factor/setup/", {"token": "000000" if totp_now(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "That code is not right" in wrong.text
    device, done = enrol(client)
    codes = list(StaticToken.objects.values_list("token", flat=True))
    assert len(codes) == 10 and all(code in done.text for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/en/incidents/review/").status_code == 200


def test_with_a_device_the_admin_needs_the_current_code(client, user_with_role, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code (tested below)
    admin = user_with_role(Role.ADMIN, is_staff=True)
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    sign_in(client, admin, "/admin/login/")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/en/accounts/two-factor/?next=/admin/")
    wrong = client.post("/en/accounts/two-factor/", {"token": "12345", "next": "/admin/"})
    assert wrong.status_code == 400 and "That code is not right" in wrong.text
    assert client.get("/admin/").status_code == 302
    right = client.post("/en/accounts/two-factor/", {"token": totp_now(device), "next": "/admin/"})
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_after_a_wrong_code_even_the_right_one_waits(client, user_with_role):
    reviewer = user_with_role(Role.REVIEWER)
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    sign_in(client, reviewer)
    client.post("/en/accounts/two-factor/", {"token": "12345"})
    assert client.post("/en/accounts/two-factor/", {"token": totp_now(device)}).status_code == 400
    assert client.get("/en/incidents/review/").status_code == 302


def test_a_recovery_code_works_once(client, user_with_role):
    reviewer = user_with_role(Role.REVIEWER)
    sign_in(client, reviewer)
    enrol(client)
    code = StaticToken.objects.first().token
    client.post("/en/accounts/logout/")

    sign_in(client, reviewer)
    assert client.post("/en/accounts/two-factor/", {"token": code.upper()}).status_code == 302
    assert client.get("/en/incidents/review/").status_code == 200
    client.post("/en/accounts/logout/")

    sign_in(client, reviewer)
    again = client.post("/en/accounts/two-factor/", {"token": code})
    assert again.status_code == 400
    assert client.get("/en/incidents/review/").status_code == 302


def test_the_code_page_never_follows_a_next_to_another_site(client, user_with_role):
    reviewer = user_with_role(Role.REVIEWER)
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    sign_in(client, reviewer)
    response = client.post("/en/accounts/two-factor/", {"token": totp_now(device), "next": "//evil.example.com/x"})
    assert response.status_code == 302 and response["Location"] == "/en/"


def test_volunteers_need_no_second_factor_unless_they_enrolled(client, user_with_role):
    volunteer = user_with_role(Role.VOLUNTEER)
    sign_in(client, volunteer)
    assert client.get("/en/officers/photos/queue/").status_code == 200
    TOTPDevice.objects.create(user=volunteer, name="phone", confirmed=True)
    response = client.get("/en/officers/photos/queue/")
    assert response.status_code == 302 and "/accounts/two-factor/?next=" in response["Location"]


def test_the_second_factor_pages_speak_spanish(client, user_with_role):
    sign_in(client, user_with_role(Role.REVIEWER))
    assert "Configure el inicio de sesión en dos pasos" in client.get("/es/accounts/two-factor/setup/").text


def test_a_staff_session_ends_sooner_than_a_volunteers(client, user_with_role, settings):
    settings.STAFF_SESSION_SECONDS = 3600
    sign_in(client, user_with_role(Role.CURATOR, is_staff=True), "/admin/login/")
    assert 3500 < client.session.get_expiry_age() <= 3600
    client.post("/en/accounts/logout/")
    sign_in(client, user_with_role(Role.VOLUNTEER))
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


@pytest.mark.parametrize("page", ["config", "qrcode"])
@pytest.mark.parametrize("ident", ["0", "99999999999999999999"])
def test_the_device_key_pages_of_a_device_that_does_not_exist_are_not_found(client, user_with_role, page, ident):
    client.force_login(user_with_role(Role.ADMIN, is_staff=True, is_superuser=True))

    response = client.get(f"/admin/otp_totp/totpdevice/{ident}/{page}/")

    assert response.status_code == 404
    assert "Page not found" in response.text
