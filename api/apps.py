from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Partner API")

    def ready(self) -> None:
        from api import answers, schema  # noqa: F401 - schema registers the OpenAPI security scheme

        answers.watch_writes()
