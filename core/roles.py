"""Roles are Django groups (created by core's migration 0001). Partners are API keys, not users.

Each app lists the model permissions its roles need in ROLE_PERMISSIONS; they are synced onto
the groups after every `migrate`, so a new app's permissions reach the roles without a hand step.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VOLUNTEER = "volunteer", _("Volunteer")
    LABELLER = "labeller", _("Labeller")
    REVIEWER = "reviewer", _("Reviewer")
    CURATOR = "curator", _("Curator")
    ADMIN = "admin", _("Admin")


# role → ["app_label.codename", ...]; apps append theirs here as they land.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.VOLUNTEER: [],
    Role.LABELLER: [],
    Role.REVIEWER: [],
    Role.CURATOR: [
        # officers: scoped in the admin to the departments listing the curator.
        "officers.view_department", "officers.change_department",
        *(
            f"officers.{action}_{model}"
            for model in ("unit", "rank", "assignment", "salary", "link", "description", "note")
            for action in ("view", "add", "change", "delete")
        ),
        "officers.view_officer", "officers.add_officer", "officers.change_officer",
        "officers.view_officermerge", "officers.change_officermerge",
    ],
    Role.ADMIN: [],
}


def user_has_role(user: AbstractBaseUser, *roles: str) -> bool:
    """Superusers and members of the admin group hold every role."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = set(user.groups.values_list("name", flat=True))
    return Role.ADMIN in names or bool(names.intersection(roles))


def sync_role_permissions(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        if role == Role.ADMIN:
            group.permissions.set(Permission.objects.all())
            continue
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".", 1)
            wanted.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
