"""Posts get a rank, probabilities, confidence and model version; doubtful ones go to people."""

import pytest
from django.utils import timezone

from incidents.classifier import registry, serving
from incidents.classifier.inference import Prediction
from incidents.models import ClassifierModel, Incident, Post, ScoredBy
from incidents.tasks import classify_pending_posts, classify_posts
from tests.factories import PostFactory
from tests.incidents.classifier_fixtures import (  # noqa: F401
    media,
    tiny_checkpoint,
    tiny_model_folder,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks")]


@pytest.fixture
def tiny_model(tiny_model_folder, media):
    model = registry.classifier_register(
        version="tiny-1",
        folder=tiny_model_folder,
        metrics={},
        data_summary={},
        training_settings={},
    )
    return registry.classifier_activate(model=model)


class FixedPredictor:
    """Stands in for the network where a test needs to choose the model's answer."""

    def __init__(self, rows):
        self.rows = rows

    def predict(self, texts, **options):
        return [Prediction(self.rows[text], ScoredBy.ENCODER) for text in texts]


def _one_hot(rank, confidence):
    rest = (1 - confidence) / 5
    return [confidence if value == rank else rest for value in range(6)]


def test_the_task_stores_rank_probabilities_confidence_and_model(tiny_model):
    posts = PostFactory.create_batch(3)

    summary = classify_posts.delay([post.pk for post in posts]).get()

    assert summary == {
        "classified": 3,
        "skipped": 0,
        "flagged": summary["flagged"],
        "candidates": summary["candidates"],
    }
    for post in Post.objects.all():
        assert post.predicted_rank in range(6)
        assert len(post.rank_probabilities) == 6
        assert sum(post.rank_probabilities) == pytest.approx(1, abs=1e-3)
        assert post.confidence == pytest.approx(max(post.rank_probabilities), abs=1e-3)
        assert post.classifier == tiny_model
        assert post.scored_by == ScoredBy.ENCODER
        assert post.classified_at is not None


def test_classifying_twice_changes_nothing_the_second_time(tiny_model):
    post = PostFactory()
    classify_posts.delay([post.pk]).get()
    first = Post.objects.get(pk=post.pk)

    summary = classify_posts.delay([post.pk]).get()

    again = Post.objects.get(pk=post.pk)
    assert summary["classified"] == 0 and summary["skipped"] == 1
    assert again.classified_at == first.classified_at
    assert again.rank_probabilities == first.rank_probabilities


def test_the_beat_job_classifies_only_pending_posts(tiny_model):
    done = PostFactory(classifier=tiny_model, classified_at=timezone.now(), predicted_rank=1)
    waiting = PostFactory.create_batch(2)

    result = classify_pending_posts.delay().get()

    assert result == {"queued": 2, "chunks": 1}
    assert Post.objects.filter(classified_at__isnull=True).count() == 0
    assert Post.objects.get(pk=done.pk).predicted_rank == 1
    assert {post.pk for post in Post.objects.filter(classifier=tiny_model)} >= {
        p.pk for p in waiting
    }


def test_rescoring_reranks_posts_a_previous_model_classified(tiny_model, tiny_model_folder):
    old = ClassifierModel.objects.create(version="old", base_checkpoint="x", path="nowhere")
    post = PostFactory(classifier=old, classified_at=timezone.now(), predicted_rank=5)

    assert classify_pending_posts.delay().get()["queued"] == 0
    assert classify_pending_posts.delay(rescore=True).get()["queued"] == 1
    assert Post.objects.get(pk=post.pk).classifier == tiny_model


@pytest.mark.parametrize(
    ("text", "rank", "confidence", "flagged"),
    [
        ("A sunny afternoon in the park", 0, 0.95, False),
        ("A sunny afternoon in the park", 0, 0.40, True),
        ("Police fired tear gas at the crowd", 1, 0.90, True),
        ("Police fired tear gas at the crowd", 4, 0.90, False),
        ("Officers stood by the road", 5, 0.70, True),
        ("Officers shot a man on Main Street", 5, 0.70, False),
    ],
)
def test_low_confidence_or_disagreeing_cues_flag_the_post(
    tiny_model, monkeypatch, settings, text, rank, confidence, flagged
):
    settings.CLASSIFIER_MIN_CONFIDENCE = 0.6
    monkeypatch.setattr(
        "incidents.classifier.inference.predictor_for",
        lambda folder: FixedPredictor({text: _one_hot(rank, confidence)}),
    )
    post = PostFactory(text=text)

    serving.posts_classify(post_ids=[post.pk])

    post.refresh_from_db()
    assert post.predicted_rank == rank
    assert post.needs_review is flagged


def test_with_no_active_model_nothing_is_classified(tiny_model_folder, media):
    registry.classifier_register(
        version="inactive",
        folder=tiny_model_folder,
        metrics={},
        data_summary={},
        training_settings={},
    )
    post = PostFactory()

    assert classify_pending_posts.delay().get() == {"queued": 0, "chunks": 0}
    assert Post.objects.get(pk=post.pk).classified_at is None


def test_asking_which_model_serves_registers_nothing(media):
    assert serving.classifier_for_serving() is None
    assert not ClassifierModel.objects.exists()


def test_a_fresh_install_ranks_posts_with_the_shipped_model(media):
    """No model registered: the beat job registers the shipped MiniLM model and uses it."""
    tear_gas = PostFactory(text="Police fired tear gas and pepper balls at protesters downtown")
    shooting = PostFactory(text="Officer shot and killed an unarmed man during a traffic stop")
    picnic = PostFactory(text="Beautiful day for a picnic with the family at the lake")

    classify_pending_posts.delay().get()

    active = ClassifierModel.objects.get(is_active=True)
    assert (media / active.path / "classifier.json").is_file()
    assert Post.objects.get(pk=tear_gas.pk).predicted_rank == 4
    assert Post.objects.get(pk=shooting.pk).predicted_rank == 5
    assert Post.objects.get(pk=picnic.pk).predicted_rank == 0


def test_posts_ranked_two_or_above_become_candidate_incidents(tiny_model, monkeypatch):
    ranks = {"Police fired tear gas at the march": 4, "A quiet day at the lake": 0}
    monkeypatch.setattr(
        "incidents.classifier.inference.predictor_for",
        lambda folder: FixedPredictor({text: _one_hot(rank, 0.9) for text, rank in ranks.items()}),
    )
    tear_gas = PostFactory(text="Police fired tear gas at the march")
    lake = PostFactory(text="A quiet day at the lake")

    summary = classify_posts.delay([tear_gas.pk, lake.pk]).get()

    assert summary["candidates"] == 1
    incident = Incident.objects.get()
    assert (incident.post, incident.force_rank, incident.review_status) == (tear_gas, 4, "candidate")
    assert classify_posts.delay([tear_gas.pk, lake.pk], force=True).get()["candidates"] == 0


def test_repeated_posts_are_encoded_once_and_answered_in_order(tiny_model_folder):
    from incidents.classifier.inference import Predictor

    predictor = Predictor(tiny_model_folder, quantize=False, ensemble=False)
    batch_sizes = []
    network = predictor.network

    def counting_network(input_ids, attention_mask):
        batch_sizes.append(len(input_ids))
        return network(input_ids, attention_mask)

    predictor.network = counting_network
    original = "Officers used tear gas on the crowd https://t.co/abc"
    texts = [original, "A calm protest downtown", "Officers used tear gas on the crowd", original]

    rows = predictor.encoder_proba(texts, batch_size=8)

    assert sum(batch_sizes) == 2
    assert rows[0] == rows[2] == rows[3] != rows[1]
    assert rows[1] == pytest.approx(predictor.encoder_proba([texts[1]])[0], abs=1e-5)
    assert rows[0] == pytest.approx(predictor.encoder_proba([texts[2]])[0], abs=1e-5)


@pytest.mark.parametrize(
    "probabilities, priority",
    [
        ([0.5, 0.5, 0, 0, 0, 0], 1.0),  # torn between no police and police, no force
        ([0.9, 0.1, 0, 0, 0, 0], 0.2),
        ([0.0, 1 / 3, 1 / 3, 1 / 3, 0, 0], 1.0),  # torn among the middle ranks
        ([0.0, 0.0, 0.0, 0.0, 0.5, 0.5], 0.0),  # unsure, but not where the model errs
    ],
)
def test_the_labelling_priority_measures_doubt_between_ranks_0_and_1_and_among_1_to_3(
    tiny_model, monkeypatch, probabilities, priority
):
    text = "Officers stood by the road while the parade went past"
    monkeypatch.setattr(
        "incidents.classifier.inference.predictor_for",
        lambda folder: FixedPredictor({text: probabilities}),
    )
    post = PostFactory(text=text)

    serving.posts_classify(post_ids=[post.pk])

    post.refresh_from_db()
    assert post.labelling_priority == pytest.approx(priority, abs=1e-3)
