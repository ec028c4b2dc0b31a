"""The one place a `next` parameter is read: only same-site paths are followed."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request: HttpRequest, default: str) -> str:
    """The `next` of the POST (or GET) if it stays on this site, else `default`.

    Django's check rejects `//host`, `/\\host`, other schemes and hosts; the leading "/" keeps
    relative paths like `evil.example.com` (which browsers resolve under the current page) out.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
