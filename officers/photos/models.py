"""Submitted photos and the faces boxed in them. Registered with the officers app (same app
label and tables as before the move), through the import at the end of officers/models.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AuditHistory, PublicQuerySet, TimeStampedModel, public_q
from officers.labels import officer_label


class ImageReviewState(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ImageQuerySet(PublicQuerySet):
    """A photo is public once a reviewer approved it, and its department is public."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return models.Q(**{f"{prefix}review_state": ImageReviewState.APPROVED}) & public_q(
            "officers.Department", f"{prefix}department__"
        )


class FaceQuerySet(PublicQuerySet):
    """A face crop is public when a person linked it to a public officer, on a public photo."""

    @classmethod
    def own_public_q(cls, prefix: str = "") -> models.Q:
        return public_q(Image, f"{prefix}image__") & ~models.Q(**{f"{prefix}crop": ""})

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return public_q("officers.Officer", f"{prefix}officer__") & cls.own_public_q(prefix)


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
        "officers.Department", on_delete=models.PROTECT, related_name="images", verbose_name=_("department")
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
    history = AuditHistory(excluded_fields=["claimed_by", "claimed_at"])

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
        "officers.Officer",
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
    history = AuditHistory()

    objects = FaceQuerySet.as_manager()

    class Meta:
        ordering = ["-is_featured", "-created_at"]
        verbose_name = _("face")
        verbose_name_plural = _("faces")

    def __str__(self) -> str:
        officer = officer_label(self) if self.officer_id else _("unidentified")
        return f"{officer} in {self.image_id}"
