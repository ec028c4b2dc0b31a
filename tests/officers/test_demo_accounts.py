import io
import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory
from django.core.management import CommandError, call_command

from core.roles import Role, user_has_role
from officers.models import Department
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def run(**kwargs) -> dict[str, str]:
    out = io.StringIO()
    call_command("demo_accounts", stdout=out, **kwargs)
    return dict(re.findall(r"^\s+\w+\s+(demo-\w+)\s+(\S+)", out.getvalue(), re.MULTILINE))


def signing_in():
    """A sign-in request: django-axes counts every attempt by its address, so it needs one."""
    return RequestFactory().post("/en/accounts/login/")


def test_it_creates_one_account_per_role_that_signs_in_with_the_printed_password(settings):
    settings.DEBUG = True
    department = DepartmentFactory(dataset="demo", name="Riverton Police Department")
    passwords = run()

    assert set(passwords) == {f"demo-{role}" for role in Role.values}
    for role in Role.values:
        user = authenticate(signing_in(), username=f"demo-{role}", password=passwords[f"demo-{role}"])
        assert user is not None and user_has_role(user, role)
    curator = get_user_model().objects.get(username="demo-curator")
    assert curator.is_staff and list(curator.curated_departments.all()) == [department]
    assert not get_user_model().objects.get(username="demo-labeller").is_staff
    assert get_user_model().objects.get(username="demo-admin").is_superuser


def test_running_it_again_creates_nothing_and_the_new_passwords_work(settings):
    settings.DEBUG = True
    DepartmentFactory(dataset="demo")
    first = run()
    second = run()
    assert get_user_model().objects.filter(username__startswith="demo-").count() == len(Role.values)
    assert authenticate(signing_in(), username="demo-reviewer", password=second["demo-reviewer"]) is not None
    assert first["demo-reviewer"] != second["demo-reviewer"]
    assert Department.objects.get().curators.count() == 1


def test_it_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=0"):
        run()
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()
