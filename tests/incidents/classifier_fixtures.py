"""Fixtures for the classifier tests: a tiny random BERT and a model folder built on it.

Importing them into a test module (`from tests.incidents.classifier_fixtures import *`) keeps
them out of the app-wide conftest. Nothing here trains the real MiniLM.
"""

import csv
import json

import pytest
from django.conf import settings

from incidents.classifier import data, modeling

TINY = {
    "hidden_size": 32,
    "num_hidden_layers": 2,
    "num_attention_heads": 2,
    "intermediate_size": 64,
    "max_position_embeddings": 128,
}

POSTS = [
    ("Lovely sunny afternoon at the farmers market with my kids", 0),
    ("Officers stood by the road while the parade went past", 1),
    ("Police tackled a protester and shoved him to the ground", 2),
    ("Officers fired rubber bullets and swung batons at the crowd", 3),
    ("Police used tear gas and pepper spray on the marchers", 4),
    ("A police officer shot and killed a man during the stop", 5),
]


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory):
    """A 2-layer, 32-wide BERT with random weights and MiniLM's tokenizer, saved locally."""
    import torch
    from transformers import BertConfig, BertModel

    folder = tmp_path_factory.mktemp("tiny-bert")
    tokenizer = modeling.load_tokenizer("")
    torch.manual_seed(0)
    BertModel(BertConfig(vocab_size=tokenizer.vocab_size, **TINY)).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return str(folder)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def tiny_model_folder(tiny_checkpoint, tmp_path):
    """A saved classifier (random head, one tuned layer) on the tiny checkpoint."""
    import torch

    torch.manual_seed(1)
    network = modeling.build_network(modeling.load_encoder(tiny_checkpoint), head_hidden=0)
    folder = tmp_path / "tiny-model"
    modeling.save_model(
        folder,
        network=network,
        config={
            "version": "tiny-1",
            "base_checkpoint": tiny_checkpoint,
            "max_length": 64,
            "pooling": "mean, L2-normalised",
            "head_hidden": 0,
            "tuned_layers": 1,
            "labels": list(range(6)),
        },
    )
    return folder


@pytest.fixture
def tiny_data_dir(tmp_path):
    """A miniature DATA_DIR: HRF-style CSV whose ids hit the recorded split, and 2020PB lines."""
    split = data.load_split()
    folder = tmp_path / "data"
    folder.mkdir()
    test_ids = split["hrf"]["test"][:6]
    validation_ids = split["hrf"]["validation"][:6]
    held = set(split["hrf"]["test"]) | set(split["hrf"]["validation"])
    train_ids = [str(n) for n in range(1, 100_000) if str(n) not in held][:12]
    with (folder / data.HRF_FILE).open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "force_rank"])
        for ids in (test_ids, validation_ids, train_ids[:6], train_ids[6:]):
            for identifier, (text, rank) in zip(ids, POSTS, strict=False):
                writer.writerow([identifier, f"{text} (post {identifier})", rank])
    with (settings.DATA_DIR / data.PB2020_FILE).open() as source:
        lines = [line for line in source if line.strip()][:10]
    (folder / data.PB2020_FILE).write_text("".join(lines))
    return folder


def labelled_csv(path, rows=POSTS):
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "force_rank"])
        writer.writerows(rows)
    return path


def labelled_jsonl(path, rows=POSTS):
    path.write_text("".join(json.dumps({"text": t, "force_rank": r}) + "\n" for t, r in rows))
    return path
