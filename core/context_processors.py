from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core.roles import Role, user_has_role

# The public sections, in navigation order: (url name, label, one-line description).
# A section appears once its app serves the URL.
SECTIONS = [
    ("officers:search", _("Find an officer"), _("Search officers by name, badge, unit or rank and browse photo galleries.")),
    ("officers:department_list", _("Departments"), _("Police and sheriff departments and their rosters.")),
    ("reports:search", _("Misconduct reports"), _("Investigative reports and their findings, officer by officer.")),
    ("oversight:directory", _("Oversight bodies"), _("Civilian oversight commissions and how to file a complaint.")),
    ("pra:start", _("Records requests"), _("A ready-to-send public-records request letter for any state.")),
    ("incidents:map", _("Incident map"), _("Police use-of-force incidents reviewed by people, on a map.")),
]


def _sections(path: str) -> list[dict]:
    found = []
    for name, label, description in SECTIONS:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        found.append(
            {
                "name": name,
                "url": url,
                "label": label,
                "description": description,
                "current": path.startswith(url),
            }
        )
    return found


# Work pages for signed-in roles: (url name, label, roles that see it).
WORKSPACES = [
    ("officers:photo_queue", _("Photo queue"), (Role.VOLUNTEER, Role.REVIEWER)),
    ("officers:photo_review", _("Photo review"), (Role.REVIEWER,)),
    ("incidents:label", _("Labelling queue"), (Role.LABELLER,)),
    ("incidents:review", _("Incident review"), (Role.REVIEWER,)),
]


def _workspaces(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    found = []
    for name, label, roles in WORKSPACES:
        if not user_has_role(user, *roles):
            continue
        try:
            found.append({"url": reverse(name), "label": label})
        except NoReverseMatch:
            continue
    return found


def site(request) -> dict:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "sections": _sections(request.path),
        "workspaces": _workspaces(request.user),
    }
