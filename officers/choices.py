"""The officers app's choices, and the usual names departments give their own officer id."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Race(models.TextChoices):
    BLACK = "black", _("Black")
    WHITE = "white", _("White")
    HISPANIC = "hispanic", _("Hispanic or Latino")
    ASIAN = "asian", _("Asian")
    NATIVE_AMERICAN = "native_american", _("Native American")
    PACIFIC_ISLANDER = "pacific_islander", _("Pacific Islander")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


# The usual names departments give their own officer id: shown in the reader's language. Any other
# label a curator types is the department's own wording and is shown as written.
COMMON_INTERNAL_ID_LABELS = {
    "employee number": _("Employee number"),
    "personnel id": _("Personnel id"),
    "personnel number": _("Personnel number"),
    "serial number": _("Serial number"),
    "payroll number": _("Payroll number"),
}


class DepartmentKind(models.TextChoices):
    POLICE = "police", _("Police department")
    SHERIFF = "sheriff", _("Sheriff's office")
    STATE_POLICE = "state_police", _("State police")
    JAIL = "jail", _("Jail, detention or corrections")
    CAMPUS = "campus", _("Campus police")
    ACADEMY = "academy", _("Training academy")
    DISPATCH = "dispatch", _("Emergency communications")
    OTHER = "other", _("Other law-enforcement agency")


class CertificationEventKind(models.TextChoices):
    DECERTIFIED = "decertified", _("Decertified")
    REINSTATED = "reinstated", _("Reinstated")


class LinkType(models.TextChoices):
    LINK = "link", _("Link")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Document")
    OTHER = "other", _("Other")
