"""Bad Apple-compatible endpoints: `GET /API/<Endpoint>/` with filters in HTTP headers.

Answers are Bad Apple's envelope, with the HTTP status equal to `statusCode`:

    {"statusCode": 200, "statusMessage": "Success", "results": [...], "remainingQueries": 455}

`remainingQueries` is present once the key is known (as Bad Apple documents for authenticated
requests). An endpoint is a small subclass of `BadAppleView`:

    class OversightView(BadAppleView):
        filters = (HeaderFilter("State", state_code, required=True), HeaderFilter("City", text))

        def query(self, filters):
            return [commission_as_bad_apple(c) for c in commissions_for(**filters)]

Only the declared filter headers are read and validated (Bad Apple rejected requests whose other
headers, such as a long User-Agent, broke its filter rules). Codes are matched exactly.
"""

import datetime
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.decorators import method_decorator
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from api import answers, gate
from core.choices import UsState, choice_labels
from core.parsing import ascii_int
from core.permissions import public

logger = logging.getLogger(__name__)

SUCCESS = "Success"
MAX_FILTER_LENGTH = 100
MIN_FILTER_LENGTH = 2

# Status per key problem, as Bad Apple's server answers them: no key → 423 with nothing but
# the status code in the body; a key that is not 36 characters → 400; unknown or unapproved → 403.
KEY_PROBLEM_STATUS = {
    "missing_key": 423,
    "malformed_key": 400,
    "unknown_key": 403,
    "inactive_key": 403,
}
# Bad Apple's own words, kept in English in every language: scripts compare them.
QUOTA_EXHAUSTED_STATUS = 429
QUOTA_EXHAUSTED_MESSAGE = "You have reached your weekly query limit."
RATE_LIMITED_STATUS = 429
# Redis (meter, rate limits) unreachable: try again in this many seconds.
UNAVAILABLE_STATUS = 503
UNAVAILABLE_RETRY_AFTER = 30
# Bad Apple's server takes a year strictly between 1800 and 2100 (`1800 < year < 2100`).
FIRST_YEAR, LAST_YEAR = 1801, 2099


# Bad Apple's `country` value for every record it holds.
COUNTRY = "United States of America"


class FilterError(ValueError):
    """A filter header's value is not acceptable; the message goes to the partner."""


# --- Filter validators: each takes the header's text and returns the cleaned value. --------


def text(value: str) -> str:
    """Free text: 2 to 100 printable characters (Bad Apple's documented default rule)."""
    if not MIN_FILTER_LENGTH <= len(value) <= MAX_FILTER_LENGTH:
        raise FilterError(
            _("must be between %(min)d and %(max)d characters long")
            % {"min": MIN_FILTER_LENGTH, "max": MAX_FILTER_LENGTH}
        )
    if not value.isprintable():
        raise FilterError(_("must not contain control characters"))
    return value


def state_code(value: str) -> str:
    """A six-character state code such as USA-CA, matched exactly."""
    code = value.upper()
    if code not in choice_labels(UsState, "en"):
        raise FilterError(_("must be a state code such as USA-CA"))
    return code


def year(value: str) -> int:
    """Four ASCII digits from 1801 to 2099, as Bad Apple's server (`²⁰²¹` and Arabic-Indic digits
    are refused)."""
    number = ascii_int(value, max_digits=4)
    if len(value) != 4 or number is None:
        raise FilterError(_("must be a four-digit year"))
    if not FIRST_YEAR <= number <= LAST_YEAR:
        raise FilterError(_("must be a year between %(first)d and %(last)d") % {"first": FIRST_YEAR, "last": LAST_YEAR})
    return number


def report_uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise FilterError(_("must be a UUID")) from error


def code_in(codes: dict[str, Any]) -> Callable[[str], Any]:
    """An external code (e.g. Bad Apple's policy "1"), matched exactly and mapped to ours."""

    def validate(value: str) -> Any:
        if value not in codes:
            raise FilterError(_("is not a known code"))
        return codes[value]

    return validate


