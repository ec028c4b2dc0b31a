"""How a record names the officer it belongs to, in admin lists and history pages."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext


def officer_label(record) -> str:
    """`record.officer` as text. A record's history outlives its officer (an assignment is
    deleted with the officer, its history rows stay), and a history page of it then names an
    officer whose row is gone: it says so instead of failing."""
    try:
        return str(record.officer)
    except ObjectDoesNotExist:
        return gettext("deleted officer #%(id)s") % {"id": record.officer_id}
