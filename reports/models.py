"""Misconduct investigative reports about an officer, and their per-policy findings.

Codes are readable values inside; Bad Apple's numeric codes are mapped in `reports.badapple`.
Labels are Bad Apple's English wording, so a partner comparing the two sites sees the same words.
"""

import uuid

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from core.models import AuditHistory, CuratedQuerySet, PublicQuerySet, SourcedModel, TimeStampedModel, public_q
from officers.models import Department, Officer


# Records loaded by `manage.py load_demo` carry this data set and say so on public pages.
DEMO_DATASET = "demo"


class PolicyCategory(models.TextChoices):
    USE_OF_FORCE = "use_of_force", _("Use of Force")
    HANDCUFFING_AND_RESTRAINTS = "handcuffing_and_restraints", _("Handcuffing and Restraints")
    CONTROL_DEVICES = "control_devices", _("Control Devices and Techniques")
    CONDUCTED_ENERGY_DEVICE = "conducted_energy_device", _("Conducted Energy Device")
    OFFICER_INVOLVED_SHOOTING = "officer_involved_shooting", _("Officer-Involved Shooting")
    FIREARMS_AND_QUALIFICATION = "firearms_and_qualification", _("Firearms and Qualification")
    VEHICLE_PURSUIT = "vehicle_pursuit", _("Response/Vehicle Pursuit")
    EMERGENCY_CALLS = "emergency_calls", _("Response to Emergency Calls")
    CANINE_PROGRAM = "canine_program", _("Canine Program")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Domestic Violence")
    SEARCH_AND_SEIZURE = "search_and_seizure", _("Search and Seizure")
    CUSTODY_OF_JUVENILES = "custody_of_juveniles", _("Temporary Custody of Juveniles")
    ELDER_ABUSE = "elder_abuse", _("Elder Abuse")
    CHILD_ABUSE = "child_abuse", _("Child Abuse")
    MISSING_PERSONS = "missing_persons", _("Missing Person Reporting")
    PUBLIC_ALERTS = "public_alerts", _("Public Alerts")
    VICTIM_AND_WITNESS_ASSISTANCE = "victim_and_witness_assistance", _(
        "Victim and Witness Assistance"
    )
    HATE_CRIMES = "hate_crimes", _("Hate Crimes")
    CONDUCT = "conduct", _("Conduct")
    COMPUTER_USE = "computer_use", _("Department Computer Use")
    REPORT_PREPARATION = "report_preparation", _("Report Preparation")
    NEWS_MEDIA_RELATIONS = "news_media_relations", _("News Media Relations")
    COURT_APPEARANCE = "court_appearance", _("Court Appearance And Subpoenas")
    RESERVE_OFFICERS = "reserve_officers", _("Reserve Officers")
    MUTUAL_AID = "mutual_aid", _("Mutual Aid and Outside Agency Assistance")
    LANGUAGE_ACCESS = "language_access", _("Language Access Services")
    DEATH_INVESTIGATION = "death_investigation", _("Death Investigation")
    IDENTITY_THEFT = "identity_theft", _("Identity Theft")
    PRIVATE_PERSONS_ARRESTS = "private_persons_arrests", _("Private Persons Arrests")
    DAMAGE_TO_PROPERTY = "damage_to_property", _("Damage to Property")
    ARREST_AND_BOOKING = "arrest_and_booking", _("Arrest and Booking Procedures")
    PUBLIC_CAMERAS = "public_cameras", _("Closed Circuit Television/Public Camera System")
    CHILD_SAFETY = "child_safety", _("Child Safety")
    WANTED_PERSONS = "wanted_persons", _("Wanted Persons")
    VOLUNTEER_PROGRAM = "volunteer_program", _("Volunteer Program")
    UNIFORM_REGULATIONS = "uniform_regulations", _("Uniform Regulations")
    PERFORMANCE = "performance", _("Performance")
    RELATIONSHIPS = "relationships", _("Relationships")
    PROCEDURE = "procedure", _("Procedure")


