from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from django_ratelimit.decorators import ratelimit

from core import selectors
from core.permissions import public


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"counts": selectors.site_counts()})


@public
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html", {"data_sets": selectors.data_set_list()})


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


# Volunteers, labellers and reviewers are not staff: they sign in here, not through the admin.
# Password guessing is limited per address.
login = public(
    ratelimit(key="ip", rate="10/m", method="POST", block=True)(
        auth_views.LoginView.as_view(
            template_name="registration/login.html", redirect_authenticated_user=True
        )
    )
)
logout = public(auth_views.LogoutView.as_view())
