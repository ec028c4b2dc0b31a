"""Departments, their units and ranks, officers and their assignments (badge history)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import UsState
from core.models import CuratedModel, TimeStampedModel


class Race(models.TextChoices):
    BLACK = "black", _("Black")
    WHITE = "white", _("White")
    HISPANIC = "hispanic", _("Hispanic or Latino")
    ASIAN = "asian", _("Asian")
    NATIVE_AMERICAN = "native_american", _("Native American")
    PACIFIC_ISLANDER = "pacific_islander", _("Pacific Islander")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not known")


class Department(CuratedModel):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=6, choices=UsState.choices, db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
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


class Unit(TimeStampedModel):
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="units", verbose_name=_("department")
    )
    name = models.CharField(_("name"), max_length=255)
    history = HistoricalRecords()

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
    history = HistoricalRecords()

    class Meta:
        ordering = ["department", "order", "name"]
        verbose_name = _("rank or job title")
        verbose_name_plural = _("ranks and job titles")
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="rank_unique_per_department")
        ]

    def __str__(self) -> str:
        return self.name


class Officer(CuratedModel):
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

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "internal_id"],
                condition=~models.Q(internal_id=""),
                name="officer_unique_internal_id_per_department",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

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
    history = HistoricalRecords()

    class Meta:
        ordering = ["officer", "-start_date"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.officer} #{self.badge_number}" if self.badge_number else str(self.officer)

    @property
    def is_current(self) -> bool:
        return self.end_date is None
