"""Public-records laws per jurisdiction and request-letter templates per jurisdiction × subject."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import UsState
from core.models import CuratedModel
from pra.choices import (
    JURISDICTION_CHOICES,
    DeadlineKind,
    FactSource,
    LetterLanguage,
    Subject,
)


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
    appeal_route = models.TextField(_("appeal route"), blank=True)
    appeal_route_source = _source_field(_("appeal route"))
    fee_notes = models.TextField(_("fees"), blank=True)
    fee_notes_source = _source_field(_("fee notes"))
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
