import pytest
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import RequestFactory

from core.permissions import role_required
from core.roles import Role, user_has_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_migrations_create_every_role_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_a_labeller_holds_only_that_role():
    labeller = UserFactory(roles=[Role.LABELLER])
    assert user_has_role(labeller, Role.LABELLER)
    assert not user_has_role(labeller, Role.REVIEWER)


def test_admin_group_holds_every_role():
    admin = UserFactory(roles=[Role.ADMIN])
    assert all(user_has_role(admin, role) for role in Role.values)


def test_role_required_sends_anonymous_visitors_to_log_in():
    from django.contrib.auth.models import AnonymousUser

    view = role_required(Role.REVIEWER)(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/en/review/")
    request.user = AnonymousUser()
    response = view(request)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_role_required_refuses_the_wrong_role():
    from django.core.exceptions import PermissionDenied

    view = role_required(Role.REVIEWER)(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/en/review/")
    request.user = UserFactory(roles=[Role.LABELLER])
    with pytest.raises(PermissionDenied):
        view(request)
