"""The OpenAPI schema and the interactive docs: public, served without any CDN (sidecar).

The docs page starts with a guide rendered on the server (keys, credits, limits, errors, the Bad
Apple endpoints, examples), readable at once and in Spanish (`?lang=es` or Accept-Language),
above the interactive reference, which needs its script and the schema to load.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import APIRootView

from api import conf
from api.models import DEFAULT_WEEKLY_QUOTA
from api.throttling import AnonymousIPThrottle
from api.views.usage import UsageView


class PublicDocsMixin:
    # Read-only pages: OPTIONS asked the HTML renderer for a template it has none for (a 500).
    http_method_names = ["get", "head"]
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousIPThrottle]


class SchemaView(PublicDocsMixin, SpectacularAPIView):
    pass


def credit_costs() -> list[tuple[str, int]]:
    """(path, credits per call) of every partner endpoint, read from the views themselves."""
    # The URL conf imports this view module.
    from api.urls import badapple_patterns, router

    costs = [(f"/api/v1/{prefix}/", viewset.credit_cost) for prefix, viewset, _ in router.registry]
    costs.append(("/api/v1/usage/", UsageView.credit_cost))
    costs += [(f"/{pattern.pattern}", pattern.callback.view_class.credit_cost)
              for pattern in badapple_patterns if hasattr(pattern.callback, "view_class")]
    return costs


class SwaggerView(PublicDocsMixin, SpectacularSwaggerSplitView):
    """Swagger UI's start-up script is a separate request (`?script`), so the
    Content-Security-Policy needs no inline script."""

    template_name = "api/docs.html"

    def dispatch(self, request, *args, **kwargs):
        language = request.GET.get("lang", "")
        if language not in dict(settings.LANGUAGES):
            return super().dispatch(request, *args, **kwargs)
        # Rendered inside the override: the template is rendered after the view returns.
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            response.render()
        response["Content-Language"] = language
        return response

    @extend_schema(exclude=True)  # a page, not an API operation (as drf-spectacular's own get)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if "script" in request.GET:
            return response
        response.data.update(
            LANGUAGE_CODE=translation.get_language(),
            costs=credit_costs(),
            default_quota=DEFAULT_WEEKLY_QUOTA,
            key_rate=conf.get("API_KEY_RATE"),
            anon_rate=conf.get("API_ANON_RATE"),
            root=request.build_absolute_uri("/").rstrip("/"),
            schema_url=request.build_absolute_uri(reverse("api-schema")),
        )
        return response


class RedocView(PublicDocsMixin, SpectacularRedocView):
    pass


class RootView(PublicDocsMixin, APIRootView):
    """The resources of the Accountable API. Send your key in the `API-Key` header."""
