"""DRF's view of the partner gate (api/gate.py): who is calling, for `/api/v1/`.

`PartnerAPIMixin.perform_authentication` runs the gate once per call, charging the view's cost;
this class only reads that admission (a view that made none is admitted here at no cost).
"""

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from api import gate, selectors


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


class PartnerKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        admission = getattr(request, "admission", None) or gate.admit(request, cost=0)
        if not admission.problem:
            return PartnerPrincipal(admission.key), admission.key
        if admission.limit.limited:
            raise exceptions.Throttled(wait=admission.limit.retry_after)
        if admission.problem == "missing_key":
            return None
        raise KeyProblem(admission.message, code=admission.problem)

    def authenticate_header(self, request) -> str:
        return gate.AUTH_SCHEME
