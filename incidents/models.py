"""Posts collected by ingest, the classifier models that rank them, and incidents people review."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.choices import ForceRank, SourceKind, UsState
from core.models import AuditHistory, PublicQuerySet, TimeStampedModel


class LocationMethod(models.TextChoices):
    """How a location was found, most to least precise; `none` means no location was claimed."""

    COORDINATES = "coordinates", _("Exact coordinates from the post")
    PLACE = "place", _("Place attached to the post")
    TEXT = "text", _("Place named in the text")
    DATASET = "dataset", _("From the data set")
    MANUAL = "manual", _("Set by a reviewer")
    NONE = "none", _("Not located")


class ScoredBy(models.TextChoices):
    """Which part of the serving model produced a post's stored probabilities."""

    ENSEMBLE = "ensemble", _("Encoder and word model")
    WORD_MODEL = "word_model", _("Word model alone (clear margin)")
    ENCODER = "encoder", _("Encoder alone")


class LocatedModel(models.Model):
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    state = models.CharField(
        _("state"), max_length=6, choices=UsState.choices, blank=True, db_index=True
    )
    location_method = models.CharField(
        _("location found by"),
        max_length=16,
        choices=LocationMethod.choices,
        default=LocationMethod.NONE,
    )

    class Meta:
        abstract = True


class ClassifierModel(TimeStampedModel):
    """A trained force-rank classifier: where its files are, how it scored, whether it serves."""

    version = models.CharField(_("version"), max_length=64, unique=True)
    base_checkpoint = models.CharField(_("base checkpoint"), max_length=500)
    path = models.CharField(
        _("files"), max_length=500, help_text=_("Folder of the saved model, under MEDIA_ROOT.")
    )
    metrics = models.JSONField(_("evaluation metrics"), default=dict, blank=True)
    data_summary = models.JSONField(_("training data summary"), default=dict, blank=True)
    training_settings = models.JSONField(_("training settings"), default=dict, blank=True)
    is_active = models.BooleanField(_("active"), default=False)
    activated_at = models.DateTimeField(_("activated"), null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("activated by"),
    )
    history = AuditHistory()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("classifier model")
        verbose_name_plural = _("classifier models")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="classifier_one_active_model",
            )
        ]

    def __str__(self) -> str:
        return self.version


class Post(TimeStampedModel, LocatedModel):
    """A post or story as collected: stored once per (source kind, id at the source), raw payload kept."""

    source_kind = models.CharField(_("source kind"), max_length=16, choices=SourceKind.choices)
    external_id = models.CharField(_("id at the source"), max_length=255)
    source = models.ForeignKey(
        "ingest.Source",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("source"),
    )
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    text = models.TextField(_("text"), help_text=_("Normalised: whitespace and HTML entities."))
    text_original = models.TextField(_("original text"), blank=True)
    author = models.CharField(_("author"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)
    posted_at = models.DateTimeField(_("posted"), null=True, blank=True, db_index=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    raw = models.JSONField(_("raw payload"), default=dict, blank=True)

    predicted_rank = models.PositiveSmallIntegerField(
        _("predicted force rank"), choices=ForceRank.choices, null=True, blank=True, db_index=True
    )
    rank_probabilities = models.JSONField(_("probability per rank"), default=list, blank=True)
    confidence = models.FloatField(_("confidence"), null=True, blank=True)
    classifier = models.ForeignKey(
        ClassifierModel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("classified by"),
    )
    scored_by = models.CharField(
        _("scored by"),
        max_length=16,
        choices=ScoredBy.choices,
        blank=True,
        help_text=_(
            "The part of the model whose probabilities are stored; the word model alone ranks "
            "posts whose rank the encoder could not change (docs/classifier.md)."
        ),
    )
    classified_at = models.DateTimeField(_("classified"), null=True, blank=True)
    labelling_priority = models.FloatField(
        _("labelling priority"),
        null=True,
        blank=True,
        help_text=_(
            "How unsure the model is between ranks 0 and 1, or among ranks 1 to 3 (0 to 1); "
            "the labelling queue offers the most unsure posts first."
        ),
    )
    needs_review = models.BooleanField(
        _("needs a person first"),
        default=False,
        db_index=True,
        help_text=_("Low confidence or disagreeing signals: labelling queue first."),
    )

    class Meta:
        ordering = ["-posted_at", "-id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(
                fields=["source_kind", "external_id"], name="post_unique_per_source"
            )
        ]
        indexes = [models.Index(fields=["classified_at"], name="post_classified_at_idx")]

    def __str__(self) -> str:
        return self.title or self.text[:80]


class ReviewStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class IncidentQuerySet(PublicQuerySet):
    """Incidents: public once a reviewer approved them. The departments and officers an
    incident names are shown only where they are public themselves (their own rule)."""

    @classmethod
    def public_q(cls, prefix: str = "") -> models.Q:
        return models.Q(**{f"{prefix}review_status": ReviewStatus.APPROVED})


class Incident(TimeStampedModel, LocatedModel):
    """A use-of-force incident: from a post people confirmed, or imported from a data set.

    Only approved incidents reach public pages and the API.
    """

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True, db_index=True)
    force_rank = models.PositiveSmallIntegerField(
        _("force rank"), choices=ForceRank.choices, db_index=True
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    links = models.JSONField(_("source links"), default=list, blank=True)
    post = models.OneToOneField(
        Post,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incident",
        verbose_name=_("post"),
    )
    source_kind = models.CharField(_("source kind"), max_length=16, choices=SourceKind.choices)
    dataset = models.CharField(_("data set"), max_length=200, blank=True)
    external_id = models.CharField(_("id in the data set"), max_length=255, blank=True)
    source_url = models.URLField(_("source URL"), max_length=1000, blank=True)
    departments = models.ManyToManyField(
        "officers.Department", blank=True, related_name="incidents", verbose_name=_("departments")
    )
    officers = models.ManyToManyField(
        "officers.Officer", blank=True, related_name="incidents", verbose_name=_("officers")
    )
    review_status = models.CharField(
        _("review status"),
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.CANDIDATE,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    history = AuditHistory()

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "external_id"],
                condition=~models.Q(external_id=""),
                name="incident_unique_per_dataset",
            )
        ]
        # The map's viewport (incidents:clusters) reads approved incidents by position.
        indexes = [
            models.Index(
                fields=["latitude", "longitude"],
                name="incident_approved_place_idx",
                condition=models.Q(review_status="approved"),
            )
        ]

    def __str__(self) -> str:
        return self.title


