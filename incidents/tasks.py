"""Celery tasks of the incidents app; `classify_*` tasks run on the `ml` queue (config/celery.py)."""

from celery import shared_task

from incidents.classifier import registry, serving
from incidents.models import ClassifierModel
from incidents.services import incident_candidates_create
from incidents.services.submissions import witness_incident_rank_from_model


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def classify_posts(post_ids: list[int], model_id: int | None = None, force: bool = False) -> dict:
    """Classify these posts (by id) with the given model, or the active one; idempotent.

    Posts the model ranks 2 or above become candidate incidents for reviewers at once.
    """
    model = ClassifierModel.objects.filter(pk=model_id).first() if model_id else None
    if model_id and model is None:
        return {"classified": 0, "skipped": len(post_ids), "flagged": 0, "candidates": 0}
    result = serving.posts_classify(post_ids=post_ids, model=model, force=force)
    result["candidates"] = incident_candidates_create(post_ids=post_ids)["created"]
    return result


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def classify_pending_posts(rescore: bool = False) -> dict:
    """Beat job: send every post still waiting for the serving model to `classify_posts`."""
    model = registry.classifier_serving_ensure()
    if model is None:
        return {"queued": 0, "chunks": 0}
    chunks = serving.pending_chunks(model=model, rescore=rescore)
    for chunk in chunks:
        classify_posts.delay(chunk, model.pk)
    return {"queued": sum(len(chunk) for chunk in chunks), "chunks": len(chunks)}


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def classify_submission(post_id: int) -> dict:
    """Rank a witness's account with the serving model, like any post, and let the model's rank
    stand in where the witness gave none."""
    result = serving.posts_classify(post_ids=[post_id])
    result["rank_changed"] = witness_incident_rank_from_model(post_id=post_id)
    return result
