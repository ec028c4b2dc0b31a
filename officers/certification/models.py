"""Certification events from state standards boards. Registered with the officers app through
officers/models.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import UsState
from core.models import CuratedQuerySet, SourcedModel, public_q
from officers.choices import CertificationEventKind
from officers.labels import officer_label


class CertificationEventQuerySet(CuratedQuerySet):
    """Published events of a public officer."""

    @classmethod
    def own_public_q(cls, prefix: str = "") -> models.Q:
        return super().public_q(prefix)

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return cls.own_public_q(prefix) & public_q("officers.Officer", f"{prefix}officer__")


class CertificationEvent(SourcedModel):
    """A state standards board (POST) took away or gave back an officer's certification.

    The shape is the same for every state: the state, what happened, when, and the reason in
    the board's own words. A date the source gives but that cannot be right (in the future) is
    kept as stated and flagged, never corrected by guesswork.
    """

    officer = models.ForeignKey(
        "officers.Officer", on_delete=models.CASCADE, related_name="certification_events",
        verbose_name=_("officer"),
    )
    state = models.CharField(_("state"), max_length=6, choices=UsState.choices, db_index=True)
    kind = models.CharField(_("event"), max_length=16, choices=CertificationEventKind.choices)
    date = models.DateField(_("date"), null=True, blank=True, db_index=True)
    date_as_stated = models.CharField(_("date as stated by the source"), max_length=40, blank=True)
    date_in_doubt = models.BooleanField(
        _("date in doubt"), default=False,
        help_text=_("The source's date cannot be right (e.g. it is in the future)."),
    )
    reason = models.TextField(_("reason as stated"), blank=True)
    status_as_stated = models.CharField(_("status as stated"), max_length=100, blank=True)
    officer_function = models.CharField(_("function as stated"), max_length=100, blank=True)
    agency_as_stated = models.CharField(_("agency as stated"), max_length=255, blank=True)
    source_list = models.CharField(
        _("source list"), max_length=100, blank=True,
        help_text=_("Which of the board's lists the event appears on."),
    )

    objects = CertificationEventQuerySet.as_manager()

    class Meta:
        ordering = ["officer", "date", "pk"]
        verbose_name = _("certification event")
        verbose_name_plural = _("certification events")

    def __str__(self) -> str:
        return f"{officer_label(self)}: {self.get_kind_display()} {self.date_as_stated}"
