"""Staff sign-in policy: who must give a second factor, where it is asked, how long staff stay in.

Accounts that can change or publish records (staff, curators, reviewers, admins) are valuable to
anyone who wants to rewrite the record, so they need a second factor (TOTP or a recovery code)
for the admin and every work page. Volunteers and labellers may enrol; once they have, their
work pages ask for it too. Public pages never do.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django_otp import user_has_device

from core.roles import Role, user_has_role

SECOND_FACTOR_ROLES = (Role.REVIEWER, Role.CURATOR, Role.ADMIN)


def second_factor_required(user) -> bool:
    return bool(user.is_staff or user_has_role(user, *SECOND_FACTOR_ROLES))


def client_address(request: HttpRequest) -> str:
    """The visitor's address, read as django-ratelimit reads it (RATELIMIT_IP_META_KEY behind a
    proxy), so both limits count the same people."""
    key = settings.RATELIMIT_IP_META_KEY
    if key and request.META.get(key):
        return request.META[key].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _guarded(request: HttpRequest, view_func) -> bool:
    """The admin (but its sign-in and sign-out) and every `role_required` page."""
    if getattr(view_func, "permission", "").startswith("roles:"):
        return True
    admin = reverse("admin:index")
    return request.path_info.startswith(admin) and request.path_info not in (
        reverse("admin:login"),
        reverse("admin:logout"),
    )


class _UsernameLengthChecked:
    """Django's sign-in form shows the username's maximum length but never checks it, so a
    10,000-character name reached `authenticate()`, and django-axes' record of the failed attempt
    (a 255-character column) made the database fail: a 500. Here it is a field error, and no
    attempt is made with a name no account can have."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class SignInForm(_UsernameLengthChecked, AuthenticationForm):
    pass


class AdminSignInForm(_UsernameLengthChecked, AdminAuthenticationForm):
    pass


class SecondFactorMiddleware:
    """After django-otp's middleware: send an unverified user to enrol or to give their code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not _guarded(request, view_func):
            return None
        if user_has_device(user, confirmed=True):
            target = "core:two_factor_verify"
        elif second_factor_required(user):
            target = "core:two_factor_setup"
        else:
            return None
        return redirect_to_login(request.get_full_path(), login_url=reverse(target))


def staff_session_expiry(sender, request, user, **kwargs) -> None:
    """`user_logged_in` receiver: a staff session ends STAFF_SESSION_SECONDS after sign-in,
    however active it is (others keep Django's two weeks)."""
    if request is not None and second_factor_required(user):
        request.session.set_expiry(timezone.now() + timedelta(seconds=settings.STAFF_SESSION_SECONDS))
