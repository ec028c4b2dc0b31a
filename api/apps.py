from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.signals import public_data_written


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Partner API")

    def ready(self) -> None:
        # App loading: these modules read models and settings, ready only now.
        from api import answers, schema  # noqa: F401 - schema registers the OpenAPI security scheme

        answers.watch_writes()
        public_data_written.connect(
            lambda sender, connection, **kwargs: answers.public_data_written(connection),
            dispatch_uid="api.answers.copy_writes", weak=False,
        )
