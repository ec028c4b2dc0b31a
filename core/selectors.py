"""Reads for the site-wide pages (the home page's counts, the about page's data sets) and the
link checker's dead links of any record."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.module_loading import import_string

from core.models import DEAD_STATES, DataSet, LinkStatus, PrivateContact


def site_counts() -> dict[str, int]:
    """How many published records of each kind the public can see (demo records included,
    which the pages label). Each app counts its own: `SITE_COUNTS` in settings names the
    selectors, so this base layer imports no app."""
    return {name: import_string(path)() for name, path in settings.SITE_COUNTS.items()}


def data_set_list() -> list[DataSet]:
    return list(DataSet.objects.order_by("title"))


def data_set_for(*, slug: str) -> DataSet | None:
    return DataSet.objects.filter(slug=slug).first() if slug else None


def dead_links_for(*, record) -> dict[str, LinkStatus]:
    """field → status, for the fields of `record` whose link was dead when last checked."""
    statuses = LinkStatus.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk,
        state__in=DEAD_STATES,
    )
    return {status.field: status for status in statuses}


def private_contact_for(*, record) -> PrivateContact | None:
    """The contact details left with `record` (for reviewers' eyes only), or None."""
    return PrivateContact.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).first()
