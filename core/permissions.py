"""View-level permission helpers: every view states who may see it."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from core.roles import user_has_role


def public(view):
    """Mark a view as deliberately open to anonymous visitors (it shows published data only)."""
    view.permission = "public"
    return view


def signed_in(view):
    """Any signed-in user, for pages about their own account; others are sent to sign in."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.permission = "signed_in"
    return wrapped


def role_required(*roles: str):
    """Allow only users holding one of `roles`; anonymous visitors are sent to log in."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.permission = f"roles:{','.join(roles)}"
        return wrapped

    return decorator
