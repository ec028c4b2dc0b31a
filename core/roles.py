"""Roles are Django groups (created by core's migration 0001). Partners are API keys, not users.

Each app lists the model permissions its roles need in ROLE_PERMISSIONS; they are synced onto
the groups after every `migrate`, so a new app's permissions reach the roles without a hand step.
"""

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
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
    Role.VOLUNTEER: ["officers.view_image", "officers.view_face", "officers.add_face", "officers.change_face"],
    # Labelling posts for the force-rank classifier (issue 9).
    Role.LABELLER: ["incidents.add_label", "incidents.view_label", "incidents.view_post"],
    Role.REVIEWER: [
        # Photos and faces: approve submissions, undo sorts and tags (issue 3).
        "officers.view_image", "officers.change_image",
        "officers.view_face", "officers.add_face", "officers.change_face", "officers.delete_face",
        # Labels, adjudication and incident review (issue 9).
        "incidents.view_post", "incidents.view_label", "incidents.add_label",
        "incidents.view_incident", "incidents.change_incident", "incidents.view_incidentdecision",
        "incidents.add_adjudication", "incidents.change_adjudication", "incidents.view_adjudication",
    ],
    Role.CURATOR: [
        # Misconduct reports and oversight commissions (issue 4).
        *[f"reports.{verb}_{model}" for verb in ("add", "change", "view") for model in ("report", "finding")],
        *[f"oversight.{verb}_{model}" for verb in ("add", "change", "view") for model in ("commission", "complaintlink")],
        "core.view_linkstatus",
        # Officers: scoped in the admin to the departments listing the curator (issue 3).
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


# pra: curators keep the public-records laws and request letters up to date.
ROLE_PERMISSIONS[Role.CURATOR] += [
    "pra.view_law",
    "pra.change_law",
    "pra.view_requesttemplate",
    "pra.add_requesttemplate",
    "pra.change_requesttemplate",
]


# Error reports and submitters' contact details: reviewers triage them (issue 20).
ROLE_PERMISSIONS[Role.REVIEWER] += [
    "corrections.view_correction", "corrections.change_correction",
    "core.view_privatecontact", "core.delete_privatecontact",
]
