"""Who is calling: a partner key in `Authorization: Api-Key <key>` or in the `API-Key` header.

Every call without a valid key counts against its IP's limit, and an IP over that limit is
answered 429 before its key is even looked at (so keys cannot be guessed at speed).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from api import selectors, throttling

AUTH_SCHEME = "Api-Key"


class KeyProblem(exceptions.AuthenticationFailed):
    """A key was sent but cannot be used; `code` says why."""


class PartnerPrincipal:
    """`request.user` for a partner call: authenticated, but no site account and no staff rights."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False
    is_superuser = False
    is_active = True

    def __init__(self, key: selectors.KeyInfo):
        self.key = key
        self.pk = None
        self.username = f"partner:{key.organisation}"

    def __str__(self) -> str:
        return self.username


def secret_from_request(request) -> str | None:
    """The key as sent, or None when no key header is present."""
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == AUTH_SCHEME.lower():
        return value.strip()
    if "HTTP_API_KEY" in request.META:
        return request.META["HTTP_API_KEY"].strip()
    return None


def key_problem(secret: str | None) -> tuple[selectors.KeyInfo | None, str, str]:
    """(key, problem code, message); the code is empty when the key is usable."""
    if secret is None or secret == "":
        return None, "missing_key", str(_("No API key was sent: put it in the API-Key header."))
    if not selectors.key_is_well_formed(secret):
        return None, "malformed_key", str(
            _("The API key is malformed: it must be 36 characters, shaped like a UUID.")
        )
    key = selectors.partner_key_for_secret(secret)
    if key is None:
        return None, "unknown_key", str(_("The API key is not valid."))
    if not key.is_usable:
        return key, "inactive_key", str(_("The API key has been revoked, switched off or has expired."))
    return key, "", ""


class PartnerKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        key, problem, message = key_problem(secret_from_request(request))
        if not problem:
            # Only calls without a valid key count; an IP over its limit may still use a good key.
            return PartnerPrincipal(key), key
        limit = throttling.anonymous_limit_reached(request)
        if limit.limited:
            raise exceptions.Throttled(wait=limit.retry_after)
        throttling.anonymous_limit_count(request)
        if problem == "missing_key":
            return None
        raise KeyProblem(message, code=problem)

    def authenticate_header(self, request) -> str:
        return AUTH_SCHEME
