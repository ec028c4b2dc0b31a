"""Departments, their units and ranks, officers and their assignments (badge history)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import UsState
from core.models import AuditHistory, SourcedModel, TimeStampedModel
# Choices stay importable from here, where Django code looks for them.
from officers.choices import (  # noqa: F401
    COMMON_INTERNAL_ID_LABELS,
    CertificationEventKind,
    DepartmentKind,
    Gender,
    LinkType,
    Race,
)
from officers.querysets import (
    DepartmentChildQuerySet,
    NoteQuerySet,
    OfficerChildQuerySet,
    OfficerQuerySet,
)
from officers.labels import officer_label
from officers.search.keys import badges_key, search_key


def officer_search_badges_refresh(*, officer_ids) -> int:
    """Recompute `Officer.search_badges` for these officers from their assignments."""
    officer_ids = list(officer_ids)
    badges: dict[int, list[str]] = {pk: [] for pk in officer_ids}
    for chunk_start in range(0, len(officer_ids), 5000):
        chunk = officer_ids[chunk_start : chunk_start + 5000]
        rows = Assignment.objects.filter(officer_id__in=chunk).values_list(
            "officer_id", "badge_number"
        )
        for officer_id, badge in rows:
            badges[officer_id].append(badge)
    changed = []
    for officer in Officer.objects.filter(pk__in=officer_ids).only("pk", "search_badges"):
        key = badges_key(badges[officer.pk])
        if officer.search_badges != key:
            officer.search_badges = key
            changed.append(officer)
    Officer.objects.bulk_update(changed, ["search_badges"], batch_size=2000)
    return len(changed)


class Department(SourcedModel):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=DepartmentKind.choices, blank=True, db_index=True
    )
    state = models.CharField(_("state"), max_length=6, choices=UsState.choices, db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    head_title = models.CharField(_("head of agency's title"), max_length=100, blank=True)
    head_name = models.CharField(_("head of agency"), max_length=200, blank=True)
    address = models.TextField(_("street address"), blank=True)
    postal_code = models.CharField(_("postal code"), max_length=15, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    certified_officer_count = models.PositiveIntegerField(
        _("certified officers"), null=True, blank=True,
        help_text=_("Officers the state lists as certified with this agency."),
    )
    internal_id_label = models.CharField(
        _("label of the internal officer id"),
        max_length=100,
        blank=True,
        help_text=_("What the department calls its own officer id, e.g. 'Employee number'."),
    )
    curators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="curated_departments",
        verbose_name=_("curators"),
        help_text=_("Curators who may edit this department's records."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["name", "state"], name="department_unique_name_state")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def internal_id_heading(self) -> str:
        """The heading of the officer page's internal id, translated where it is a usual term."""
        label = self.internal_id_label.strip()
        if not label:
            return str(_("Internal id"))
        return str(COMMON_INTERNAL_ID_LABELS.get(search_key(label), label))

    @property
    def is_demo(self) -> bool:
        return self.dataset == "demo"


class Unit(TimeStampedModel):
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="units", verbose_name=_("department")
    )
    name = models.CharField(_("name"), max_length=255)
    history = AuditHistory()

    objects = DepartmentChildQuerySet.as_manager()

    class Meta:
        ordering = ["department", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="unit_unique_per_department")
        ]

    def __str__(self) -> str:
        return self.name


