from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # App loading: these modules import models, which cannot be imported before the apps are.
        from django.contrib.auth.signals import user_logged_in

        from core.roles import sync_role_permissions
        from core.signin import staff_session_expiry

        post_migrate.connect(sync_role_permissions, dispatch_uid="core.sync_role_permissions")
        user_logged_in.connect(staff_session_expiry, dispatch_uid="core.staff_session_expiry")
