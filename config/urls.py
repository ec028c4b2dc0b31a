from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.views import healthz
from discovery.urls import root_urlpatterns as discovery_root

admin.site.site_header = _("Accountable administration")
admin.site.site_title = _("Accountable admin")
admin.site.index_title = _("Curate records")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
    *discovery_root,
]

urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("", include("discovery.urls")),
    path("officers/", include("officers.urls")),
    path("reports/", include("reports.urls")),
    path("oversight/", include("oversight.urls")),
    path("records-requests/", include("pra.urls")),
    path("incidents/", include("incidents.urls")),
    path("downloads/", include("downloads.urls")),
    path("report-an-error/", include("corrections.urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
