"""Public bulk downloads: one zip per file set (CSV, README, LICENCE), rebuilt nightly.

What goes into each set is code (`downloads.sets`); a row here records the file last built
for a set, so the downloads page can show its size, date and licences without opening it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class Download(TimeStampedModel):
    slug = models.SlugField(_("file set"), max_length=60, unique=True)
    file = models.FileField(_("file"), upload_to="downloads/", max_length=300)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    row_count = models.PositiveIntegerField(_("rows"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    licences = models.JSONField(
        _("licences"), default=list,
        help_text=_("The licence of each source whose records the file holds."),
    )
    changed_at = models.DateTimeField(
        _("content last changed"),
        help_text=_("A nightly rebuild that finds the same records keeps this date."),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("bulk download")
        verbose_name_plural = _("bulk downloads")

    def __str__(self) -> str:
        return self.slug
