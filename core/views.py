import redis
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from django_ratelimit.decorators import ratelimit

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
    """For the proxy, load balancers and compose: can this process reach what it needs? The
    database always; Redis (cache and Celery broker) when the site is configured with it. A
    503 names the dependency that failed, so an operator knows where to look."""
    checks = {"database": _database_reachable()}
    if settings.REDIS_URL:
        checks["redis"] = _redis_reachable(settings.REDIS_URL)
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "error"}
    body.update({name: "ok" if ok else "unreachable" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


def _database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return False
    return True


def _redis_reachable(url: str) -> bool:
    # Its own short-timeout client: the cache's client would wait for the default socket
    # timeout, longer than a health probe waits.
    try:
        with redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2) as client:
            return bool(client.ping())
    except redis.RedisError:
        return False


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
