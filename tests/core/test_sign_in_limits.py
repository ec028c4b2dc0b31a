"""Password guessing: django-axes locks an account and an address after a few wrong passwords,
on the admin and the public sign-in page alike, until the cool-off or an admin unlocks it."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from core.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def attempt(client, path, username, password, address="198.51.100.20"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("path", ["/admin/login/", "/en/accounts/login/", "/es/accounts/login/"])
def test_forty_wrong_passwords_lock_the_account_even_from_many_addresses(client, user_with_role, path):
    curator = user_with_role(Role.CURATOR, is_staff=True)
    for n in range(40):
        attempt(client, path, curator.username, f"guess {n}", address=f"203.0.113.{n + 1}")
    refused = attempt(client, path, curator.username, PASSWORD, address="192.0.2.99")
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    text = "Inicio de sesión bloqueado" if path.startswith("/es/") else "Sign-in locked"
    assert text in refused.text


def test_one_address_guessing_many_accounts_is_locked(client, user_with_role):
    victim = user_with_role(Role.REVIEWER)
    for n in range(6):
        attempt(client, "/admin/login/", f"nobody{n}", "guess")
    assert attempt(client, "/en/accounts/login/", victim.username, PASSWORD).status_code == 429
    assert attempt(client, "/en/accounts/login/", victim.username, PASSWORD, address="192.0.2.5").status_code == 302


def test_an_admin_unlocks_the_account(client, user_with_role):
    curator = user_with_role(Role.CURATOR, is_staff=True)
    for n in range(40):
        attempt(client, "/admin/login/", curator.username, f"guess {n}", address=f"203.0.113.{n + 1}")
    assert attempt(client, "/admin/login/", curator.username, PASSWORD).status_code == 429

    admin_client = client.__class__()
    admin_client.force_login(user_with_role(Role.ADMIN, is_staff=True, is_superuser=True))
    listing = admin_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and curator.username in listing.text
    ids = [str(pk) for pk in AccessAttempt.objects.filter(username=curator.username).values_list("pk", flat=True)]
    response = admin_client.post(
        "/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert response.status_code == 302

    assert attempt(client, "/admin/login/", curator.username, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(curator.pk)


def test_sign_ins_and_failures_are_recorded_for_admins(client, user_with_role):
    reviewer = user_with_role(Role.REVIEWER)
    attempt(client, "/en/accounts/login/", reviewer.username, "wrong")
    attempt(client, "/en/accounts/login/", reviewer.username, PASSWORD)
    assert AccessFailureLog.objects.filter(username=reviewer.username, ip_address="198.51.100.20").count() == 1
    assert AccessLog.objects.filter(username=reviewer.username, ip_address="198.51.100.20").count() == 1
    admin_client = client.__class__()
    admin_client.force_login(user_with_role(Role.ADMIN, is_staff=True, is_superuser=True))
    assert reviewer.username in admin_client.get("/admin/axes/accesslog/").text
    curator = client.__class__()
    curator.force_login(user_with_role(Role.CURATOR, is_staff=True))
    assert curator.get("/admin/axes/accesslog/").status_code == 403


def test_the_second_step_of_a_staff_sign_in_is_recorded_too(client, user_with_role, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import totp_now

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    curator = user_with_role(Role.CURATOR, is_staff=True)
    device = TOTPDevice.objects.create(user=curator, name="phone", confirmed=True)
    attempt(client, "/admin/login/", curator.username, PASSWORD)
    client.post("/en/accounts/two-factor/", {"token": "12345"}, REMOTE_ADDR="198.51.100.20")
    client.post("/en/accounts/two-factor/", {"token": totp_now(device)}, REMOTE_ADDR="198.51.100.20")

    failures = AccessFailureLog.objects.filter(username=curator.username)
    sign_ins = AccessLog.objects.filter(username=curator.username).order_by("attempt_time")
    assert [(f.path_info, f.ip_address) for f in failures] == [("/en/accounts/two-factor/", "198.51.100.20")]
    assert [log.path_info for log in sign_ins] == ["/admin/login/", "/en/accounts/two-factor/"]


def test_a_lock_out_is_recorded_and_admins_see_it(client, user_with_role, settings):
    settings.AXES_FAILURE_LIMIT = 3
    curator = user_with_role(Role.CURATOR, is_staff=True)
    for _ in range(3):
        attempt(client, "/admin/login/", curator.username, "wrong")

    assert AccessFailureLog.objects.filter(username=curator.username, locked_out=True).count() == 1
    admin_client = client.__class__()
    admin_client.force_login(user_with_role(Role.ADMIN, is_staff=True))
    page = admin_client.get("/admin/axes/accessfailurelog/").text
    assert curator.username in page and "locked out" in page.lower()
    for role in (Role.CURATOR, Role.REVIEWER, Role.VOLUNTEER):
        other = client.__class__()
        other.force_login(user_with_role(role, is_staff=role == Role.CURATOR))
        assert other.get("/admin/axes/accessfailurelog/").status_code in (302, 403)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/admin/login/", "Ensure this value has at most 150 characters (it has 10000)."),
        ("/en/accounts/login/", "Ensure this value has at most 150 characters (it has 10000)."),
        ("/es/accounts/login/", "Asegúrese de que este valor tenga menos de 150 caracteres (tiene 10000)."),
    ],
)
def test_a_username_longer_than_any_account_can_have_is_refused_by_the_form(client, path, message):
    response = attempt(client, path, "A" * 10000, "a password")

    assert response.status_code == 200
    assert message in response.text
    assert "_auth_user_id" not in client.session
    assert not AccessAttempt.objects.exists()
