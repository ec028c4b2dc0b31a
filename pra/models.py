"""Public-records laws per jurisdiction and request-letter templates per jurisdiction × subject."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import UsState

from core.models import AuditHistory, CuratedModel, PublicQuerySet, TimeStampedModel, public_q
from pra.choices import (
    JURISDICTION_CHOICES,
    DeadlineKind,
    FactSource,
    LetterLanguage,
    Subject,
)
from pra.verification import claims_for, law_needs_checking


def _source_field(fact: str) -> models.CharField:
    return models.CharField(
        _("source of the %(fact)s") % {"fact": fact},
        max_length=20,
        choices=FactSource.choices,
        blank=True,
        help_text=_(
            "Choose a data set to take this fact from it; editing the fact by hand marks it "
            "'corrected by staff'."
        ),
    )


class Law(CuratedModel):
    """A jurisdiction's public-records law, fact by fact, each with the source it came from.

    `source_data` keeps the three data sets' raw entries side by side so staff can switch the
    source of a fact in the admin without re-importing.
    """

    jurisdiction = models.CharField(
        _("state or territory"), max_length=6, choices=UsState.choices, unique=True
    )
    name = models.CharField(_("name of the law"), max_length=255, blank=True)
    name_source = _source_field(_("name"))
    statute_citation = models.CharField(_("statute citation"), max_length=255, blank=True)
    statute_citation_source = _source_field(_("citation"))
    statute_url = models.URLField(_("statute URL"), max_length=1000, blank=True)
    statute_url_source = _source_field(_("statute URL"))
    deadline_kind = models.CharField(
        _("response deadline"),
        max_length=20,
        choices=DeadlineKind.choices,
        default=DeadlineKind.NOT_STATED,
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("days to respond"), null=True, blank=True
    )
    deadline_wording = models.TextField(
        _("deadline in the law's words"),
        blank=True,
        help_text=_("Shown instead of a date when the law sets no fixed number of days."),
    )
    deadline_source = _source_field(_("deadline"))
    deadline_citation = models.CharField(
        _("deadline citation"),
        max_length=255,
        blank=True,
        help_text=_("The section that sets the deadline, e.g. T.C.A. § 10-7-503(a)(2)(B)."),
    )
    deadline_verified_on = models.DateField(
        _("deadline last verified against the statute"), null=True, blank=True
    )
    deadline_verification_note = models.TextField(
        _("how the deadline was verified"),
        blank=True,
        help_text=_("What was read (statute text, where) and anything left unconfirmed."),
    )
    # Appeal route: what to do when the agency refuses or stays silent (one source for all).
    appeal_first_level = models.TextField(_("first step of appeal"), blank=True)
    appeal_first_level_citation = models.CharField(
        _("citation of the first step"), max_length=255, blank=True
    )
    appeal_first_level_deadline_days = models.PositiveSmallIntegerField(
        _("days to take the first step"), null=True, blank=True
    )
    appeal_second_level = models.TextField(_("second step of appeal"), blank=True)
    appeal_second_level_citation = models.CharField(
        _("citation of the second step"), max_length=255, blank=True
    )
    attorney_fees_recoverable = models.BooleanField(
        _("attorney fees recoverable"), null=True, blank=True
    )
    attorney_fees_citation = models.CharField(
        _("citation for attorney fees"), max_length=255, blank=True
    )
    attorney_fees_notes = models.TextField(_("attorney fees"), blank=True)
    appeal_route = models.TextField(_("notes on the appeal route"), blank=True)
    appeal_route_source = _source_field(_("appeal route"))
    # Fees and waivers (one source for all).
    copy_fee = models.TextField(_("copy fees"), blank=True)
    copy_fee_citation = models.CharField(_("citation for copy fees"), max_length=255, blank=True)
    search_fee = models.TextField(_("search and staff-time fees"), blank=True)
    search_fee_citation = models.CharField(
        _("citation for search fees"), max_length=255, blank=True
    )
    fee_waiver_available = models.BooleanField(_("fee waiver in the law"), null=True, blank=True)
    fee_waiver_notes = models.TextField(_("fee waiver"), blank=True)
    fee_waiver_citation = models.CharField(
        _("citation for the fee waiver"), max_length=255, blank=True
    )
    fee_notes = models.TextField(_("notes on fees"), blank=True)
    fee_notes_source = _source_field(_("fee notes"))
    # What the law asks of a requester (None: the source does not say).
    requester_identification_required = models.BooleanField(
        _("requester must identify themselves"), null=True, blank=True
    )
    requester_purpose_required = models.BooleanField(
        _("requester must state a purpose"), null=True, blank=True
    )
    requester_residency_required = models.BooleanField(
        _("only residents may request"), null=True, blank=True
    )
    requester_notes = models.TextField(_("how to make a request"), blank=True)
    requester_requirements_source = _source_field(_("requester requirements"))
    guide_links = models.JSONField(
        _("guides"), default=list, blank=True, help_text=_("[{\"label\": ..., \"url\": ...}]")
    )
    source_data = models.JSONField(
        _("raw source entries"), default=dict, blank=True, editable=False
    )
    staff_notes = models.TextField(_("staff notes"), blank=True)

    class Meta:
        ordering = ["jurisdiction"]
        verbose_name = _("public-records law")
        verbose_name_plural = _("public-records laws")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(deadline_kind__in=["business_days", "calendar_days"])
                | models.Q(deadline_days__isnull=False, deadline_days__gt=0),
                name="law_day_deadline_has_days",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jurisdiction_display()}: {self.name or _('law not on file')}"

    def clean(self) -> None:
        if self.has_fixed_deadline and not self.deadline_days:
            raise ValidationError(
                {"deadline_days": _("Give the number of days, or choose another kind of deadline.")}
            )
        if not self.has_fixed_deadline:
            self.deadline_days = None

    @property
    def has_fixed_deadline(self) -> bool:
        return self.deadline_kind in (DeadlineKind.BUSINESS_DAYS, DeadlineKind.CALENDAR_DAYS)

    @property
    def postal_code(self) -> str:
        return self.jurisdiction.removeprefix("USA-")

    @property
    def deadline_needs_checking(self) -> bool:
        """Sources disagree (or the number contradicts the words) and nobody verified it."""
        return law_needs_checking(self)

    @property
    def deadline_claims(self) -> list:
        """What each data set says about the deadline, for showing a disagreement."""
        return claims_for(self.source_data or {})

    @property
    def deadline_citation_shown(self) -> str:
        # Without a final full stop: the page puts its own after the citation ("et seq.").
        return (self.deadline_citation or self.statute_citation).rstrip(".")

    @property
    def has_appeal_route(self) -> bool:
        return bool(self.appeal_first_level or self.appeal_second_level or self.appeal_route)

    @property
    def has_fee_rules(self) -> bool:
        return bool(self.copy_fee or self.search_fee or self.fee_waiver_notes or self.fee_notes)


class LawExemptionQuerySet(PublicQuerySet):
    """An exemption is public with its law."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return public_q(Law, f"{prefix}law__")


