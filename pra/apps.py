from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PraConfig(AppConfig):
    name = "pra"
    verbose_name = _("Public-records requests")
