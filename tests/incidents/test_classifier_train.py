"""`train_classifier` trains, evaluates on the held-out posts and registers an inactive model."""

import json

import pytest
from django.core.management import call_command

from incidents.classifier import data
from incidents.classifier.registry import classifier_train
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


@pytest.mark.parametrize("architecture", ["bert", "mpnet"])
def test_the_tuned_top_layers_rank_cached_states_as_the_whole_encoder_does(
    architecture, tmp_path
):
    """Training runs only the tuned layers on cached lower states; for BERT and for MPNet
    (whose layers need its relative position bias) that must equal the whole network."""
    import torch
    from transformers import BertConfig, BertModel, MPNetConfig, MPNetModel

    from incidents.classifier import modeling, training
    from tests.incidents.classifier_fixtures import TINY

    tokenizer = modeling.load_tokenizer("")
    config_class, model_class = {
        "bert": (BertConfig, BertModel),
        "mpnet": (MPNetConfig, MPNetModel),
    }[architecture]
    torch.manual_seed(0)
    model_class(config_class(vocab_size=tokenizer.vocab_size, **TINY)).save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    network = modeling.build_network(modeling.load_encoder(str(tmp_path)), head_hidden=0).eval()
    if architecture == "mpnet":
        # Random initialisation leaves the bias near zero; a trained MPNet's is not.
        torch.nn.init.normal_(network.encoder.encoder.relative_attention_bias.weight, std=2.0)
    batch = tokenizer(
        ["Police fired tear gas at the crowd downtown", "A quiet day"],
        padding=True,
        return_tensors="pt",
    )

    with torch.inference_mode():
        whole = network(batch["input_ids"], batch["attention_mask"])
        lower = network.encoder(
            input_ids=batch["input_ids"],
            attention_mask=batch["attention_mask"],
            output_hidden_states=True,
        ).hidden_states[1]
        top = training._top_forward(network, lower, batch["attention_mask"], 1)

    assert torch.allclose(whole, top, atol=1e-5)
