"""The partner gate: every metered call, on `/api/v1/` and on Bad Apple's `/API/`, passes
through `admit`, in three steps:

1. **authenticate**: the key as sent (`API-Key: <key>` or `Authorization: Api-Key <key>`). A
   missing or malformed key stops here, without a lookup.
2. **meter**: one call to the meter (api/metering.py: Redis in production, the database for the
   newcomer default) finds the key, counts its burst window and takes the call's credits,
   together; with the answer cache on it also brings the answer already made for this query.
3. **answer**: the caller (a DRF view through `PartnerAPIMixin`, or `BadAppleView`) turns the
   `Admission` into its own answer: an error, the cached answer, or a fresh one; `quota_headers`
   puts the week's standing on it.

Every call without a usable key counts against its IP's limit, and an IP over that limit is
answered 429 before its key is even looked at (so keys cannot be guessed at speed); an IP over
it may still call with a good key.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from api import answers, metering, selectors, throttling
from api.services import secret_hash

AUTH_SCHEME = "Api-Key"

MESSAGES = {
    "missing_key": _("No API key was sent: put it in the API-Key header."),
    "malformed_key": _("The API key is malformed: it must be 36 characters, shaped like a UUID."),
    "unknown_key": _("The API key is not valid."),
    "inactive_key": _("The API key has been revoked, switched off or has expired."),
}


@dataclass(frozen=True)
class Admission:
    """The verdict on one call. `problem` is a key problem code (a key of MESSAGES; "" when the
    key is usable); `limit` is the IP's limit when there is a problem, else the key's burst
    limit; `charge` is the key's week after this call (charged only when the call was let
    through and costs credits)."""

    key: selectors.KeyInfo | None
    problem: str = ""
    limit: throttling.Limit = throttling.Limit(False, 0)
    charge: metering.Charge | None = None
    # With the answer cache: the data version the meter saw and the answer cached for this
    # call under it (b"" when none); see api/answers.py.
    data_version: str = ""
    cached_answer: bytes = b""

    @property
    def message(self) -> str:
        return str(MESSAGES[self.problem]) if self.problem else ""


def secret_from_request(request) -> str | None:
    """The key as sent, or None when no key header is present."""
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _space, value = authorization.partition(" ")
    if scheme.lower() == AUTH_SCHEME.lower():
        return value.strip()
    if "HTTP_API_KEY" in request.META:
        return request.META["HTTP_API_KEY"].strip()
    return None


def admit(request, *, cost: int, answer_key: str = "") -> Admission:
    """Authenticate, meter: decide one call that costs `cost` credits (0: read the week without
    charging). `answer_key` names the call's answer in the answer cache (api/answers.py)."""
    secret = secret_from_request(request)
    if not secret:
        return _refused(request, "missing_key")
    if not selectors.key_is_well_formed(secret):
        return _refused(request, "malformed_key")

    verdict = metering.meter().admit(
        digest=secret_hash(secret), cost=cost, answer_key=answer_key if answers.enabled() else "",
    )
    if verdict.outcome == "unknown":
        return _refused(request, "unknown_key")
    if verdict.outcome == "inactive":
        return _refused(request, "inactive_key", verdict.key)
    return Admission(
        verdict.key, limit=throttling.Limit(verdict.outcome == "limited", verdict.retry_after), charge=verdict.charge,
        data_version=verdict.data_version, cached_answer=verdict.cached_answer,
    )


def _refused(request, problem: str, key: selectors.KeyInfo | None = None) -> Admission:
    # Only calls without a usable key count; an IP over its limit may still use a good key.
    limit = throttling.anonymous_limit_reached(request)
    if not limit.limited:
        throttling.anonymous_limit_count(request)
    return Admission(key, problem, limit)


def quota_headers(response, charge: metering.Charge) -> None:
    response["X-Quota-Limit"] = str(charge.quota)
    response["X-Quota-Remaining"] = str(charge.remaining)
    response["X-Quota-Reset"] = charge.resets_at.isoformat().replace("+00:00", "Z")
