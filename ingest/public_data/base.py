"""What every public-data loader shares: finding the file, reading it, reporting a bad value,
and writing records idempotently with their provenance.

A loader reads and checks its whole file first; only then does `RecordSync` write, so a
malformed file (reported with file, row, column and value) writes nothing. The command runs
each data set in its own transaction.
"""

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.models import DataSet, PublicationStatus
from core.summary import Summary

SHIPPED_DIR = Path(settings.BASE_DIR) / "data" / "public"


class MalformedData(Exception):
    """A value in a source file that the loader cannot read: says exactly where."""

    def __init__(self, *, file: str, row, column: str, value, problem: str):
        self.file, self.row, self.column, self.value, self.problem = file, row, column, value, problem
        super().__init__(f"{file}, row {row}, column {column!r}: {problem} (value: {value!r})")


def data_path(name: str) -> Path:
    """`DATA_DIR/name` when it is there (the maintained copy), else the copy shipped in
    `data/public/` so a fresh clone loads the same records."""
    for folder in (Path(settings.DATA_DIR), SHIPPED_DIR):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"{name} is in neither {settings.DATA_DIR} nor {SHIPPED_DIR}")


def read_csv(name: str) -> list[dict]:
    with data_path(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_json(name: str):
    with data_path(name).open(encoding="utf-8") as handle:
        try:
            return json.load(handle)
        except json.JSONDecodeError as error:
            raise MalformedData(
                file=name, row=error.lineno, column=f"char {error.colno}", value="", problem=error.msg
            ) from None


def require(row: dict, column: str, *, file: str, row_id) -> str:
    """The stripped value of a column that must be there and not be empty."""
    if column not in row:
        raise MalformedData(file=file, row=row_id, column=column, value=None, problem="column missing")
    value = row[column]
    if value is None or str(value).strip() in ("", "NA", "NULL"):
        raise MalformedData(file=file, row=row_id, column=column, value=value, problem="empty")
    return str(value).strip()


def optional(row: dict, column: str) -> str:
    """A column that may be missing or empty; R's `NA` and a literal `NULL` count as empty."""
    value = row.get(column)
    if value is None:
        return ""
    value = str(value).strip()
    return "" if value in ("NA", "NULL") else value


def iso_date(value: str, *, file: str, row_id, column: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise MalformedData(file=file, row=row_id, column=column, value=value, problem="not a date (YYYY-MM-DD)") from None


def optional_int(value, *, file: str, row_id, column: str) -> int | None:
    if value is None or value == "" or value == "NA":
        return None
    if isinstance(value, bool):
        raise MalformedData(file=file, row=row_id, column=column, value=value, problem="not a whole number")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise MalformedData(file=file, row=row_id, column=column, value=value, problem="not a whole number") from None
    if number < 0:
        raise MalformedData(file=file, row=row_id, column=column, value=value, problem="negative")
    return number


@dataclass
class Provenance:
    """Where a data set comes from; stored as a `DataSet` row the about page lists."""

    slug: str
    title: str
    publisher: str
    source_url: str
    source_commit: str
    files: list[str]
    licence: str
    licence_url: str
    attribution: str
    published_on: date | None = None

    def record(self, *, row_count: int) -> None:
        values = {
            "title": self.title, "publisher": self.publisher, "source_url": self.source_url,
            "source_commit": self.source_commit, "files": self.files, "licence": self.licence,
            "licence_url": self.licence_url, "attribution": self.attribution,
            "published_on": self.published_on, "row_count": row_count,
        }
        current = DataSet.objects.filter(slug=self.slug).first()
        if current is None:
            DataSet.objects.create(slug=self.slug, **values)
        elif any(getattr(current, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(current, key, value)
            current.save()


class RecordSync:
    """Creates or updates one model's records of one data set, keyed by (source file, source
    row), in bulk and with history; a record whose fields already match is left alone.

    Published unless staff retracted it: a curator's retraction survives a reload.
    """

    def __init__(self, model: type[models.Model], *, dataset: str, summary: Summary):
        self.model, self.dataset, self.summary = model, dataset, summary
        self.existing = {
            (obj.source_file, obj.source_row): obj
            for obj in model.objects.filter(dataset=dataset)
        }

    def sync(self, wanted: dict[tuple[str, str], dict]) -> dict[tuple[str, str], models.Model]:
        """`wanted` maps (source file, source row) to field values; returns every record by key."""
        to_create, to_update, changed_fields = [], [], set()
        unchanged_before = self.summary.unchanged
        result = {}
        for key, values in wanted.items():
            obj = self.existing.get(key)
            if obj is None:
                obj = self.model(
                    **values, dataset=self.dataset, source_file=key[0], source_row=key[1],
                    publication_status=PublicationStatus.PUBLISHED,
                )
                self._prepare(obj, key)
                to_create.append(obj)
            else:
                changes = {name for name, value in values.items() if getattr(obj, name) != value}
                if changes:
                    for name in changes:
                        setattr(obj, name, values[name])
                    changed_fields |= changes
                    self._prepare(obj, key)
                    to_update.append(obj)
                else:
                    self.summary.unchanged += 1
            result[key] = obj
        if to_create:
            bulk_create_with_history(to_create, self.model, batch_size=500,
                                     default_change_reason=f"loaded from {self.dataset}")
            # SQLite gives bulk-created rows no primary keys: read them back by their keys.
            if any(obj.pk is None for obj in to_create):
                fresh = {
                    (obj.source_file, obj.source_row): obj
                    for obj in self.model.objects.filter(dataset=self.dataset)
                }
                for key in list(result):
                    if result[key].pk is None:
                        result[key] = fresh[key]
            self.summary.created += len(to_create)
        if to_update:
            if hasattr(self.model, "refresh_search_names"):
                changed_fields |= {"search_first_name", "search_last_name"}
            bulk_update_with_history(to_update, self.model, sorted(changed_fields | {"updated_at"}),
                                     batch_size=500, default_change_reason=f"reloaded from {self.dataset}")
            self.summary.updated += len(to_update)
        self.summary.notes.append(
            f"{self.model._meta.verbose_name_plural}: {len(to_create)} created, {len(to_update)} updated, "
            f"{self.summary.unchanged - unchanged_before} unchanged"
        )
        return result

    @staticmethod
    def _prepare(obj: models.Model, key: tuple[str, str]) -> None:
        # Bulk writes skip save(): keep the officer's search copies of its names true.
        refresh = getattr(obj, "refresh_search_names", None)
        if refresh:
            refresh()
        obj.updated_at = timezone.now()
        try:
            obj.full_clean(exclude=["public_id"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            column, messages = next(iter(error.message_dict.items()))
            raise MalformedData(file=key[0], row=key[1], column=column,
                                value=getattr(obj, column, None), problem=" ".join(messages)) from None


def sync_links(*, through: type[models.Model], owner_field: str, target_field: str,
               owners: list, wanted: set[tuple[int, int]], summary: Summary, what: str) -> None:
    """Add the many-to-many rows in `wanted` ((owner pk, target pk) pairs) that are missing.

    Never removes one: a link a curator added by hand (a sheriff's office a body also
    oversees) must survive a reload."""
    owner_ids = [owner.pk for owner in owners]
    current = set(
        through.objects.filter(**{f"{owner_field}__in": owner_ids}).values_list(owner_field, target_field)
    )
    added = wanted - current
    if added:
        through.objects.bulk_create([through(**{owner_field: a, target_field: b}) for a, b in sorted(added)])
    summary.notes.append(f"{what}: {len(added)} added, {len(wanted) - len(added)} already there")