class Rank(TimeStampedModel):
    """A rank or job title, ordered within its department (0 = most junior)."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="ranks", verbose_name=_("department")
    )
    name = models.CharField(_("name"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_sworn = models.BooleanField(_("sworn"), default=True)
    history = AuditHistory()

    objects = DepartmentChildQuerySet.as_manager()

    class Meta:
        ordering = ["department", "order", "name"]
        verbose_name = _("rank or job title")
        verbose_name_plural = _("ranks and job titles")
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="rank_unique_per_department")
        ]

    def __str__(self) -> str:
        return self.name


class Officer(SourcedModel):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="officers",
        verbose_name=_("department"),
    )
    first_name = models.CharField(_("first name"), max_length=120, blank=True)
    middle_name = models.CharField(_("middle name"), max_length=120, blank=True)
    last_name = models.CharField(_("last name"), max_length=120, db_index=True)
    suffix = models.CharField(_("suffix"), max_length=20, blank=True)
    race = models.CharField(
        _("race"), max_length=20, choices=Race.choices, default=Race.UNKNOWN, db_index=True
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN, db_index=True
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    employment_date = models.DateField(_("employment date"), null=True, blank=True)
    internal_id = models.CharField(
        _("department's internal id"), max_length=100, blank=True, db_index=True
    )
    # Accent-free, lower-case copies of the names, which the database copies on into
    # OfficerSearch for "find an officer". Kept in step by save() and by the bulk importer.
    search_first_name = models.CharField(max_length=120, blank=True, editable=False)
    search_last_name = models.CharField(max_length=120, blank=True, editable=False)
    # Every badge number the officer has held, space-separated, so that badge search needs no
    # join (see officer_search_badges_refresh); copied on into OfficerSearch too.
    search_badges = models.CharField(max_length=1000, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        editable=False,
        verbose_name=_("merged into"),
    )

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="officer_name_order"),
            models.Index(
                fields=["department", "last_name", "first_name", "id"],
                name="officer_department_name_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "internal_id"],
                condition=~models.Q(internal_id=""),
                name="officer_unique_internal_id_per_department",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.refresh_search_names()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_first_name", "search_last_name"}
        super().save(*args, **kwargs)

    def refresh_search_names(self) -> None:
        self.search_first_name = search_key(self.first_name)
        self.search_last_name = search_key(self.last_name)

    @property
    def full_name(self) -> str:
        parts = [self.first_name, self.middle_name, self.last_name]
        name = " ".join(part for part in parts if part)
        return f"{name} {self.suffix}".strip() if self.suffix else name


class Assignment(TimeStampedModel):
    """One stretch of an officer's career: badge number, rank and unit between two dates."""

    officer = models.ForeignKey(
        Officer, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("officer")
    )
    badge_number = models.CharField(_("badge / star number"), max_length=50, blank=True, db_index=True)
    rank = models.ForeignKey(
        Rank, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("rank")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("unit")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    history = AuditHistory()

    objects = OfficerChildQuerySet.as_manager()

    class Meta:
        ordering = ["officer", "-start_date"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        self._refresh_officer_badges()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._refresh_officer_badges()
        return result

    def _refresh_officer_badges(self) -> None:
        # Officer.search_badges is the indexed copy of every badge held; keep it true whoever
        # writes the assignment (bulk importers refresh it themselves, in bulk).
        officer_search_badges_refresh(officer_ids=[self.officer_id])

    def __str__(self) -> str:
        officer = officer_label(self)
        return f"{officer} #{self.badge_number}" if self.badge_number else officer

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class Salary(TimeStampedModel):
    officer = models.ForeignKey(
        Officer, on_delete=models.CASCADE, related_name="salaries", verbose_name=_("officer")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    is_fiscal_year = models.BooleanField(_("fiscal year"), default=False)
    salary = models.DecimalField(_("salary"), max_digits=12, decimal_places=2)
    overtime_pay = models.DecimalField(
        _("overtime pay"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    history = AuditHistory()

    objects = OfficerChildQuerySet.as_manager()

    class Meta:
        ordering = ["officer", "-year"]
        verbose_name = _("salary")
        verbose_name_plural = _("salaries")
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "year", "is_fiscal_year"], name="salary_unique_per_officer_year"
            )
        ]

    def __str__(self) -> str:
        return f"{officer_label(self)} {self.year}"

    @property
    def total(self):
        return self.salary + (self.overtime_pay or 0)


class Link(TimeStampedModel):
    """A news story, video or document about an officer (public with the officer)."""

    officer = models.ForeignKey(
        Officer, on_delete=models.CASCADE, related_name="links", verbose_name=_("officer")
    )
    url = models.URLField(_("URL"), max_length=1000)
    link_type = models.CharField(
        _("type"), max_length=16, choices=LinkType.choices, default=LinkType.LINK
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    history = AuditHistory()

    objects = OfficerChildQuerySet.as_manager()

    class Meta:
        ordering = ["officer", "-created_at"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self) -> str:
        return self.title or self.url


class OfficerText(TimeStampedModel):
    """A paragraph about an officer written by staff (see Description and Note)."""

    officer = models.ForeignKey(
        Officer, on_delete=models.CASCADE, related_name="%(class)ss", verbose_name=_("officer")
    )
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    history = AuditHistory(inherit=True)

    class Meta:
        abstract = True
        ordering = ["officer", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class Description(OfficerText):
    """A public, curated paragraph about an officer."""

    objects = OfficerChildQuerySet.as_manager()

    class Meta(OfficerText.Meta):
        verbose_name = _("description")
        verbose_name_plural = _("descriptions")


class Note(OfficerText):
    """A staff-only note about an officer; never shown on public pages or in exports."""

    objects = NoteQuerySet.as_manager()

    class Meta(OfficerText.Meta):
        verbose_name = _("staff note")
        verbose_name_plural = _("staff notes")


# The rooms inside officers keep their own models; importing them here registers them with this
# app (label `officers`, tables unchanged), whose models module is the one Django loads.
from officers.certification.models import CertificationEvent  # noqa: E402, F401
from officers.importers.models import ImportJob  # noqa: E402, F401
from officers.merges.models import OfficerMerge  # noqa: E402, F401
from officers.photos.models import Face, FaceOrigin, Image, ImageReviewState  # noqa: E402, F401
from officers.search.models import OfficerSearch, OfficerSearchName  # noqa: E402, F401
