from base64 import b32encode

import redis
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_ratelimit.decorators import ratelimit

from core import selectors, services
from core.permissions import public, signed_in
from core.signin import SignInForm


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"counts": selectors.site_counts()})


@public
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html", {"data_sets": selectors.data_set_list()})


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
            template_name="registration/login.html", redirect_authenticated_user=True, authentication_form=SignInForm
        )
    )
)
logout = public(auth_views.LogoutView.as_view())


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("core:home")


def _qr_svg(url: str) -> str:
    """The enrolment QR code as inline SVG markup (no image request, nothing sent elsewhere)."""
    import qrcode
    import qrcode.image.svg

    svg = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string(encoding="unicode")
    return svg[svg.index("<svg"):]


@signed_in
@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the code, type one code back, get the recovery codes."""
    if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
        return redirect(f"{reverse('core:two_factor_verify')}?next={reverse('core:two_factor_setup')}")
    device = services.two_factor_device_pending(user=request.user)
    error = ""
    if request.method == "POST":
        codes = services.two_factor_confirm(device=device, token=request.POST.get("token", "").strip())
        services.second_factor_attempt_record(request=request, user=request.user, succeeded=codes is not None)
        if codes is not None:
            otp_login(request, device)
            return render(request, "registration/two_factor_codes.html", {"codes": codes, "next": _next(request)})
        error = _("That code is not right. Type the six digits your app shows now.")
    secret = b32encode(device.bin_key).decode()
    context = {
        "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - markup made by qrcode from our own URL
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "error": error,
        "next": _next(request),
        "enrolled": user_has_device(request.user, confirmed=True),
    }
    return render(request, "registration/two_factor_setup.html", context, status=400 if error else 200)


@signed_in
@never_cache
@ratelimit(key="user", rate="10/m", method="POST", block=True)
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator, or one recovery code."""
    if not user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('core:two_factor_setup')}?next={_next(request)}")
    error = ""
    if request.method == "POST":
        device = services.two_factor_verify(user=request.user, token=request.POST.get("token", ""))
        services.second_factor_attempt_record(request=request, user=request.user, succeeded=device is not None)
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        error = _("That code is not right, or too many codes were tried: wait a minute and try again.")
    context = {"error": error, "next": _next(request)}
    return render(request, "registration/two_factor_verify.html", context, status=400 if error else 200)