class FindingOutcome(models.TextChoices):
    SUSTAINED = "sustained", _("Sustained")
    NOT_SUSTAINED = "not_sustained", _("Not Sustained")
    EXONERATED = "exonerated", _("Exonerated")
    UNFOUNDED = "unfounded", _("Unfounded")


# What each outcome means, shown beside it so a reader does not mistake "not sustained" for
# "cleared" (the usual definitions in police disciplinary policy).
OUTCOME_DESCRIPTIONS = {
    FindingOutcome.SUSTAINED: _(
        "The investigation found enough evidence that the officer broke the policy."
    ),
    FindingOutcome.NOT_SUSTAINED: _(
        "The investigation could not prove or disprove the allegation."
    ),
    FindingOutcome.EXONERATED: _(
        "The act happened, but the investigation found it lawful and within policy."
    ),
    FindingOutcome.UNFOUNDED: _(
        "The investigation found that the alleged act did not happen or the officer was not involved."
    ),
}


OUTCOME_BADGES = {
    FindingOutcome.SUSTAINED: "danger",
    FindingOutcome.NOT_SUSTAINED: "warn",
    FindingOutcome.EXONERATED: "ok",
    FindingOutcome.UNFOUNDED: "ok",
}


class ReportType(models.TextChoices):
    INTERNAL_AFFAIRS = "internal_affairs", _("Internal Affairs Report")
    OVERSIGHT_COMMISSION = "oversight_commission", _("Oversight Commission Report")