# --- Result helpers: Bad Apple's wording and formats, in English whatever the request language. --


def state_label(code: str) -> str:
    """`USA-OH` → `"Ohio, USA"`, Bad Apple's label; "" for an empty or unknown code."""
    label = choice_labels(UsState, "en").get(code)
    return f"{label}, USA" if label else ""


def english_label(choices: type, value: str) -> str:
    """The English label of a choice value ("" when empty or no longer a choice)."""
    return choice_labels(choices, "en").get(value, "")


def timestamp(value: datetime.datetime | datetime.date | None) -> str:
    """Bad Apple's `str(datetime)` in UTC: `2021-04-15 02:48:12.498451+00:00`.

    A date (we store incident and report dates without a time) becomes midnight UTC, as Bad Apple
    showed its report dates (`2020-12-26 00:00:00+00:00`); no value becomes "".
    """
    if value is None:
        return ""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return str(value.astimezone(datetime.UTC))


@dataclass(frozen=True)
class HeaderFilter:
    header: str
    clean: Callable[[str], Any] = text
    required: bool = False
    name: str = ""

    @property
    def param(self) -> str:
        """The keyword `query()` receives: `Incident-Year` → `incident_year`."""
        return self.name or self.header.lower().replace("-", "_")


def header_value(request: HttpRequest, name: str) -> str | None:
    """A header as the partner typed it. WSGI hands headers over decoded as Latin-1, so a
    UTF-8 name such as "Núñez" arrives garbled; undo that when the bytes are valid UTF-8."""
    value = request.headers.get(name)
    if value is None:
        return None
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def envelope(status: int, message: str, remaining: int | None = None, **headers: str) -> JsonResponse:
    """An answer without results (an error); successes are made by `_success`. A missing key
    gets Bad Apple's bare `{"statusCode": 423}`."""
    if status == KEY_PROBLEM_STATUS["missing_key"]:
        body: dict[str, Any] = {"statusCode": status}
    else:
        body = {"statusCode": status, "statusMessage": message, "results": []}
    if remaining is not None:
        body["remainingQueries"] = remaining
    response = JsonResponse(body, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def unavailable() -> JsonResponse:
    """Redis (the meter and the rate limits) is unreachable: nothing can be metered, so nothing
    is answered; the partner is told when to try again. Called by core's middleware."""
    return envelope(
        UNAVAILABLE_STATUS, _("The service is briefly unavailable: try again in %(seconds)d seconds.")
        % {"seconds": UNAVAILABLE_RETRY_AFTER}, Retry_After=str(UNAVAILABLE_RETRY_AFTER),
    )


def not_allowed() -> JsonResponse:
    """Bad Apple answers GET only: any other method (HEAD and OPTIONS too, so that no call is
    answered, or charged, as a GET in disguise) gets 405."""
    response = envelope(405, _("Only GET requests are accepted."))
    response["Allow"] = "GET"
    return response


def resolve_or_none(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


@public
@csrf_exempt
@never_cache
def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """An unknown path under /API/: 404 in the envelope, before any key is looked at.

    A GET of a known endpoint without its final slash (`/API/BA`) is redirected (301) to it, as
    Bad Apple's server did through Django's APPEND_SLASH; clients such as `requests` and
    `curl -L` follow it with the same headers."""
    if request.method == "GET" and path and not path.endswith("/"):
        match = resolve_or_none(f"{request.path_info}/")
        if match is not None and match.func is not not_found:
            return HttpResponsePermanentRedirect(request.get_full_path().replace(request.path, f"{request.path}/", 1))
    return envelope(
        404, _("Unknown endpoint: the endpoints are /API/PRA/, /API/Oversight/ and /API/BA/ (with the final slash).")
    )


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")
class BadAppleView(View):
    filters: tuple[HeaderFilter, ...] = ()
    # At least this many of the declared filters must be sent.
    min_filters = 0
    credit_cost = 1
    http_method_names = ["get"]
    permission = "public"  # partners only ever receive published records

    def query(self, **filters: Any) -> list[dict]:
        """The results for cleaned filters, as Bad Apple's camelCase dicts."""
        raise NotImplementedError

    def http_method_not_allowed(self, request, *args, **kwargs):
        return not_allowed()

    def get(self, request: HttpRequest) -> HttpResponse:
        answer_key = self._answer_key(request)
        # A query is refused when fewer credits remain than it costs (3 for BA); a refused or
        # failed query still counts, as Bad Apple documents.
        admission = gate.admit(request, cost=self.credit_cost, answer_key=answer_key)
        if admission.problem:
            if admission.limit.limited:
                retry = admission.limit.retry_after
                return envelope(
                    RATE_LIMITED_STATUS, _("Too many requests without a valid API key: wait %(s)d seconds.")
                    % {"s": retry}, Retry_After=str(retry),
                )
            return envelope(KEY_PROBLEM_STATUS[admission.problem], admission.message)

        charge = admission.charge
        if admission.limit.limited:
            retry = admission.limit.retry_after
            response = envelope(
                RATE_LIMITED_STATUS, _("Too many requests: wait %(s)d seconds.") % {"s": retry},
                remaining=charge.remaining, Retry_After=str(retry),
            )
        # As Bad Apple documents, every authenticated query counts, even one with bad filters.
        elif not charge.allowed:
            response = envelope(
                QUOTA_EXHAUSTED_STATUS, QUOTA_EXHAUSTED_MESSAGE,
                remaining=charge.remaining, Retry_After=str(charge.seconds_to_reset()),
            )
        elif admission.cached_answer:
            response = _success(admission.cached_answer, charge.remaining)
        else:
            response = self._answer(request, charge.remaining, admission.data_version, answer_key)
        gate.quota_headers(response, charge)
        return response

    def _answer_key(self, request: HttpRequest) -> str:
        """The answer depends on the endpoint and its filter headers as sent, nothing else (the
        language too, to be safe: results are in English, but that is the result helpers' rule)."""
        sent = ((header_value(request, f.header) or "").strip() for f in self.filters)
        return answers.fingerprint("API", type(self).__name__, translation.get_language() or "", *sent)

    def _answer(self, request: HttpRequest, remaining: int, data_version: str, answer_key: str) -> HttpResponse:
        cleaned: dict[str, Any] = {}
        errors: list[str] = []
        for header_filter in self.filters:
            raw = header_value(request, header_filter.header)
            if raw is None or raw.strip() == "":
                if header_filter.required:
                    errors.append(_("The %(header)s header is required.") % {"header": header_filter.header})
                continue
            try:
                cleaned[header_filter.param] = header_filter.clean(raw.strip())
            except FilterError as error:
                errors.append(
                    _("The %(header)s header %(problem)s.") % {"header": header_filter.header, "problem": error}
                )
        if not errors and len(cleaned) < self.min_filters:
            names = ", ".join(f.header for f in self.filters)
            received = ", ".join(f.header for f in self.filters if f.param in cleaned) or _("none")
            errors.append(
                _("Send at least %(count)d of these headers: %(names)s (received: %(received)s).")
                % {"count": self.min_filters, "names": names, "received": received}
            )
        if errors:
            return envelope(400, " ".join(errors), remaining=remaining)
        results = json.dumps(self.query(**cleaned), cls=DjangoJSONEncoder).encode()
        if data_version:
            answers.remember(version=data_version, key=answer_key, body=results)
        return _success(results, remaining)


def _success(results: bytes, remaining: int) -> HttpResponse:
    """The success envelope around results already in JSON (cached or just made): the same
    bytes `envelope` would give."""
    body = b'{"statusCode": 200, "statusMessage": "%s", "results": %s, "remainingQueries": %d}' % (
        SUCCESS.encode(), results, remaining,
    )
    return HttpResponse(body, content_type="application/json")