# --- Labelling: who labelled which post, the lease that hands posts out, and adjudications ---


class AssignmentState(models.TextChoices):
    OPEN = "open", _("Open")
    LABELLED = "labelled", _("Labelled")
    SKIPPED = "skipped", _("Skipped")
    EXPIRED = "expired", _("Expired")


class LabelAssignment(models.Model):
    """A lease on a post for one labeller: while open and unexpired, nobody else is given the post."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("post")
    )
    labeller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="label_assignments",
        verbose_name=_("labeller"),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=AssignmentState.choices, default=AssignmentState.OPEN
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    picked_at_random = models.BooleanField(
        _("picked at random"),
        default=False,
        help_text=_("Drawn at random rather than by model uncertainty, for unbiased estimates."),
    )

    class Meta:
        ordering = ["-assigned_at"]
        verbose_name = _("label assignment")
        verbose_name_plural = _("label assignments")
        constraints = [
            # The backstop of the queue: two labellers can never hold the same post at once.
            models.UniqueConstraint(
                fields=["post"],
                condition=models.Q(state="open"),
                name="label_assignment_one_open_per_post",
            ),
        ]
        indexes = [models.Index(fields=["labeller", "state"], name="label_assignment_user_idx")]

    def __str__(self) -> str:
        return f"{self.post_id} → {self.labeller} ({self.state})"


class Label(TimeStampedModel):
    """One labeller's judgement of one post: a force rank, or "unclear / not English"."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="labels", verbose_name=_("post")
    )
    labeller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="labels",
        verbose_name=_("labeller"),
    )
    force_rank = models.PositiveSmallIntegerField(
        _("force rank"), choices=ForceRank.choices, null=True, blank=True
    )
    unclear = models.BooleanField(_("unclear or not English"), default=False)
    seconds_spent = models.FloatField(_("seconds spent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        constraints = [
            models.UniqueConstraint(fields=["post", "labeller"], name="label_once_per_labeller"),
            models.CheckConstraint(
                condition=models.Q(unclear=True, force_rank__isnull=True)
                | models.Q(unclear=False, force_rank__isnull=False),
                name="label_rank_or_unclear",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.value_display} ({self.labeller})"

    @property
    def value(self) -> str:
        """The label as one category: "0"…"5" or "unclear" (what agreement is computed on)."""
        return "unclear" if self.unclear else str(self.force_rank)

    @property
    def value_display(self) -> str:
        return str(_("Unclear")) if self.unclear else f"{self.force_rank} · {self.get_force_rank_display()}"


class Adjudication(TimeStampedModel):
    """A reviewer's final word on a post the labellers disagreed about."""

    post = models.OneToOneField(
        Post, on_delete=models.CASCADE, related_name="adjudication", verbose_name=_("post")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="adjudications",
        verbose_name=_("reviewer"),
    )
    force_rank = models.PositiveSmallIntegerField(
        _("force rank"), choices=ForceRank.choices, null=True, blank=True
    )
    unclear = models.BooleanField(_("unclear or not English"), default=False)
    note = models.TextField(_("note"), blank=True)
    history = AuditHistory()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("adjudication")
        verbose_name_plural = _("adjudications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unclear=True, force_rank__isnull=True)
                | models.Q(unclear=False, force_rank__isnull=False),
                name="adjudication_rank_or_unclear",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post_id}: {'unclear' if self.unclear else self.force_rank}"


class RejectionReason(models.TextChoices):
    """Why a candidate was rejected; the first two make the post a training negative."""

    NO_FORCE = "no_force", _("Police present, but no force used")
    NO_POLICE = "no_police", _("Not about police")
    DUPLICATE = "duplicate", _("Duplicate of another incident")
    UNVERIFIABLE = "unverifiable", _("Cannot be verified")
    OTHER = "other", _("Other")


REJECTION_TRAINING_RANK = {
    RejectionReason.NO_FORCE: ForceRank.NO_FORCE,
    RejectionReason.NO_POLICE: ForceRank.NO_POLICE,
}


class IncidentDecision(models.Model):
    """The log of review decisions: who approved or rejected what, when, why."""

    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("incident")
    )
    decision = models.CharField(_("decision"), max_length=16, choices=ReviewStatus.choices)
    reason = models.CharField(
        _("reason"), max_length=16, choices=RejectionReason.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.decision}"
