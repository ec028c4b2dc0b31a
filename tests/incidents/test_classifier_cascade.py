"""The serving cascade: the word model alone ranks posts whose rank the encoder cannot change."""

import numpy as np
import pytest

from incidents.classifier import data, lexical
from incidents.classifier.cascade import word_model_settles
from incidents.classifier.inference import Predictor
from incidents.classifier.registry import SHIPPED_FOLDER, classifier_shipped_register
from incidents.classifier.serving import posts_classify
from incidents.models import Post, ScoredBy
from tests.factories import PostFactory
from tests.incidents.classifier_fixtures import media  # noqa: F401

CALM = "Officers stood by the road while the parade went past"
TEAR_GAS = "Police fired tear gas and pepper spray at protesters"


@pytest.mark.parametrize(
    "text, word_row, settles",
    [
        # A lead of 0.9 over the runner-up: no encoder answer moves rank 4 off the top.
        (TEAR_GAS, [0.02, 0.02, 0.02, 0.02, 0.9, 0.02], True),
        # A lead of 0.4 (under 0.3 / 0.7): the encoder could still make rank 0 win.
        (TEAR_GAS, [0.3, 0.0, 0.0, 0.0, 0.7, 0.0], False),
        # The rank is certain but 0.65 is near the 0.6 review threshold: the encoder decides.
        (CALM, [0.05, 0.65, 0.1, 0.1, 0.05, 0.05], False),
        # Words naming force beside rank 1 flag the post whatever the confidence.
        (TEAR_GAS, [0.05, 0.65, 0.1, 0.1, 0.05, 0.05], True),
    ],
)
def test_the_word_model_settles_only_posts_whose_rank_and_flag_the_encoder_cannot_change(
    text, word_row, settles
):
    assert (
        word_model_settles(
            text=text, word_row=word_row, encoder_weight=0.3, min_confidence=0.6
        )
        is settles
    )


def test_the_cascade_ranks_held_out_posts_exactly_as_the_full_ensemble():
    """On held-out 2020PB posts, which every checkout ships (the HRF tweets live only in
    ../shared), in float32 as served."""
    test_ids = set(data.load_split()["pb2020"]["test"])
    texts = [example.text for example in data.pb2020_examples() if example.id in test_ids][::2]
    predictor = Predictor(SHIPPED_FOLDER, quantize=False)

    full = np.array(predictor.predict_proba(texts))
    cascade = predictor.predict(texts, cascade=True, min_confidence=0.6)
    words = np.array(predictor.lexical.predict_proba(texts))

    stored = np.array([prediction.probabilities for prediction in cascade])
    assert stored.argmax(axis=1).tolist() == full.argmax(axis=1).tolist()
    by_words = np.array([p.scored_by == ScoredBy.WORD_MODEL for p in cascade])
    assert 0.2 < by_words.mean() < 0.8, "the encoder is skipped for a good share of the posts"
    assert np.allclose(stored[by_words], words[by_words])
    assert np.abs(stored[~by_words] - full[~by_words]).max() <= 1e-6


@pytest.mark.django_db
def test_a_clear_post_stores_the_word_models_answer_and_says_so(media, settings):
    settings.CLASSIFIER_MIN_CONFIDENCE = 0.6
    model = classifier_shipped_register(activate=True)
    clear, doubtful = PostFactory(text=TEAR_GAS), PostFactory(text=CALM)
    words = lexical.LexicalModel.load(SHIPPED_FOLDER).predict_proba([TEAR_GAS])[0]

    posts_classify(post_ids=[clear.pk, doubtful.pk], model=model)

    clear.refresh_from_db()
    doubtful.refresh_from_db()
    assert clear.scored_by == ScoredBy.WORD_MODEL
    assert clear.rank_probabilities == pytest.approx(words, abs=1e-4)
    assert (clear.predicted_rank, clear.needs_review) == (4, False)
    assert doubtful.scored_by == ScoredBy.ENSEMBLE

    settings.CLASSIFIER_CASCADE = False
    posts_classify(post_ids=[clear.pk], model=model, force=True)

    assert Post.objects.get(pk=clear.pk).scored_by == ScoredBy.ENSEMBLE


def _held_out_pb2020_texts():
    test_ids = set(data.load_split()["pb2020"]["test"])
    return [example.text for example in data.pb2020_examples() if example.id in test_ids][::2]


@pytest.mark.parametrize("quantize", [True, False], ids=["int8", "float32"])
def test_a_post_gets_the_same_answer_whatever_it_is_batched_with(quantize):
    """Batch-mates and their lengths must not move a post's probabilities: each post runs padded
    to its own length bucket (float32, as served), or alone (int8, whose activation scale is
    per batch)."""
    texts = _held_out_pb2020_texts()
    predictor = Predictor(SHIPPED_FOLDER, quantize=quantize)
    reference = np.array(predictor.predict_proba(texts, batch_size=32))

    order = np.random.default_rng(7).permutation(len(texts))
    for batch_size in (1, 5, 7, 64):
        shuffled = np.array(
            predictor.predict_proba([texts[i] for i in order], batch_size=batch_size)
        )
        again = np.empty_like(shuffled)
        again[order] = shuffled
        assert np.abs(again - reference).max() <= 1e-6
        assert again.argmax(axis=1).tolist() == reference.argmax(axis=1).tolist()


def test_the_quantised_cascade_ranks_held_out_posts_exactly_as_the_full_ensemble():
    texts = _held_out_pb2020_texts()
    predictor = Predictor(SHIPPED_FOLDER, quantize=True)

    full = np.array(predictor.predict_proba(texts))
    cascade = predictor.predict(texts, cascade=True, min_confidence=0.6)

    stored = np.array([prediction.probabilities for prediction in cascade])
    assert stored.argmax(axis=1).tolist() == full.argmax(axis=1).tolist()
    by_encoder = np.array([p.scored_by == ScoredBy.ENSEMBLE for p in cascade])
    assert np.abs(stored[by_encoder] - full[by_encoder]).max() <= 1e-6
