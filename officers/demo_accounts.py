"""One sign-in per role for trying the site locally (`manage.py demo_accounts`); never in production.
The curator curates the first demo department, which is why it lives with the officers."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from core.roles import Role
from officers.models import Department

# Staff roles use the admin; the others sign in at /<lang>/accounts/login/ only.
STAFF_ROLES = {Role.CURATOR, Role.ADMIN}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    password: str
    curates: str = ""


@transaction.atomic
def demo_accounts_ensure() -> list[DemoAccount]:
    """Create (or find) `demo-<role>` for every role and give each a fresh random password.

    Running it again creates nothing new: it only replaces the passwords, which are printed
    because they are stored hashed. The curator curates the first demo department, if loaded.
    """
    User = get_user_model()
    department = Department.objects.filter(dataset="demo").order_by("name").first()
    accounts = []
    for role in Role:
        user, _created = User.objects.get_or_create(username=f"demo-{role.value}")
        password = secrets.token_urlsafe(9)
        user.set_password(password)
        user.is_staff = role in STAFF_ROLES
        user.is_superuser = role == Role.ADMIN
        user.save()
        user.groups.add(Group.objects.get(name=role.value))
        curates = ""
        if role == Role.CURATOR and department is not None:
            department.curators.add(user)
            curates = department.name
        accounts.append(DemoAccount(user.username, role.value, password, curates))
    return accounts
