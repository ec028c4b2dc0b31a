"""Departments, their units and ranks, officers and their assignments (badge history)."""

import unicodedata
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import UsState
from core.models import (
    CuratedModel,
    CuratedQuerySet,
    PublicQuerySet,
    SourcedModel,
    TimeStampedModel,
    public_q,
)


def search_key(text: str) -> str:
    """Lower-case, accent-free form of a name, used for case- and accent-insensitive search."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


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


# The usual names departments give their own officer id: shown in the reader's language. Any other
# label a curator types is the department's own wording and is shown as written.
COMMON_INTERNAL_ID_LABELS = {
    "employee number": _("Employee number"),
    "personnel id": _("Personnel id"),
    "personnel number": _("Personnel number"),
    "serial number": _("Serial number"),
    "payroll number": _("Payroll number"),
}


class DepartmentKind(models.TextChoices):
    POLICE = "police", _("Police department")
    SHERIFF = "sheriff", _("Sheriff's office")
    STATE_POLICE = "state_police", _("State police")
    JAIL = "jail", _("Jail, detention or corrections")
    CAMPUS = "campus", _("Campus police")
    ACADEMY = "academy", _("Training academy")
    DISPATCH = "dispatch", _("Emergency communications")
    OTHER = "other", _("Other law-enforcement agency")


class DepartmentChildQuerySet(PublicQuerySet):
    """Units and ranks: public with their department."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return public_q(Department, f"{prefix}department__")


class OfficerQuerySet(CuratedQuerySet):
    """Officers: public when published and in a public department (a merged officer is
    retracted by the merge)."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return super().public_q(prefix) & public_q(Department, f"{prefix}department__")


class OfficerChildQuerySet(PublicQuerySet):
    """An officer's assignments, salaries, links and descriptions: public with the officer."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return public_q(Officer, f"{prefix}officer__")


class CertificationEventQuerySet(CuratedQuerySet):
    """Published events of a public officer."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return super().public_q(prefix) & public_q(Officer, f"{prefix}officer__")


class NoteQuerySet(PublicQuerySet):
    """Staff notes are never public."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return models.Q(**{f"{prefix}pk__in": []})


class ImageQuerySet(PublicQuerySet):
    """A photo is public once a reviewer approved it, and its department is public."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return models.Q(**{f"{prefix}review_state": ImageReviewState.APPROVED}) & public_q(
            Department, f"{prefix}department__"
        )


class FaceQuerySet(PublicQuerySet):
    """A face crop is public when a person linked it to a public officer, on a public photo."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return (
            public_q(Officer, f"{prefix}officer__")
            & public_q(Image, f"{prefix}image__")
            & ~models.Q(**{f"{prefix}crop": ""})
        )


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
    history = HistoricalRecords()

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
    history = HistoricalRecords()

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
    # join (see services.officer_search_badges_refresh); copied on into OfficerSearch too.
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


class CertificationEventKind(models.TextChoices):
    DECERTIFIED = "decertified", _("Decertified")
    REINSTATED = "reinstated", _("Reinstated")


