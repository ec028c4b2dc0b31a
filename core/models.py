"""Shared bases: timestamps, publication status, provenance and audit history; the link checker's
record of every external URL on the site."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AuditHistory(HistoricalRecords):
    """django-simple-history's audit trail, indexed for how it is read: one record's rows at a
    time, by the record's id. Every other index is paid for by every import and edit:

    - the copied fields keep none (an officer's history table copied seventeen);
    - history_date keeps none (SIMPLE_HISTORY_DATE_INDEX = False): a record's few rows are
      sorted after the id index finds them, and nothing reads history across records by date;
    - history_user is indexed only where it is set, for deleting a user (SET_NULL finds that
      user's rows). Imports from the command line, scrapers and other tasks write rows with
      no user, and no longer add each one to an index no query reads.

    docs/benchmarks.md, "History rows without indexes nobody reads", has the figures.
    """

    def copy_fields(self, model):
        self.no_db_index = [f.name for f in self.fields_included(model) if not f.primary_key]
        return super().copy_fields(model)

    def get_extra_fields(self, model, fields):
        extra = super().get_extra_fields(model, fields)
        extra["history_user"].db_index = False
        return extra

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        meta = model._meta
        options["indexes"] = [
            *options.get("indexes", ()),
            models.Index(
                fields=["history_user"],
                condition=Q(history_user__isnull=False),
                name=f"{meta.db_table[:24]}_huser",
            )
        ]
        return options


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETRACTED = "retracted", _("Retracted")


class PublicQuerySet(models.QuerySet):
    """A model's one rule for what the public may see, on pages, the API, exports and feeds.

    `public_q(prefix)` states the rule as a condition on the path `prefix` ("officer__" from a
    report), so a record's rule includes its parents' (an officer is public only in a public
    department) and a count or filter through a relation reuses it. Every public read goes
    through `Model.objects.public()` or `public_q(Model, prefix)`; nothing retypes it.
    """

    @classmethod
    def public_q(cls, prefix: str = "") -> Q:
        raise NotImplementedError(f"{cls.__name__} states no public rule")

    @classmethod
    def own_public_q(cls, prefix: str = "") -> Q:
        """The part of the rule that is the record's own, without its parent's: a model whose
        rule includes a parent's states it as `own_public_q() & <the parent's rule>`."""
        return cls.public_q(prefix)

    def public(self) -> "PublicQuerySet":
        return self.filter(self.public_q())

    @classmethod
    def as_manager(cls):
        manager = PublicManager.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True

    def public_under_public_parent(self) -> "PublicQuerySet":
        """The public records among those of parents already read through their own public
        rule (a prefetch from a public queryset): the parent's rule again would only join the
        parent's tables back in (docs/benchmarks.md, "Partner API without the answer cache")."""
        return self.filter(self.own_public_q())


class PublicManager(models.Manager):
    """`Model.objects.public()` resolves the public rule once per process and hands out copies:
    resolving its joins and lookups again on every call was 5 % of an officers page's Python
    calls (docs/benchmarks.md, #21). The rules are fixed conditions (no clock, no settings), so
    the first result stands; a copy is a new QuerySet, which its caller may filter further."""

    def public(self) -> "PublicQuerySet":
        # (Keyed by model and database: a manager copied for another model or database, as
        # Django copies them, may share this dict.)
        made = self.__dict__.setdefault("_public_querysets", {})
        key = (self.model, self._db)
        if key not in made:
            made[key] = self.get_queryset().public()
        return made[key].all()


def public_q(model: type[models.Model] | str, prefix: str = "") -> Q:
    """`model`'s public rule (a model, or its "app_label.Model" name where importing it would
    make a cycle), on the relation path `prefix` (see PublicQuerySet)."""
    if isinstance(model, str):
        model = apps.get_model(model)
    return model._default_manager.get_queryset().public_q(prefix)


class CuratedQuerySet(PublicQuerySet):
    """Curated records: public once published (subclasses add their parents' rule)."""

    @classmethod
    def public_q(cls, prefix: str = "") -> Q:
        return Q(**{f"{prefix}publication_status": PublicationStatus.PUBLISHED})


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class CuratedModel(TimeStampedModel):
    """A record staff curate: it has a publication status, a provenance and an audit history.

    Only public records reach public pages and the API (`Model.objects.public()`: published,
    under published parents).
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

    history = AuditHistory(inherit=True)
    objects = CuratedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.publication_status == PublicationStatus.PUBLISHED

    @property
    def is_public(self) -> bool:
        """Whether the public may see this record, by its model's one rule (one query)."""
        return type(self)._default_manager.public().filter(pk=self.pk).exists()


class SourcedModel(CuratedModel):
    """A curated record that may come from a public data set: which file, which row.

    `dataset` names the `DataSet` (licence, publisher, commit); `source_file` and `source_row`
    point at the exact record inside it, so anyone can check ours against the source.
    """

    source_file = models.CharField(_("source file"), max_length=200, blank=True)
    source_row = models.CharField(
        _("source row or id"), max_length=200, blank=True,
        help_text=_("The record's id or row number in the source file."),
    )

    class Meta:
        abstract = True

    @property
    def source_dataset(self) -> "DataSet | None":
        if not self.dataset:
            return None
        return DataSet.objects.filter(slug=self.dataset).first()


class DataSet(TimeStampedModel):
    """A public data set the site ships and loads (`manage.py load_public_data`): where it
    comes from, under which licence, and how many rows it holds. The about page lists these."""

    slug = models.SlugField(_("name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    publisher = models.CharField(_("publisher"), max_length=200)
    source_url = models.URLField(_("source URL"), max_length=500)
    source_commit = models.CharField(_("source commit"), max_length=64, blank=True)
    files = models.JSONField(_("files"), default=list)
    licence = models.CharField(_("licence"), max_length=100)
    licence_url = models.URLField(_("licence URL"), max_length=500, blank=True)
    attribution = models.TextField(_("attribution"))
    published_on = models.DateField(_("published"), null=True, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        ordering = ["title"]
        verbose_name = _("public data set")
        verbose_name_plural = _("public data sets")

    def __str__(self) -> str:
        return self.title


class LinkState(models.TextChoices):
    UNCHECKED = "unchecked", _("Not checked yet")
    OK = "ok", _("Working")
    REDIRECTED = "redirected", _("Working, but redirects")
    BLOCKED = "blocked", _("Refused our checker (401, 403 or 429): check by hand")
    BROKEN = "broken", _("Broken (error status)")
    UNREACHABLE = "unreachable", _("Unreachable (timeout or connection error)")


DEAD_STATES = (LinkState.BROKEN, LinkState.UNREACHABLE)


class LinkStatus(TimeStampedModel):
    """The last check of one external URL stored in one field of one record (of any app: reports
    and oversight bodies both have links; oversight.services.links_check checks them)."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("record type")
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=64)
    url = models.URLField(_("URL"), max_length=1000)
    state = models.CharField(
        _("state"), max_length=16, choices=LinkState.choices, default=LinkState.UNCHECKED,
        db_index=True,
    )
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    final_url = models.URLField(_("final URL after redirects"), max_length=1000, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    consecutive_failures = models.PositiveSmallIntegerField(_("failures in a row"), default=0)

    class Meta:
        # The table keeps the name it had in oversight: moving the model here moved no data.
        db_table = "oversight_linkstatus"
        ordering = ["-consecutive_failures", "url"]
        verbose_name = _("link status")
        verbose_name_plural = _("link statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"], name="link_status_unique_field"
            )
        ]

    def __str__(self) -> str:
        return f"{self.url} ({self.get_state_display()})"

    @property
    def is_dead(self) -> bool:
        return self.state in DEAD_STATES
class PrivateContact(models.Model):
    """How to reach a person who reported an error or an incident: kept apart from the record
    they sent (which may become public), shown to reviewers only, and deleted
    `CONTACT_RETENTION_DAYS` after it was left (`manage.py purge_contacts`)."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("about"),
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("left"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("private contact")
        verbose_name_plural = _("private contacts")
        indexes = [models.Index(fields=["content_type", "object_id"], name="private_contact_record")]
        # Only reviewers read these (core/admin.py); nobody edits them by hand.
        default_permissions = ("view", "delete")

    def __str__(self) -> str:
        return self.email or self.phone or self.name

    @property
    def parts(self) -> list[str]:
        return [part for part in (self.name, self.email, self.phone) if part]
