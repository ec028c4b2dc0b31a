"""Merging two officer records found to be one person, and undoing the merge."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import PublicationStatus
from core.services import audited_save
from officers.merges.models import OfficerMerge
from officers.models import Gender, Officer, Race, officer_search_badges_refresh
from officers.selectors import user_can_curate

# Fields a merge copies from the merged officer when the kept one leaves them blank.
MERGE_FILLABLE = [
    "first_name",
    "middle_name",
    "suffix",
    "race",
    "gender",
    "birth_year",
    "employment_date",
    "internal_id",
    "source_url",
    "foia_number",
    "dataset",
]
_UNKNOWN = {"race": Race.UNKNOWN, "gender": Gender.UNKNOWN}


def _is_blank(officer: Officer, name: str):
    value = getattr(officer, name)
    return value in (None, "") or value == _UNKNOWN.get(name)


def _officer_relations():
    """Every one-to-many or many-to-many relation pointing at Officer, from any app."""
    for relation in Officer._meta.related_objects:
        model = relation.related_model
        if model in (Officer, OfficerMerge) or model.__name__.startswith("Historical"):
            continue
        if relation.many_to_many:
            through = relation.through
            fk = next(
                f
                for f in through._meta.get_fields()
                if getattr(f, "related_model", None) is Officer and f.many_to_one
            )
            yield through, fk.name
        elif relation.one_to_many:
            yield model, relation.field.name


def _move(model, field_name: str, pks, to_officer: Officer, actor) -> list[int]:
    """Point each row at `to_officer`; rows a unique constraint refuses stay where they were."""
    moved = []
    for row in model._base_manager.filter(pk__in=pks):
        setattr(row, field_name, to_officer)
        try:
            with transaction.atomic():
                audited_save(
                    row,
                    actor=actor,
                    reason=f"moved to officer #{to_officer.pk}",
                    update_fields=[field_name],
                )
        except IntegrityError:
            continue
        moved.append(row.pk)
    return moved


@transaction.atomic
def officer_merge(
    *, kept: Officer, merged: Officer, actor: AbstractBaseUser | None, reason: str = ""
) -> OfficerMerge:
    """Fold `merged` into `kept`: its assignments, salaries, faces, links, descriptions, notes
    and every other app's links to it move to `kept`; blank fields of `kept` are filled in; the
    merged record is retracted and points at `kept` (its public URL redirects there).

    Everything moved is recorded, so `officer_merge_undo` can put it back.
    """
    if kept.pk == merged.pk:
        raise ValidationError(_("An officer cannot be merged with itself."))
    if kept.department_id != merged.department_id:
        raise ValidationError(_("Only officers of the same department can be merged."))
    if kept.merged_into_id or merged.merged_into_id:
        raise ValidationError(_("One of these officers has already been merged."))
    if actor is not None and not user_can_curate(actor, kept.department_id):
        raise PermissionDenied(_("You do not curate this department."))
    kept = Officer.objects.select_for_update().get(pk=kept.pk)
    merged = Officer.objects.select_for_update().get(pk=merged.pk)

    kept_before = {name: _json_value(getattr(kept, name)) for name in MERGE_FILLABLE}
    merged_internal_id = merged.internal_id
    fill = {
        name: getattr(merged, name)
        for name in MERGE_FILLABLE
        if _is_blank(kept, name) and not _is_blank(merged, name)
    }
    if "internal_id" in fill:
        # The internal id is unique per department: release it before the kept officer takes it.
        merged.internal_id = ""
        merged.save(update_fields=["internal_id"])

    moved = {}
    for model, field_name in _officer_relations():
        pks = list(
            model._base_manager.filter(**{field_name: merged}).values_list("pk", flat=True)
        )
        if pks:
            done = _move(model, field_name, pks, kept, actor)
            if done:
                moved[f"{model._meta.label}.{field_name}"] = done

    for name, value in fill.items():
        setattr(kept, name, value)
    audited_save(
        kept, actor=actor, reason=reason or f"merged officer #{merged.pk} into this record"
    )

    merge = OfficerMerge.objects.create(
        kept=kept,
        merged=merged,
        merged_status=merged.publication_status,
        kept_fields={"before": kept_before, "merged_internal_id": merged_internal_id},
        moved=moved,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    merged.publication_status = PublicationStatus.RETRACTED
    merged.merged_into = kept
    audited_save(merged, actor=actor, reason=reason or f"merged into officer #{kept.pk}")
    officer_search_badges_refresh(officer_ids=[kept.pk, merged.pk])
    return merge


@transaction.atomic
def officer_merge_undo(*, merge: OfficerMerge, actor: AbstractBaseUser | None) -> OfficerMerge:
    """Put back what `officer_merge` moved and restore both officers as they were."""
    merge = OfficerMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ValidationError(_("This merge has already been undone."))
    kept = Officer.objects.select_for_update().get(pk=merge.kept_id)
    merged = Officer.objects.select_for_update().get(pk=merge.merged_id)
    if actor is not None and not user_can_curate(actor, kept.department_id):
        raise PermissionDenied(_("You do not curate this department."))

    labels = {f"{model._meta.label}.{name}": (model, name) for model, name in _officer_relations()}
    for label, pks in merge.moved.items():
        if label not in labels:
            continue
        model, field_name = labels[label]
        still_there = model._base_manager.filter(pk__in=pks, **{field_name: kept})
        _move(model, field_name, still_there.values_list("pk", flat=True), merged, actor)

    before = merge.kept_fields.get("before", {})
    for name, value in before.items():
        field = Officer._meta.get_field(name)
        setattr(kept, name, field.to_python(value))
    audited_save(kept, actor=actor, reason=f"undid merge of officer #{merged.pk}")

    merged.internal_id = merge.kept_fields.get("merged_internal_id", merged.internal_id)
    merged.publication_status = merge.merged_status
    merged.merged_into = None
    audited_save(merged, actor=actor, reason=f"undid merge into officer #{kept.pk}")

    merge.undone_at = timezone.now()
    merge.undone_by = actor if getattr(actor, "is_authenticated", False) else None
    merge.save(update_fields=["undone_at", "undone_by", "updated_at"])
    officer_search_badges_refresh(officer_ids=[kept.pk, merged.pk])
    return merge


def _json_value(value):
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)