class LawExemption(TimeStampedModel):
    """One category of records the law lets an agency withhold, with the section that says so."""

    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="exemptions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    category = models.CharField(_("category"), max_length=255)
    citation = models.CharField(_("citation"), max_length=255, blank=True)
    description = models.TextField(_("what it covers"), blank=True)
    scope = models.CharField(
        _("scope"), max_length=20, blank=True, help_text=_("As the source rates it.")
    )
    source = models.CharField(
        _("source"), max_length=20, choices=FactSource.choices, blank=True
    )
    history = AuditHistory()

    objects = LawExemptionQuerySet.as_manager()

    class Meta:
        ordering = ["law", "position"]
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")

    def __str__(self) -> str:
        return f"{self.category} ({self.citation})" if self.citation else self.category


class RequestTemplate(CuratedModel):
    """The letter for one jurisdiction and subject; `USA-00` is the generic letter.

    `body` is plain text with `{{ placeholder }}` fields (see `pra.letters.PLACEHOLDERS`); it is
    never parsed as HTML or as a Django template, so nothing in it or in what a requester types
    can become markup.
    """

    jurisdiction = models.CharField(
        _("state or territory"), max_length=6, choices=JURISDICTION_CHOICES, db_index=True
    )
    subject = models.CharField(_("subject"), max_length=40, choices=Subject.choices)
    language = models.CharField(
        _("letter language"),
        max_length=2,
        choices=LetterLanguage.choices,
        default=LetterLanguage.ENGLISH,
    )
    title = models.CharField(_("subject line"), max_length=255)
    body = models.TextField(_("letter body"))
    notes = models.TextField(
        _("notes for the requester"),
        blank=True,
        help_text=_("Shown beside the letter: tips, what to expect."),
    )

    class Meta:
        ordering = ["jurisdiction", "subject"]
        verbose_name = _("request template")
        verbose_name_plural = _("request templates")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "subject"], name="request_template_unique_per_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} · {self.get_subject_display()}"
