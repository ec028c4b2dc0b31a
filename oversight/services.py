"""Writes for oversight commissions, and the link check that keeps their links honest."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from core.links import LinkChecker, LinkResult
from core.models import LinkStatus, PublicationStatus
from core.services import audited_save
from officers.models import Department
from oversight.models import Commission, ComplaintLink
from reports.models import Report

COMMISSION_FIELDS = {
    "commission_type", "website", "state", "city", "postal_code", "address", "email", "phone",
    "tdd", "fax", "contact_form_url", "press_contacts", "about", "complaint_instructions",
    "members_url", "faq_url", "source_url", "foia_number", "dataset", "name",
    "publication_status",
}


@dataclass(frozen=True)
class ComplaintLinkData:
    url: str
    kind: str = "form"
    form_type: str = ""
    title: str = ""


@transaction.atomic
def commission_create(
    *,
    name: str,
    commission_type: str,
    state: str,
    departments: Iterable[Department] = (),
    complaint_links: Iterable[ComplaintLinkData] = (),
    actor: AbstractBaseUser | None = None,
    **fields,
) -> Commission:
    unknown = set(fields) - COMMISSION_FIELDS
    if unknown:
        raise TypeError(f"unknown commission fields: {', '.join(sorted(unknown))}")
    commission = Commission(name=name, commission_type=commission_type, state=state, **fields)
    commission.full_clean()
    audited_save(commission, actor=actor, reason="created")
    commission.departments.set(list(departments))
    for position, data in enumerate(complaint_links):
        link = ComplaintLink(
            commission=commission, url=data.url, kind=data.kind, form_type=data.form_type,
            title=data.title, position=position,
        )
        link.full_clean()
        audited_save(link, actor=actor, reason="created")
    return commission


# --- Link checking --------------------------------------------------------------------------


@dataclass
class LinkCheckSummary:
    created: int = 0
    updated: int = 0
    removed: int = 0
    skipped: int = 0
    failed: int = 0
    checked_urls: int = 0
    dead: list[tuple[str, str, str]] = field(default_factory=list)  # (record, field, url)

    def as_dict(self) -> dict:
        return {
            "created": self.created, "updated": self.updated, "removed": self.removed,
            "skipped": self.skipped, "failed": self.failed, "checked_urls": self.checked_urls,
        }


def _link_targets() -> dict[tuple[int, int, str], tuple[str, str]]:
    """(content type id, record id, field) → (url, record label) for every link to check.

    Retracted records are left alone: nobody reads them, and their hosts need not hear from us.
    """
    targets = {}
    sources = [
        (Report, Report.objects.exclude(publication_status=PublicationStatus.RETRACTED).select_related("officer")),
        (Commission, Commission.objects.exclude(publication_status=PublicationStatus.RETRACTED)),
        (
            ComplaintLink,
            ComplaintLink.objects.exclude(
                commission__publication_status=PublicationStatus.RETRACTED
            ).select_related("commission"),
        ),
    ]
    for model, queryset in sources:
        content_type = ContentType.objects.get_for_model(model)
        for record in queryset:
            label = str(record.commission) if model is ComplaintLink else str(record)
            for name in model.link_fields:
                url = (getattr(record, name) or "").strip()
                if url:
                    targets[(content_type.pk, record.pk, name)] = (url, label)
    return targets


def _checker_from_settings() -> LinkChecker:
    return LinkChecker(
        timeout=settings.LINK_CHECK_TIMEOUT,
        host_delay=settings.LINK_CHECK_HOST_DELAY,
        max_hosts=settings.LINK_CHECK_MAX_HOSTS,
    )


def _result_apply(status: LinkStatus, result: LinkResult, now) -> bool:
    """Copy a check's result onto `status`; True when the link is dead."""
    status.state = result.state
    status.http_status = result.http_status
    status.final_url = result.final_url[:1000]
    status.error = result.error
    status.checked_at = now
    if result.is_dead:
        status.consecutive_failures += 1
        status.failing_since = status.failing_since or now
    else:
        status.consecutive_failures = 0
        status.failing_since = None
    return result.is_dead


def links_check(*, dry_run: bool = False, checker: LinkChecker | None = None) -> LinkCheckSummary:
    """Check every external URL of reports and commissions; record which are dead for staff.

    Each distinct URL is fetched once however many records share it. With `dry_run`, the
    URLs are checked and the summary returned, but nothing is written.
    """
    checker = checker or _checker_from_settings()
    summary = LinkCheckSummary()
    targets = _link_targets()
    existing = {(s.content_type_id, s.object_id, s.field): s for s in LinkStatus.objects.all()}

    stale = [status.pk for key, status in existing.items() if key not in targets]
    summary.removed = len(stale)

    checkable = {
        key: value for key, value in targets.items() if value[0].lower().startswith(("http://", "https://"))
    }
    summary.skipped = len(targets) - len(checkable)
    # The network part runs outside any transaction: it is slow and holds no rows.
    results = checker.check_many(url for url, _label in checkable.values())
    summary.checked_urls = len(results)

    now = timezone.now()
    with transaction.atomic():
        if not dry_run and stale:
            LinkStatus.objects.filter(pk__in=stale).delete()
        for key, (url, label) in checkable.items():
            result: LinkResult = results[url]
            status = existing.get(key)
            if status is None:
                status = LinkStatus(content_type_id=key[0], object_id=key[1], field=key[2])
                summary.created += 1
            else:
                summary.updated += 1
            if status.url != url:
                status.consecutive_failures = 0
                status.failing_since = None
            status.url = url
            if _result_apply(status, result, now):
                summary.failed += 1
                summary.dead.append((label, key[2], url))
            if not dry_run:
                status.save()
    return summary


def link_status_recheck(*, statuses: Iterable[LinkStatus], checker: LinkChecker | None = None) -> int:
    """Re-check the given statuses now (the admin action); returns how many are still dead."""
    statuses = list(statuses)
    checker = checker or _checker_from_settings()
    results = checker.check_many(status.url for status in statuses)
    now = timezone.now()
    dead = 0
    with transaction.atomic():
        for status in statuses:
            dead += _result_apply(status, results[status.url], now)
            status.save()
    return dead

