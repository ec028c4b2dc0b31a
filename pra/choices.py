"""Choice lists of the records-request app.

Our own codes are readable words; Bad Apple's numeric subject codes live in `pra.badapple`.
Jurisdictions keep the `USA-XX` form (see `core.choices.UsState`) plus Bad Apple's `USA-00`,
the generic letter used where a state has no letter of its own.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import UsState

GENERIC_JURISDICTION = "USA-00"


class Jurisdiction(models.TextChoices):
    """Every state and territory, plus the generic fallback."""

    GENERIC = GENERIC_JURISDICTION, _("Any state (generic letter)")


JURISDICTION_CHOICES = [*UsState.choices, (GENERIC_JURISDICTION, Jurisdiction.GENERIC.label)]


class Subject(models.TextChoices):
    BODY_CAMERAS = "body_cameras", _("Body-worn cameras")
    DRONES = "drones", _("Drones (unmanned aerial vehicles)")
    FACIAL_RECOGNITION = "facial_recognition", _("Facial recognition")
    THERMAL_CAMERAS = "thermal_cameras", _("Thermal imaging cameras (FLIR)")
    LICENSE_PLATE_READERS = "license_plate_readers", _("Licence-plate readers")
    FEDERAL_AGREEMENTS = "federal_agreements", _("Agreements with federal agencies (MOUs)")
    PREDICTIVE_POLICING = "predictive_policing", _("Predictive policing")
    GUNSHOT_DETECTION = "gunshot_detection", _("Gunshot detection (ShotSpotter)")
    SOCIAL_MEDIA_MONITORING = "social_media_monitoring", _("Social-media monitoring")
    CELL_SITE_SIMULATORS = "cell_site_simulators", _(
        "Cell-site simulators (IMSI catchers, Stingray)"
    )
    MISCONDUCT_BY_OFFICER = "misconduct_by_officer", _("Misconduct records of a named officer")
    MISCONDUCT_BY_INCIDENT = "misconduct_by_incident", _("Records of a specific incident")


# Subjects whose letter is about one person or one event: the form asks for them.
OFFICER_SUBJECTS = {Subject.MISCONDUCT_BY_OFFICER}
INCIDENT_SUBJECTS = {Subject.MISCONDUCT_BY_INCIDENT}


class LetterLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")


class DeadlineKind(models.TextChoices):
    BUSINESS_DAYS = "business_days", _("Business days")
    CALENDAR_DAYS = "calendar_days", _("Calendar days")
    REASONABLE_TIME = "reasonable_time", _("No fixed number of days (reasonable time)")
    NOT_STATED = "not_stated", _("Not stated in our sources")


class FactSource(models.TextChoices):
    """Where a fact about a law came from (see data/state_public_records_laws.json `_about`)."""

    FOILTHEPOLICE = "foilthepolice", _("FOIL the Police (2020)")
    FOIAMACHINE = "foiamachine", _("FOIA Machine (2014)")
    HOLE = "hole", _("HOLE Foundation transparency laws database (2025)")
    EDITORS = "editors", _("Accountable editors")
    VERIFIED = "verified", _("Verified against the statute by Accountable editors")
    STAFF = "staff", _("Corrected by staff")
    NONE = "", _("No source")


DATASET_SOURCES = [FactSource.FOILTHEPOLICE, FactSource.FOIAMACHINE, FactSource.HOLE]

SOURCE_HOME_PAGES = {
    FactSource.FOILTHEPOLICE: "https://github.com/foilthepolice/foilthepolice.org",
    FactSource.FOIAMACHINE: "https://github.com/cirlabs/foiamachine",
    FactSource.HOLE: "https://github.com/The-HOLE-Foundation/us-transparency-laws-database",
}


class DeliveryFormat(models.TextChoices):
    ELECTRONIC = "electronic", _("Electronic copies by email or download link")
    PAPER = "paper", _("Paper copies by mail")
    INSPECTION = "inspection", _("Inspection in person first")
