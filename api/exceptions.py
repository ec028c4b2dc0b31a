"""One error body for the whole REST API:

    {"error": {"status": 404, "code": "not_found", "message": "…", "fields": {…}}}

`fields` appears only for invalid input (one list of messages per parameter).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from core.permissions import public


class QuotaExhausted(exceptions.Throttled):
    default_code = "quota_exhausted"
    default_detail = _("The weekly quota of this API key is spent.")
    extra_detail_singular = extra_detail_plural = ""


def _first_code(codes) -> str:
    while isinstance(codes, dict | list):
        if not codes:
            return "invalid"
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return str(codes)


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        body = {
            "status": response.status_code,
            "code": _first_code(exc.get_codes()),
            "message": str(_("The request has invalid parameters.")),
            "fields": fields,
        }
    else:
        api_exc = exc if isinstance(exc, exceptions.APIException) else None
        code = api_exc.get_codes() if api_exc else "error"
        message = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        if isinstance(exc, QuotaExhausted):
            message = str(QuotaExhausted.default_detail)
        elif isinstance(exc, exceptions.Throttled):
            code = "rate_limited"
            message = str(_("Too many requests: wait %(seconds)d seconds.")) % {"seconds": exc.wait or 1}
        body = {"status": response.status_code, "code": _first_code(code), "message": str(message)}
    response.data = {"error": body}
    if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS and "Retry-After" not in response:
        response["Retry-After"] = "1"
    return response


UNAVAILABLE_RETRY_AFTER = 30


def unavailable() -> JsonResponse:
    """Redis (meter, rate limits) unreachable: the error body with 503 and `Retry-After`
    (called by core's middleware, which sees the outage wherever it is raised)."""
    body = {
        "status": 503,
        "code": "service_unavailable",
        "message": str(_("The service is briefly unavailable: try again in %(seconds)d seconds."))
        % {"seconds": UNAVAILABLE_RETRY_AFTER},
    }
    response = JsonResponse({"error": body}, status=503)
    response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
    return response


@public
@csrf_exempt
@never_cache
def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other path under /api/: 404 in this API's error body, before any key is looked at.

    Paths the router's patterns do not match (`/api/v1/reports/%C2%84/`, `/api/v1/departments/1.5/`)
    got the site's HTML page, though every API error comes as JSON. A GET of a known path without
    its final slash is still redirected (301) to it, as Django's APPEND_SLASH did before."""
    if request.method == "GET" and path and not path.endswith("/"):
        try:
            match = resolve(f"{request.path_info}/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            return HttpResponsePermanentRedirect(request.get_full_path().replace(request.path, f"{request.path}/", 1))
    body = {"status": 404, "code": "not_found", "message": str(exceptions.NotFound.default_detail)}
    return JsonResponse({"error": body}, status=404)
