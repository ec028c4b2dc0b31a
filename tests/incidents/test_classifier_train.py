"""`train_classifier` trains, evaluates on the held-out posts and registers an inactive model."""

import json

import pytest
from django.core.management import call_command

from incidents.classifier import data
from incidents.classifier.services import classifier_train
from incidents.classifier.training import TrainingSettings
from incidents.models import ClassifierModel
from tests.incidents.classifier_fixtures import media, tiny_checkpoint, tiny_data_dir  # noqa: F401

pytestmark = pytest.mark.django_db


def test_it_trains_and_registers_an_inactive_model_with_its_evaluation(
    tiny_checkpoint, tiny_data_dir, media, capsys
):
    call_command(
        "train_classifier",
        "--checkpoint",
        tiny_checkpoint,
        "--data-dir",
        str(tiny_data_dir),
        "--epochs",
        "2",
        "--tuned-layers",
        "1",
        "--max-length",
        "32",
    )

    model = ClassifierModel.objects.get()
    assert model.is_active is False
    assert "activate_classifier " + model.version in capsys.readouterr().out
    assert model.base_checkpoint == tiny_checkpoint
    assert {
        "accuracy",
        "macro_f1",
        "per_class",
        "confusion_matrix",
        "force_used",
    } <= model.metrics.keys()
    assert model.metrics["examples"] == 6
    assert model.data_summary["train"]["rows"] > 0
    assert model.training_settings["tuned_layers"] == 1
    folder = media / model.path
    assert {"classifier.json", "weights.safetensors", "test.json", "test.txt", "test.png"} <= {
        path.name for path in folder.iterdir()
    }
    assert json.loads((folder / "test.json").read_text())["examples"] == 6


def test_labels_from_our_queue_join_the_training_posts(tiny_checkpoint, tiny_data_dir, media):
    extra = [("Deputies tased a man outside the station", 4), ("Nice weather today", 0)]

    model = classifier_train(
        options=TrainingSettings(
            checkpoint=tiny_checkpoint, epochs=1, tuned_layers=0, max_length=32
        ),
        extra_examples=extra,
        data_dir=tiny_data_dir,
    )

    assert model.data_summary["train"]["per_source"]["queue"]["4"] == 1
    assert model.data_summary["train"]["per_source"]["queue"]["0"] == 1


def test_the_dry_run_prints_the_data_summary_without_training(tiny_data_dir, media, capsys):
    call_command("train_classifier", "--data-dir", str(tiny_data_dir), "--dry-run")

    summary = json.loads(capsys.readouterr().out)
    assert sum(summary["test"]["per_source"]["hrf"].values()) == 6
    assert summary["split_seed"] == data.SPLIT_SEED
    assert not ClassifierModel.objects.exists()
