"""Reads for the classifier: the serving model, posts waiting for it, where model files are."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db.models import Q, QuerySet

from incidents.models import ClassifierModel, Post


def classifier_active() -> ClassifierModel | None:
    return ClassifierModel.objects.filter(is_active=True).first()


def classifier_by_version(version: str) -> ClassifierModel:
    """The registered model called `version`; raises ClassifierModel.DoesNotExist."""
    return ClassifierModel.objects.get(version=version)


def classifier_folder(model: ClassifierModel) -> Path:
    path = Path(model.path)
    return path if path.is_absolute() else Path(settings.MEDIA_ROOT) / path


def posts_pending(*, model: ClassifierModel, rescore: bool = False) -> QuerySet[Post]:
    """Posts never classified; with `rescore`, also those classified by another model."""
    condition = Q(classified_at__isnull=True)
    if rescore:
        condition |= ~Q(classifier=model) | Q(classifier__isnull=True)
    return Post.objects.filter(condition).order_by("id")
