"""The partner API, included at the site root.

- `/api/v1/`: the REST API. A new resource is one `router.register(...)` line.
- `/API/<Endpoint>/`: Bad Apple-compatible endpoints. A new one is one line in `badapple_patterns`.
"""

from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from api import badapple, exceptions
from api.views.badapple_oversight import OversightBadAppleView
from api.views.badapple_pra import PraBadAppleView
from api.views.badapple_reports import ReportsBadAppleView
from api.views.co_accused import OfficerCoAccusedView
from api.views.commissions import CommissionViewSet
from api.views.departments import DepartmentViewSet
from api.views.docs import RedocView, RootView, SchemaView, SwaggerView
from api.views.incidents import IncidentViewSet
from api.views.officers import CertificationEventViewSet, OfficerViewSet
from api.views.pra import LawViewSet, RequestTemplateViewSet
from api.views.reports import ReportViewSet
from api.views.usage import UsageView


class Router(DefaultRouter):
    APIRootView = RootView


router = Router()
router.register("departments", DepartmentViewSet, basename="api-department")
router.register("officers", OfficerViewSet, basename="api-officer")
router.register("certification-events", CertificationEventViewSet, basename="api-certification-event")
router.register("incidents", IncidentViewSet, basename="api-incident")
router.register("reports", ReportViewSet, basename="api-report")
router.register("commissions", CommissionViewSet, basename="api-commission")
router.register("public-records-laws", LawViewSet, basename="api-law")
router.register("request-templates", RequestTemplateViewSet, basename="api-request-template")

# Bad Apple endpoints: one view module each in api/views/badapple_<name>.py.
badapple_patterns = [
    path("API/PRA/", PraBadAppleView.as_view(), name="badapple-pra"),
    path("API/Oversight/", OversightBadAppleView.as_view(), name="badapple-oversight"),
    path("API/BA/", ReportsBadAppleView.as_view(), name="badapple-reports"),
    # Anything else under /API/ is a 404 in Bad Apple's envelope, before any key is looked at.
    re_path(r"^API/(?P<path>.*)$", badapple.not_found, name="badapple-not-found"),
]

urlpatterns = [
    path("api/v1/usage/", UsageView.as_view(), name="api-usage"),
    path("api/v1/schema/", SchemaView.as_view(), name="api-schema"),
    path("api/v1/docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/redoc/", RedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("api/v1/officers/<uuid:id>/co-accused/", OfficerCoAccusedView.as_view(), name="api-officer-co-accused"),
    path("api/v1/", include(router.urls)),
    *badapple_patterns,
    # Anything else under /api/ is a 404 in the API's error body (not the site's HTML page).
    re_path(r"^api/(?P<path>.*)$", exceptions.not_found, name="api-not-found"),
]
