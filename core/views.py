from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.permissions import public


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@public
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


@public
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and docker-compose: is the database reachable?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})
