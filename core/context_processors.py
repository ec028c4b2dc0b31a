from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

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


def site(request) -> dict:
    return {"SITE_NAME": settings.SITE_NAME, "sections": _sections(request.path)}
