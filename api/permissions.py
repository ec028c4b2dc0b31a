from rest_framework.permissions import BasePermission


class HasPartnerKey(BasePermission):
    """A valid, usable partner key authenticated this call (see PartnerKeyAuthentication)."""

    def has_permission(self, request, view) -> bool:
        return request.auth is not None
