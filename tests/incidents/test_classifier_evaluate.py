"""`evaluate_classifier` reports the figures staff judge a model by."""

import json

import pytest
from django.core.management import CommandError, call_command

from incidents.classifier.inference import Predictor
from incidents.classifier.metrics import metrics_from_predictions
from incidents.classifier.registry import classifier_register
from tests.incidents.classifier_fixtures import (  # noqa: F401
    POSTS,
    labelled_csv,
    labelled_jsonl,
    media,
    tiny_checkpoint,
    tiny_model_folder,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny_model(tiny_model_folder, media):
    return classifier_register(
        version="tiny-1",
        folder=tiny_model_folder,
        metrics={},
        data_summary={},
        training_settings={},
    )


def test_metrics_are_computed_per_rank_and_for_force_used():
    truth = [0, 0, 1, 2, 3, 5]
    guess = [0, 1, 1, 2, 4, 5]

    metrics = metrics_from_predictions(truth, guess)

    assert metrics["accuracy"] == pytest.approx(4 / 6, abs=1e-4)
    assert metrics["per_class"]["1"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "support": 1,
    }
    assert metrics["confusion_matrix"][3][4] == 1
    # Ranks 0,1,2,3,5 are present (4 is not): macro-F1 averages those five.
    assert metrics["macro_f1"] == pytest.approx((0.6667 + 0.6667 + 1 + 0 + 1) / 5, abs=1e-3)
    assert metrics["force_used"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 3}


@pytest.mark.parametrize("writer", [labelled_csv, labelled_jsonl])
def test_it_prints_one_json_object_matching_the_models_predictions(
    writer, tiny_model, tmp_path, capsys
):
    path = writer(tmp_path / ("posts.csv" if writer is labelled_csv else "posts.jsonl"))

    call_command("evaluate_classifier", "--data", str(path), "--model", "tiny-1", "--json")

    result = json.loads(capsys.readouterr().out)
    assert {"accuracy", "macro_f1", "per_class", "confusion_matrix", "force_used"} <= result.keys()
    assert sorted(result["per_class"]) == ["0", "1", "2", "3", "4", "5"]
    assert len(result["confusion_matrix"]) == 6 and all(
        len(row) == 6 for row in result["confusion_matrix"]
    )
    probabilities = Predictor(tiny_model_folder_of(tiny_model)).predict_proba([t for t, _ in POSTS])
    predicted = [max(range(6), key=row.__getitem__) for row in probabilities]
    assert (
        result["accuracy"] == metrics_from_predictions([r for _, r in POSTS], predicted)["accuracy"]
    )
    assert sum(map(sum, result["confusion_matrix"])) == len(POSTS)


def tiny_model_folder_of(model):
    from incidents.classifier.selectors import classifier_folder

    return classifier_folder(model)


def test_the_text_report_shows_per_rank_figures_and_writes_a_png(tiny_model, tmp_path, capsys):
    path = labelled_csv(tmp_path / "posts.csv")
    png = tmp_path / "matrix.png"

    call_command("evaluate_classifier", "--data", str(path), "--model", "tiny-1", "--png", str(png))

    out = capsys.readouterr().out
    assert "Macro-F1" in out and "Confusion matrix" in out and "Force used (ranks 2–5)" in out
    assert png.read_bytes().startswith(b"\x89PNG")


def test_a_file_without_the_columns_gets_a_clear_error(tiny_model, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("body,label\nhello,1\n")

    with pytest.raises(CommandError, match="missing column"):
        call_command("evaluate_classifier", "--data", str(bad), "--model", "tiny-1", "--json")


def test_a_rank_out_of_range_names_the_row(tiny_model, tmp_path):
    bad = labelled_csv(tmp_path / "bad.csv", rows=[("fine", 1), ("broken", 9)])

    with pytest.raises(CommandError, match="row 3, column force_rank"):
        call_command("evaluate_classifier", "--data", str(bad), "--model", "tiny-1")


def test_an_unknown_model_version_is_reported(tiny_model, tmp_path):
    with pytest.raises(CommandError, match="no classifier model"):
        call_command(
            "evaluate_classifier",
            "--model",
            "nope",
            "--data",
            str(labelled_csv(tmp_path / "p.csv")),
        )