class CertificationEvent(SourcedModel):
    """A state standards board (POST) took away or gave back an officer's certification.

    The shape is the same for every state: the state, what happened, when, and the reason in
    the board's own words. A date the source gives but that cannot be right (in the future) is
    kept as stated and flagged, never corrected by guesswork.
    """

    officer = models.ForeignKey(
        Officer, on_delete=models.CASCADE, related_name="certification_events",
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
        return f"{self.officer}: {self.get_kind_display()} {self.date_as_stated}"


class OfficerSearch(models.Model):
    """What find-an-officer matches and sorts on: one narrow row per officer.

    Written only by database triggers on the officer and department tables (migration 0007),
    from the officer's accent-free `search_*` columns, so every write path (save, the
    importer's COPY, bulk and queryset updates, merges) keeps it true. A broad name fragment
    reads one of these ~75-byte rows per match instead of a whole officer. On PostgreSQL one
    trigram index covers the four text fields joined (`search_selectors.SEARCH_TEXT`).
    """

    officer = models.OneToOneField(
        Officer,
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    department = models.ForeignKey(
        Department, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    # A published officer of a published department.
    is_public = models.BooleanField()
    first_name = models.CharField(max_length=120)
    last_name = models.CharField(max_length=120)
    badges = models.CharField(max_length=1000)
    # Lower-cased by the database, accents kept (ids are codes, not names).
    internal_id = models.CharField(max_length=100)

    class Meta:
        default_permissions = ()


class OfficerSearchName(models.Model):
    """Every accent-free first and last name officers have, kept by the same triggers on
    PostgreSQL only (where the typo fallback runs): a name typed with a typo is first matched
    to the closest few of these, then officers with those exact names are found. Names no
    officer has any more stay; they just find nobody."""

    name = models.CharField(max_length=120, primary_key=True)

    class Meta:
        default_permissions = ()


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
        from officers.services import officer_search_badges_refresh

        officer_search_badges_refresh(officer_ids=[self.officer_id])

    def __str__(self) -> str:
        return f"{self.officer} #{self.badge_number}" if self.badge_number else str(self.officer)

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
    history = HistoricalRecords()

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
        return f"{self.officer} {self.year}"

    @property
    def total(self):
        return self.salary + (self.overtime_pay or 0)


class LinkType(models.TextChoices):
    LINK = "link", _("Link")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Document")
    OTHER = "other", _("Other")


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
    history = HistoricalRecords()

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
    history = HistoricalRecords(inherit=True)

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


class OfficerMerge(TimeStampedModel):
    """Two officer records found to be one person: what moved, so the merge can be undone."""

    kept = models.ForeignKey(
        Officer, on_delete=models.CASCADE, related_name="+", verbose_name=_("kept officer")
    )
    merged = models.ForeignKey(
        Officer, on_delete=models.CASCADE, related_name="+", verbose_name=_("merged officer")
    )
    merged_status = models.CharField(_("merged officer's status before"), max_length=16)
    kept_fields = models.JSONField(_("kept officer's fields before"), default=dict)
    moved = models.JSONField(_("records moved"), default=dict)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged by"),
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("officer merge")
        verbose_name_plural = _("officer merges")

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.kept_id}"


class ImageReviewState(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Image(TimeStampedModel):
    """A submitted photo. Never public until a reviewer approves it."""

    file = models.ImageField(_("file"), upload_to="images/%Y/%m/")
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    # Of the file as it was sent (with its metadata), so a resent file is known before decoding.
    upload_sha256 = models.CharField(_("SHA-256 as sent"), max_length=64, blank=True, db_index=True)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="images", verbose_name=_("department")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_images",
        verbose_name=_("submitted by"),
    )
    submitter_note = models.TextField(_("submitter's note"), blank=True)
    review_state = models.CharField(
        _("review state"),
        max_length=16,
        choices=ImageReviewState.choices,
        default=ImageReviewState.PENDING,
        db_index=True,
    )
    contains_officers = models.BooleanField(
        _("contains officers"), null=True, blank=True, help_text=_("Set by volunteers sorting.")
    )
    sorted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sorted_images",
        verbose_name=_("sorted by"),
    )
    sorted_at = models.DateTimeField(_("sorted"), null=True, blank=True)
    # A volunteer's lease on the image while they sort or tag it, so no two get the same one.
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claimed_images",
        verbose_name=_("being worked on by"),
    )
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    tagging_done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tagged_images",
        verbose_name=_("tagging finished by"),
    )
    tagging_done_at = models.DateTimeField(_("tagging finished"), null=True, blank=True)
    faces_detected_at = models.DateTimeField(_("faces detected"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["claimed_by", "claimed_at"])

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return f"{self.department} · {self.sha256[:12]}"


class FaceOrigin(models.TextChoices):
    DETECTOR = "detector", _("Proposed by face detection")
    VOLUNTEER = "volunteer", _("Drawn by a volunteer")


class Face(TimeStampedModel):
    """A box around one face in an image, linked to an officer by a person (never by software)."""

    image = models.ForeignKey(
        Image, on_delete=models.CASCADE, related_name="faces", verbose_name=_("image")
    )
    officer = models.ForeignKey(
        Officer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="faces",
        verbose_name=_("officer"),
    )
    x = models.PositiveIntegerField(_("x"))
    y = models.PositiveIntegerField(_("y"))
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    crop = models.ImageField(_("crop"), upload_to="faces/%Y/%m/", blank=True)
    origin = models.CharField(_("proposed by"), max_length=16, choices=FaceOrigin.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposed_faces",
        verbose_name=_("proposed by (person)"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="confirmed_faces",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    is_featured = models.BooleanField(_("featured"), default=False)
    history = HistoricalRecords()

    objects = FaceQuerySet.as_manager()

    class Meta:
        ordering = ["-is_featured", "-created_at"]
        verbose_name = _("face")
        verbose_name_plural = _("faces")

    def __str__(self) -> str:
        return f"{self.officer or _('unidentified')} in {self.image_id}"


class ImportJob(TimeStampedModel):
    """A CSV import started from the admin, run by a Celery task so that a roster of tens of
    thousands of officers never holds a web request; the page polls its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    # The uploaded files as one zip (kind → CSV), and the wide file's name if it is one.
    files = models.BinaryField()
    wide_name = models.CharField(max_length=255, blank=True)
    options = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    stage = models.CharField(max_length=100, blank=True)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"import #{self.pk} ({self.status})"
