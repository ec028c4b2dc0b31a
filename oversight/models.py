"""Civilian oversight bodies, where and how to complain to them, and the health of their links."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import UsState, state_name
from core.models import AuditHistory, PublicQuerySet, SourcedModel, TimeStampedModel, public_q


# Records loaded by `manage.py load_demo` carry this data set and say so on public pages.
DEMO_DATASET = "demo"


class CommissionType(models.TextChoices):
    POLICE_REVIEW_BOARD = "police_review_board", _("Police Review Boards and Commissions")
    SHERIFF_REVIEW_BOARD = "sheriff_review_board", _("Sheriff Review Boards and Commissions")


class OversightRole(models.TextChoices):
    """What an oversight body does (the University of Chicago Law School's classification)."""

    INVESTIGATIVE = "investigative", _("Investigates complaints")
    REVIEW = "review", _("Reviews investigations")
    AUDIT = "audit", _("Audits the department")
    ADJUDICATIVE = "adjudicative", _("Decides cases")
    SUPERVISORY = "supervisory", _("Supervises the department")
    ADVISORY = "advisory", _("Advises on policy")
    APPEALS = "appeals", _("Hears appeals")


class ComplaintFormType(models.TextChoices):
    ONLINE = "online", _("Complaint Form")
    MENU = "menu", _("Complaint Form Menu")
    PRINTABLE = "printable", _("Printable Complaint Form")
    ONLINE_SPANISH = "online_spanish", _("Complaint Form in Spanish")
    PRINTABLE_SPANISH = "printable_spanish", _("Printable Complaint Form in Spanish")


class Commission(SourcedModel):
    """A civilian oversight body: who it watches, how to reach it, how to file a complaint."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=255)
    commission_type = models.CharField(
        _("type"), max_length=32, choices=CommissionType.choices, db_index=True
    )
    primary_role = models.CharField(
        _("primary role"), max_length=16, choices=OversightRole.choices, blank=True
    )
    roles = models.JSONField(
        _("roles"), default=list, blank=True,
        help_text=_("Everything the body does, as a list of roles."),
    )
    established_year = models.PositiveSmallIntegerField(_("year established"), null=True, blank=True)
    amended_year = models.PositiveSmallIntegerField(_("year last amended"), null=True, blank=True)
    website = models.URLField(_("website"), max_length=1000, blank=True)
    state = models.CharField(_("state"), max_length=6, choices=UsState.choices, db_index=True)
    city = models.CharField(_("city or town"), max_length=120, blank=True, db_index=True)
    postal_code = models.CharField(_("postal code"), max_length=15, blank=True)
    address = models.TextField(_("street address"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    tdd = models.CharField(_("TDD / TTY"), max_length=40, blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    contact_form_url = models.URLField(_("contact form URL"), max_length=1000, blank=True)
    press_contacts = models.TextField(
        _("press contacts"), blank=True, help_text=_("Names, emails or phone numbers for the press.")
    )
    about = models.TextField(_("about"), blank=True)
    complaint_instructions = models.TextField(
        _("how to file a complaint"),
        blank=True,
        help_text=_("Plain steps in the commission's own terms: deadlines, where, what to bring."),
    )
    members_url = models.URLField(_("members page URL"), max_length=1000, blank=True)
    faq_url = models.URLField(_("FAQ page URL"), max_length=1000, blank=True)
    departments = models.ManyToManyField(
        "officers.Department",
        blank=True,
        related_name="oversight_commissions",
        verbose_name=_("departments it covers"),
    )

    link_fields = ("website", "contact_form_url", "members_url", "faq_url", "source_url")

    class Meta:
        ordering = ["state", "city", "name"]
        verbose_name = _("oversight commission")
        verbose_name_plural = _("oversight commissions")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "state", "city"], name="commission_unique_name_place"
            )
        ]

    @property
    def is_demo(self) -> bool:
        return self.dataset == DEMO_DATASET

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        unknown = [role for role in self.roles or [] if role not in OversightRole.values]
        if unknown:
            raise ValidationError({"roles": _("Unknown role(s): %(roles)s") % {"roles": ", ".join(map(str, unknown))}})

    @property
    def role_labels(self) -> list[str]:
        labels = dict(OversightRole.choices)
        return [labels[role] for role in self.roles if role in labels]

    @property
    def needs_contact_details(self) -> bool:
        """No way to reach the body is on file (the source data sets often carry none)."""
        return not any((self.website, self.email, self.phone, self.address, self.contact_form_url))

    @property
    def place(self) -> str:
        state = state_name(self.state)
        return f"{self.city}, {state}" if self.city else state


class ComplaintLinkKind(models.TextChoices):
    FORM = "form", _("Complaint form")
    INFORMATION = "information", _("Complaint information")


class ComplaintLinkQuerySet(PublicQuerySet):
    """A complaint link is public with its oversight body."""

    @classmethod
    def own_public_q(cls, prefix: str = "") -> models.Q:
        return models.Q()

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return cls.own_public_q(prefix) & public_q(Commission, f"{prefix}commission__")


class ComplaintLink(TimeStampedModel):
    """A complaint form (online, printable, in Spanish…) or a page explaining the process."""

    commission = models.ForeignKey(
        Commission,
        on_delete=models.CASCADE,
        related_name="complaint_links",
        verbose_name=_("commission"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=ComplaintLinkKind.choices, default=ComplaintLinkKind.FORM
    )
    form_type = models.CharField(
        _("form type"),
        max_length=24,
        choices=ComplaintFormType.choices,
        blank=True,
        help_text=_("For complaint forms only."),
    )
    url = models.URLField(_("URL"), max_length=1000)
    title = models.CharField(_("title"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = AuditHistory()

    link_fields = ("url",)

    objects = ComplaintLinkQuerySet.as_manager()

    class Meta:
        ordering = ["commission", "kind", "position", "pk"]
        verbose_name = _("complaint link")
        verbose_name_plural = _("complaint links")

    def __str__(self) -> str:
        return self.title or self.label

    @property
    def label(self) -> str:
        if self.kind == ComplaintLinkKind.FORM and self.form_type:
            return str(self.get_form_type_display())
        return str(self.get_kind_display())

    @property
    def is_spanish(self) -> bool:
        return self.form_type in (ComplaintFormType.ONLINE_SPANISH, ComplaintFormType.PRINTABLE_SPANISH)
