from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """An officer's and a department's record across the apps: the summary, timeline and
    co-accused of an officer, a department's counts and charts. It reads officers, reports and
    incidents, so it stands above them; their pages show it through its template tags."""

    name = "records"
    verbose_name = _("Officer and department records")
