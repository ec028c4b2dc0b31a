"""Train → evaluate → activate → classify pending posts, with a real Celery worker."""

import json
import shutil
import time

import pytest
from django.conf import settings
from django.core.management import call_command

from incidents.models import ClassifierModel, Post
from incidents.tasks import classify_pending_posts
from tests.factories import PostFactory
from tests.incidents.classifier_fixtures import tiny_checkpoint, tiny_data_dir  # noqa: F401

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_trained_model_ranks_pending_posts_on_the_worker(
    live_worker, tiny_checkpoint, tiny_data_dir, capsys
):
    call_command(
        "train_classifier",
        "--checkpoint",
        tiny_checkpoint,
        "--data-dir",
        str(tiny_data_dir),
        "--epochs",
        "1",
        "--tuned-layers",
        "1",
        "--max-length",
        "32",
    )
    model = ClassifierModel.objects.get()
    folder = settings.MEDIA_ROOT / model.path
    try:
        capsys.readouterr()
        call_command(
            "evaluate_classifier",
            "--model",
            model.version,
            "--json",
            "--data",
            str(tiny_data_dir / "hrf_labs36_train.csv"),
        )
        assert json.loads(capsys.readouterr().out)["examples"] == 24
        call_command("activate_classifier", model.version, "--yes")
        posts = PostFactory.create_batch(3)

        assert classify_pending_posts.delay().get(timeout=60) == {"queued": 3, "chunks": 1}

        # The worker imports torch and loads the model on its first task: over a minute on a
        # loaded 2-core machine, so the wait is generous; a fast machine leaves at once.
        deadline = time.monotonic() + 240
        while Post.objects.filter(classifier=model).count() < 3 and time.monotonic() < deadline:
            time.sleep(0.5)
        for post in Post.objects.filter(pk__in=[p.pk for p in posts]):
            assert post.classifier == model
            assert post.predicted_rank in range(6) and len(post.rank_probabilities) == 6
    finally:
        shutil.rmtree(folder, ignore_errors=True)
