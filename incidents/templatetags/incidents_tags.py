from django import template

from core.roles import Role, user_has_role
from incidents.selectors import incidents_for_officer

register = template.Library()


@register.simple_tag(takes_context=True)
def is_reviewer(context) -> bool:
    request = context.get("request")
    return bool(request) and user_has_role(request.user, Role.REVIEWER)


@register.simple_tag
def officer_incidents(officer, limit: int = 20) -> list:
    """Approved incidents linked to `officer`, for the officer page's section."""
    if officer is None:
        return []
    return list(incidents_for_officer(officer=officer)[:limit])