class ReportQuerySet(CuratedQuerySet):
    """Reports: public when published and about a public department. The report's officers are
    a separate matter: a public report naming an unpublished officer is shown without them
    (`with_public_officers`, `Report.public_officer`)."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return super().public_q(prefix) & public_q(Department, f"{prefix}department__")

    def with_public_officers(self) -> "ReportQuerySet":
        """Marks whether each report's officer is public and fetches only its public named
        officers, for `Report.public_officer` and `Report.public_named_officers`."""
        return self.annotate(
            officer_is_public=Exists(Officer.objects.public().filter(pk=OuterRef("officer_id")))
        ).prefetch_related(
            Prefetch(
                "named_officers",
                queryset=Officer.objects.public().order_by("last_name", "first_name", "pk"),
                to_attr="public_named_officer_list",
            )
        )

    def naming_public_officer(self, officer_q: models.Q) -> "ReportQuerySet":
        """Reports whose public officer, or one of whose public named officers, matches
        `officer_q` (a condition on Officer): a search never finds a report through a name the
        public may not see."""
        officers = Officer.objects.public().filter(officer_q).values("pk")
        return self.filter(models.Q(officer__in=officers) | models.Q(named_officers__in=officers)).distinct()


class FindingQuerySet(PublicQuerySet):
    """Findings: public with their report."""

    @classmethod
    def own_public_q(cls, prefix: str = "") -> models.Q:
        return models.Q()

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return cls.own_public_q(prefix) & public_q(Report, f"{prefix}report__")


class Report(SourcedModel):
    """One investigation, with the investigator's findings.

    Usually about one officer (`officer`). A case that names no officer we hold (a closing
    report published without names) is a department-level report: `officer` is empty. An
    oversight body's case that names several officers lists them in `named_officers`.
    """

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    officer = models.ForeignKey(
        "officers.Officer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="misconduct_reports",
        verbose_name=_("officer"),
        help_text=_("Empty for a department-level report."),
    )
    named_officers = models.ManyToManyField(
        "officers.Officer",
        blank=True,
        related_name="named_in_reports",
        verbose_name=_("officers named in the case"),
    )
    department = models.ForeignKey(
        "officers.Department",
        on_delete=models.PROTECT,
        related_name="misconduct_reports",
        verbose_name=_("department"),
        help_text=_("The officer's department at the time of the incident."),
    )
    badge_number = models.CharField(_("badge number at the time"), max_length=50, blank=True)
    report_type = models.CharField(
        _("report type"), max_length=32, choices=ReportType.choices, db_index=True
    )
    investigator = models.CharField(_("investigator"), max_length=200, blank=True)
    investigator_title = models.CharField(
        _("investigator's licence or title"), max_length=200, blank=True
    )
    investigator_employer = models.CharField(_("investigator's employer"), max_length=255, blank=True)
    investigation_id = models.CharField(
        _("investigation id"), max_length=100, blank=True, db_index=True,
        help_text=_("The case number the investigating body gave the investigation."),
    )
    incident_date = models.DateField(_("incident date"), null=True, blank=True, db_index=True)
    report_date = models.DateField(_("report date"), null=True, blank=True)
    outcome = models.CharField(
        _("case outcome"), max_length=20, choices=FindingOutcome.choices, blank=True, db_index=True,
        help_text=_("The outcome of the whole case, where the source gives one and no findings."),
    )
    outcome_as_stated = models.CharField(
        _("outcome in the source's words"), max_length=200, blank=True
    )
    findings_summary = models.TextField(_("summary of findings"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    report_url = models.URLField(_("full report URL"), max_length=1000, blank=True)
    archived_report_url = models.URLField(_("archived copy URL"), max_length=1000, blank=True)
    records_request_url = models.URLField(
        _("related public-records request URL"), max_length=1000, blank=True
    )

    # The external links the link checker visits (see core.links).
    link_fields = ("report_url", "archived_report_url", "records_request_url", "source_url")

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-incident_date", "-report_date", "-created_at"]
        verbose_name = _("misconduct report")
        verbose_name_plural = _("misconduct reports")

    @property
    def is_demo(self) -> bool:
        return self.dataset == DEMO_DATASET

    @property
    def is_department_level(self) -> bool:
        return self.officer_id is None

    @property
    def subject(self) -> str:
        """Who the report is about, as a heading: the officer, or the department."""
        return self.officer.full_name if self.officer_id else self.department.name

    @property
    def public_officer(self):
        """The report's officer if the public may see them, else None (the report is then shown
        as naming no officer). One query unless fetched `with_public_officers()`."""
        if self.officer_id is None:
            return None
        visible = getattr(self, "officer_is_public", None)
        if visible is None:
            visible = Officer.objects.public().filter(pk=self.officer_id).exists()
        return self.officer if visible else None

    @property
    def public_named_officers(self) -> list:
        """The officers named in the case whom the public may see."""
        fetched = getattr(self, "public_named_officer_list", None)
        if fetched is not None:
            return fetched
        return list(self.named_officers.public().order_by("last_name", "first_name", "pk"))

    @property
    def public_badge_number(self) -> str:
        """The badge number at the time, unless it would point at an officer kept from the public."""
        return self.badge_number if self.officer_id is None or self.public_officer else ""

    @property
    def public_subject(self) -> str:
        """The heading public pages give the report: its public officer, or the department."""
        officer = self.public_officer
        return officer.full_name if officer else self.department.name

    @property
    def outcome_badge(self) -> str:
        return OUTCOME_BADGES.get(self.outcome, "")

    def __str__(self) -> str:
        label = self.investigation_id or self.get_report_type_display()
        return f"{label} · {self.subject}"


class Finding(TimeStampedModel):
    """The investigator's conclusion on one allegation: which policy, what rule, what outcome."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="findings", verbose_name=_("report")
    )
    policy_category = models.CharField(
        _("policy category"), max_length=40, choices=PolicyCategory.choices, db_index=True
    )
    summary = models.TextField(_("summary of the finding"), blank=True)
    basis = models.TextField(
        _("basis"), blank=True, help_text=_("The rule or policy section the finding cites.")
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=FindingOutcome.choices, db_index=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = AuditHistory()

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["report", "position", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.get_policy_category_display()}: {self.get_outcome_display()}"

    @property
    def outcome_description(self) -> str:
        return OUTCOME_DESCRIPTIONS.get(self.outcome, "")

    @property
    def outcome_badge(self) -> str:
        """The site.css badge class for this outcome."""
        return OUTCOME_BADGES.get(self.outcome, "")
