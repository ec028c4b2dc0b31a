"""Shared bases: timestamps, publication status, provenance and audit history."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETRACTED = "retracted", _("Retracted")


class CuratedQuerySet(models.QuerySet):
    def published(self) -> "CuratedQuerySet":
        return self.filter(publication_status=PublicationStatus.PUBLISHED)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class CuratedModel(TimeStampedModel):
    """A record staff curate: it has a publication status, a provenance and an audit history.

    Only published records reach public pages and the API (`Model.objects.published()`).
    Every save is kept by django-simple-history with the user who made it.
    """

    publication_status = models.CharField(
        _("publication status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    source_url = models.URLField(_("source URL"), max_length=1000, blank=True)
    foia_number = models.CharField(_("FOIA / records request number"), max_length=100, blank=True)
    dataset = models.CharField(
        _("data set"), max_length=200, blank=True, help_text=_("Data set the record came from.")
    )

    history = HistoricalRecords(inherit=True)
    objects = CuratedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.publication_status == PublicationStatus.PUBLISHED
