"""Passwords: Django's validators plus an offline check against leaked and easily guessed ones."""

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _errors(user, password: str) -> list[str]:
    form = SetPasswordForm(user, {"new_password1": password, "new_password2": password})
    return [] if form.is_valid() else list(form.errors["new_password2"])


@pytest.mark.parametrize("password", [
    "password1234",      # a leaked password as it stands
    "Qwertyuiop12",      # a leaked keyboard run, capitalised, with digits
    "iloveyou2020!",     # a leaked phrase with a year and a sign
    "P@ssw0rd1234",      # l33t spelling of a leaked one
])
def test_a_leaked_password_is_refused_saying_so(password):
    errors = _errors(UserFactory(), password)
    assert any("leaks of stolen passwords" in error for error in errors), errors


def test_a_password_of_common_words_and_a_date_is_refused_as_guessable():
    errors = _errors(UserFactory(), "Springfield1999")
    assert any("too easy to guess" in error for error in errors), errors


def test_a_password_built_from_the_users_own_name_is_refused():
    user = UserFactory(username="marisol.quintanilla", first_name="Marisol", last_name="Quintanilla")
    assert _errors(user, "Quintanilla2024") != []


@pytest.mark.parametrize("password", ["correct horse battery staple", "vN7#q2Lp!x9Rz4", "plum tractor violet 87 harbour"])
def test_a_strong_password_is_accepted(password):
    assert _errors(UserFactory(), password) == []


def test_djangos_own_checks_still_apply():
    errors = _errors(UserFactory(), "x7#Lp2")
    assert any("too short" in error for error in errors)


def test_the_check_needs_no_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the password check tried to reach the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert _errors(UserFactory(), "password1234") != []


def test_staff_changing_their_password_in_spanish_read_why_it_was_refused(client, user_with_role):
    admin_user = user_with_role("admin", is_staff=True, password="correct horse battery staple")
    client.force_login(admin_user)
    with translation.override("es"):
        response = client.post(
            reverse("admin:password_change"),
            {"old_password": "correct horse battery staple", "new_password1": "password1234",
             "new_password2": "password1234"},
            HTTP_ACCEPT_LANGUAGE="es",
        )
    assert response.status_code == 200
    assert "filtraciones de contraseñas robadas" in response.content.decode()
