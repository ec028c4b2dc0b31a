"""The ensemble: MiniLM's probabilities averaged with a TF-IDF logistic regression's."""

import json

import numpy as np
import pytest
from django.core.management import call_command

from incidents.classifier import ensemble, lexical
from incidents.classifier.data import Example
from incidents.classifier.inference import Predictor
from incidents.classifier.registry import SHIPPED_FOLDER, classifier_register
from incidents.classifier.serving import posts_classify
from incidents.models import ClassifierModel, Post, ScoredBy
from tests.factories import PostFactory
from tests.incidents.classifier_fixtures import (  # noqa: F401
    POSTS,
    labelled_csv,
    media,
    tiny_checkpoint,
    tiny_data_dir,
    tiny_model_folder,
)

pytestmark = pytest.mark.django_db

EXAMPLES = [Example(text, rank, "hrf", str(n)) for n, (text, rank) in enumerate(POSTS * 2)]


def test_the_saved_lexical_model_scores_exactly_as_scikit_learn_fitted_it(tmp_path):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    options = lexical.LexicalSettings(min_df=1)
    lexical.fit(EXAMPLES, options).save(tmp_path)
    loaded = lexical.LexicalModel.load(tmp_path)

    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    features = vectoriser.fit_transform([example.text for example in EXAMPLES])
    reference = LogisticRegression(C=options.c, max_iter=2000).fit(
        features, [example.rank for example in EXAMPLES]
    )
    texts = ["Police fired tear gas at the march", "A quiet day at the market"]
    assert np.allclose(
        loaded.predict_proba(texts),
        reference.predict_proba(vectoriser.transform(texts)),
        atol=1e-5,
    )


def test_a_model_with_a_lexical_part_serves_the_weighted_average(
    tiny_model_folder, media, settings
):
    settings.CLASSIFIER_CASCADE = False
    figures = ensemble.attach(tiny_model_folder, train=EXAMPLES, validation=EXAMPLES[:6])
    model = classifier_register(
        version="tiny-lex",
        folder=tiny_model_folder,
        metrics={},
        data_summary={},
        training_settings={},
    )
    post = PostFactory(title="", text="Police used tear gas and pepper spray on the marchers")

    posts_classify(post_ids=[post.pk], model=model)

    predictor = Predictor(tiny_model_folder, quantize=False)
    weight = figures["encoder_weight"]
    assert predictor.encoder_weight == weight
    expected = lexical.blend(
        predictor.encoder_proba([post.text]), predictor.lexical.predict_proba([post.text]), weight
    )[0]
    stored = Post.objects.get(pk=post.pk)
    assert stored.rank_probabilities == pytest.approx(expected, abs=1e-3)
    assert stored.predicted_rank == int(np.argmax(expected))
    # The network is random, so the words decide: the blend puts the TF-IDF share in.
    assert weight < 1 and stored.predicted_rank == 4
    assert stored.scored_by == ScoredBy.ENSEMBLE


def test_ensemble_with_adds_tfidf_to_a_registered_encoder_and_evaluation_reports_both_halves(
    tiny_model_folder, tiny_data_dir, media, tmp_path, capsys
):
    classifier_register(
        version="tiny-1",
        folder=tiny_model_folder,
        metrics={},
        data_summary={},
        training_settings={},
    )

    call_command(
        "train_classifier", "--ensemble-with", "tiny-1", "--data-dir", str(tiny_data_dir)
    )

    model = ClassifierModel.objects.exclude(version="tiny-1").get()
    assert model.is_active is False and "-lex-" in model.version
    assert (media / model.path / lexical.FILE).is_file()
    assert {"encoder", "lexical", "encoder_weight"} <= model.metrics["components"].keys()
    capsys.readouterr()

    labelled = str(labelled_csv(tmp_path / "labelled.csv"))
    call_command("evaluate_classifier", "--model", model.version, "--data", labelled)
    assert "ensemble: MiniLM × " in capsys.readouterr().out
    call_command(
        "evaluate_classifier",
        "--model",
        model.version,
        "--data",
        labelled,
        "--json",
    )
    report = json.loads(capsys.readouterr().out)
    assert report["components"]["lexical"]["examples"] == len(POSTS)


def test_the_shipped_model_is_an_ensemble_within_the_size_limit():
    config = json.loads((SHIPPED_FOLDER / "classifier.json").read_text())
    words = lexical.LexicalModel.load(SHIPPED_FOLDER)

    assert 0 < config["ensemble"]["encoder_weight"] < 1
    assert sum(path.stat().st_size for path in SHIPPED_FOLDER.iterdir()) <= 10 * 1024 * 1024
    ranks = np.argmax(
        words.predict_proba(
            ["Police fired tear gas and pepper spray at protesters", "Lovely day at the beach"]
        ),
        axis=1,
    )
    assert ranks.tolist() == [4, 0]


def test_a_model_on_another_encoder_ships_with_its_checkpoint_named(
    tiny_model_folder, tiny_checkpoint, media, tmp_path
):
    from incidents.classifier.registry import classifier_ship

    model = classifier_register(
        version="tiny-1",
        folder=tiny_model_folder,
        metrics={"accuracy": 0.5},
        data_summary={},
        training_settings={},
    )

    shipped = classifier_ship(model=model, folder=tmp_path / "artefact")

    config = json.loads((shipped / "classifier.json").read_text())
    assert config["base_checkpoint"] == tiny_checkpoint
    assert config["weights_dtype"] == "float16"
    served = Predictor(shipped, quantize=False, ensemble=False).encoder_proba(["tear gas"])
    original = Predictor(tiny_model_folder, quantize=False, ensemble=False).encoder_proba(
        ["tear gas"]
    )
    assert served[0] == pytest.approx(original[0], abs=1e-2)


def test_a_model_too_large_for_the_repository_is_refused(
    tiny_model_folder, media, tmp_path, monkeypatch
):
    from incidents.classifier import registry

    model = classifier_register(
        version="tiny-1", folder=tiny_model_folder, metrics={}, data_summary={}, training_settings={}
    )
    monkeypatch.setattr(registry, "SHIP_LIMIT_BYTES", 1000)

    with pytest.raises(ValueError, match="MEDIA_ROOT"):
        registry.classifier_ship(model=model, folder=tmp_path / "artefact")
    assert not (tmp_path / "artefact").exists()
