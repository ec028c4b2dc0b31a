"""Who is calling: a partner key in `Authorization: Api-Key <key>` or in the `API-Key` header.

Every call without a valid key counts against its IP's limit, and an IP over that limit is
answered 429 before its key is even looked at (so keys cannot be guessed at speed).

`admit` is the whole gate of a metered call: key, burst limit, weekly credits. With the Redis
meter it is one Redis round trip (the key's facts are cached in Redis beside its counters, so a
revocation, which deletes them, takes effect on the next call in every process); otherwise the
key comes from the cache, the burst count from django-ratelimit and the charge from the database.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from api import answers, metering, selectors, throttling
from api.services import secret_hash

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


def _unknown_message() -> str:
    return str(_("The API key is not valid."))


def _inactive_message() -> str:
    return str(_("The API key has been revoked, switched off or has expired."))


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
        return None, "unknown_key", _unknown_message()
    if not key.is_usable:
        return key, "inactive_key", _inactive_message()
    return key, "", ""


@dataclass(frozen=True)
class Admission:
    """The verdict on one call. `problem` is a key problem code ("" when the key is usable);
    `limit` is the IP's limit when there is a problem, else the key's burst limit; `charge` is
    the week after this call (charged only when the call was let through and costs credits)."""

    key: selectors.KeyInfo | None
    problem: str = ""
    message: str = ""
    limit: throttling.Limit = throttling.Limit(False, 0)
    charge: metering.Charge | None = None
    # With the Redis meter and an answer key: the data version the gate saw and the answer
    # cached for this call under it (b"" when none); see api/answers.py.
    data_version: str = ""
    cached_answer: bytes = b""


def _refused(request, key: selectors.KeyInfo | None, problem: str, message: str) -> Admission:
    # Only calls without a valid key count; an IP over its limit may still use a good key.
    limit = throttling.anonymous_limit_reached(request)
    if not limit.limited:
        throttling.anonymous_limit_count(request)
    return Admission(key, problem, message, limit)


def admit(request, *, cost: int, answer_key: str = "") -> Admission:
    """Decide a partner call: who it is, whether its key may call now, and take `cost` credits
    (0: read the week's standing without charging). `answer_key` names the call's answer in the
    answer cache (api/answers.py), looked up in the same round trip when the cache is on."""
    secret = secret_from_request(request)
    if not secret or not selectors.key_is_well_formed(secret) or metering.meter_backend() != "redis":
        key, problem, message = key_problem(secret)
        if problem:
            return _refused(request, key, problem, message)
        burst = throttling.key_limit_hit(request, key.id)
        if burst.limited or cost == 0:
            standing = metering.peek(meter_id=key.public_id, key_id=key.id, quota=key.weekly_quota)
            return Admission(key, limit=burst, charge=standing)
        charge = metering.charge(meter_id=key.public_id, key_id=key.id, quota=key.weekly_quota, cost=cost)
        return Admission(key, limit=burst, charge=charge)

    digest = secret_hash(secret)
    burst = throttling.key_rate()
    if not answers.enabled():
        answer_key = ""
    gate = metering.admit(digest=digest, cost=cost, burst=burst, answer_key=answer_key)
    if gate.outcome == "miss":
        stored = selectors.partner_key_from_database(digest)
        if stored is None:
            return _refused(request, None, "unknown_key", _unknown_message())
        gate = metering.admit(digest=digest, cost=cost, burst=burst, answer_key=answer_key, facts=(
            stored.id, stored.public_id, stored.organisation, stored.weekly_quota, stored.usable, stored.expires_at,
        ))
    key = selectors.KeyInfo(
        id=gate.key_id, public_id=gate.public_id, organisation=gate.organisation, weekly_quota=gate.quota,
        usable=gate.outcome != "inactive", expires_at=gate.expires_at,
    )
    if gate.outcome == "inactive":
        return _refused(request, key, "inactive_key", _inactive_message())
    limit = throttling.Limit(gate.outcome == "limited", gate.retry_after)
    return Admission(key, limit=limit, charge=gate.charge, data_version=gate.data_version,
                     cached_answer=gate.cached_answer)


class PartnerKeyAuthentication(BaseAuthentication):
    """Reads the admission `PartnerAPIMixin.perform_authentication` made (charging the view's
    cost); a view that made none is admitted here at no cost."""

    def authenticate(self, request):
        admission = getattr(request, "admission", None) or admit(request, cost=0)
        if not admission.problem:
            return PartnerPrincipal(admission.key), admission.key
        if admission.limit.limited:
            raise exceptions.Throttled(wait=admission.limit.retry_after)
        if admission.problem == "missing_key":
            return None
        raise KeyProblem(admission.message, code=admission.problem)

    def authenticate_header(self, request) -> str:
        return AUTH_SCHEME
