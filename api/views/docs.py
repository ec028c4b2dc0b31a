"""The OpenAPI schema and the interactive docs: public, served without any CDN (sidecar)."""

from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import APIRootView

from api.throttling import AnonymousIPThrottle


class PublicDocsMixin:
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousIPThrottle]


class SchemaView(PublicDocsMixin, SpectacularAPIView):
    pass


class SwaggerView(PublicDocsMixin, SpectacularSwaggerSplitView):
    """Its start-up script is a separate request, so the Content-Security-Policy needs no
    inline script."""


class RedocView(PublicDocsMixin, SpectacularRedocView):
    pass


class RootView(PublicDocsMixin, APIRootView):
    """The resources of the Accountable API. Send your key in the `API-Key` header."""
