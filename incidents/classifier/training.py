"""Training: cache the frozen lower encoder once, then train the top layers and the head.

The encoder's lower layers never change, so their output for every training text is computed
once (and cached on disk, keyed by checkpoint, layer and text); each epoch then runs only the
`tuned_layers` top layers plus the head. With `tuned_layers=0` the encoder is frozen entirely
and training fits the head on cached sentence embeddings in seconds; with all layers tuned it is
a full fine-tune (the best-model path, hours on two CPU cores).

Imbalance: ranks 2 and 3 are rare in the human-labelled posts, so their examples are repeated
(`oversample`) and the loss weighs each rank by the inverse square root of its frequency.
Model selection uses the validation split only; the test split is never seen here.
"""

from __future__ import annotations

import hashlib
import math
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings

from incidents.classifier import modeling
from incidents.classifier.batching import length_sorted_batches
from incidents.classifier.data import Dataset, Example, clean_text
from incidents.classifier.metrics import compute_metrics


@dataclass
class TrainingSettings:
    checkpoint: str = ""
    tuned_layers: int = 2
    head_hidden: int = 0
    epochs: int = 3
    batch_size: int = 32
    learning_rate: float = 1e-4
    head_learning_rate: float = 2e-3
    weight_decay: float = 0.01
    dropout: float = 0.1
    max_length: int = 0
    oversample: dict[int, int] = field(default_factory=lambda: {2: 2, 3: 3})
    silver_weight: float = 1.0
    seed: int = 13
    selection_metric: str = "macro_f1"

    def resolved(self) -> TrainingSettings:
        return TrainingSettings(
            **{
                **asdict(self),
                "checkpoint": self.checkpoint or modeling.configured_checkpoint(),
                "max_length": self.max_length or settings.CLASSIFIER_MAX_LENGTH,
                "oversample": {int(rank): int(times) for rank, times in self.oversample.items()},
            }
        )


@dataclass
class TrainingResult:
    network: object
    config: dict
    validation_metrics: dict
    history: list[dict]


def _cache_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "classifier" / "cache"


class LowerLayerCache:
    """Output of the frozen part of the encoder per text, computed once, kept on disk."""

    def __init__(self, network, tokenizer, *, checkpoint: str, split_layer: int, max_length: int):
        self.network = network
        self.tokenizer = tokenizer
        self.split_layer = split_layer
        self.max_length = max_length
        key = f"{modeling.checkpoint_fingerprint(checkpoint)}-l{split_layer}-m{max_length}"
        self.path = _cache_folder() / f"{key}.pt"
        self.entries: dict[str, object] = {}
        self.dirty = False

    def load(self) -> None:
        import torch

        if self.path.is_file():
            self.entries = torch.load(self.path, weights_only=True)

    def save(self) -> None:
        import torch

        if self.dirty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(".tmp")
            torch.save(self.entries, partial)
            partial.replace(self.path)
            self.dirty = False

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode()).hexdigest()

    def states(self, texts: list[str], *, progress: Callable[[str], None]) -> list:
        """Per text: [tokens, width] float16 states entering the tuned layers (or, with no tuned
        layers, the pooled sentence embedding)."""
        import torch

        missing = sorted({text for text in texts if self.key(text) not in self.entries})
        if missing:
            progress(f"encoding {len(missing)} texts with the frozen encoder")
            started = time.monotonic()
            with torch.inference_mode():
                for indices, batch in length_sorted_batches(
                    self.tokenizer, missing, max_length=self.max_length, batch_size=64
                ):
                    output = self.network.encoder(
                        input_ids=batch["input_ids"],
                        attention_mask=batch["attention_mask"],
                        output_hidden_states=True,
                    )
                    mask = batch["attention_mask"]
                    if self.split_layer == self.network.encoder.config.num_hidden_layers:
                        pooled = _mean_pool(output.last_hidden_state, mask)
                        for row, index in enumerate(indices):
                            self.entries[self.key(missing[index])] = pooled[row].half().clone()
                    else:
                        hidden = output.hidden_states[self.split_layer]
                        lengths = mask.sum(1).tolist()
                        for row, index in enumerate(indices):
                            self.entries[self.key(missing[index])] = (
                                hidden[row, : lengths[row]].half().clone()
                            )
            self.dirty = True
            progress(f"encoded in {time.monotonic() - started:.0f} s")
        return [self.entries[self.key(text)] for text in texts]


def _mean_pool(hidden, mask):
    import torch

    weights = mask.unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, dim=-1)


def _pad(states: list):
    import torch

    longest = max(state.shape[0] for state in states)
    width = states[0].shape[-1]
    hidden = torch.zeros(len(states), longest, width)
    mask = torch.zeros(len(states), longest, dtype=torch.long)
    for row, state in enumerate(states):
        hidden[row, : state.shape[0]] = state.float()
        mask[row, : state.shape[0]] = 1
    return hidden, mask


def _top_forward(network, hidden, mask, split_layer: int):
    """Run the tuned top layers on cached lower states, pool, classify."""
    from transformers.masking_utils import create_bidirectional_mask

    encoder = network.encoder
    layer_mask = create_bidirectional_mask(
        config=encoder.config, inputs_embeds=hidden, attention_mask=mask
    )
    # MPNet's layers add a relative position bias that its encoder computes once for all
    # layers; BERT's have none. Without it an MPNet's tuned layers see no word order.
    extra = {}
    if hasattr(encoder.encoder, "compute_position_bias"):
        extra["position_bias"] = encoder.encoder.compute_position_bias(hidden)
    for layer in encoder.encoder.layer[split_layer:]:
        hidden = layer(hidden, layer_mask, **extra)
        if isinstance(hidden, tuple):
            hidden = hidden[0]
    return network.head(_mean_pool(hidden, mask))


def _logits_for(network, states: list, split_layer: int, *, pooled: bool):
    import torch

    if pooled:
        return network.head(torch.stack([state.float() for state in states]))
    hidden, mask = _pad(states)
    return _top_forward(network, hidden, mask, split_layer)


def _class_weights(examples: list[Example]) -> list[float]:
    counts = Counter(example.rank for example in examples)
    total = sum(counts.values())
    raw = [1 / math.sqrt(counts[rank] / total) if counts.get(rank) else 0.0 for rank in range(6)]
    present = [weight for weight in raw if weight]
    mean = sum(present) / len(present)
    return [weight / mean for weight in raw]


def _predict(network, states: list, split_layer: int, *, pooled: bool, batch_size: int):
    import torch

    order = sorted(range(len(states)), key=lambda index: states[index].shape[0])
    probabilities = [None] * len(states)
    network.eval()
    with torch.inference_mode():
        for start in range(0, len(order), batch_size * 2):
            indices = order[start : start + batch_size * 2]
            logits = _logits_for(network, [states[i] for i in indices], split_layer, pooled=pooled)
            for row, index in enumerate(indices):
                probabilities[index] = logits[row].softmax(-1).tolist()
    return probabilities


def _training_items(dataset: Dataset, states: list, options: TrainingSettings) -> list[tuple]:
    """(state, rank, weight) per training example: rare ranks repeated, silver weighed."""
    items: list[tuple[object, int, float]] = []
    for example, state in zip(dataset.train, states, strict=True):
        weight = options.silver_weight if example.source == "pb2020" else 1.0
        items.extend([(state, example.rank, weight)] * options.oversample.get(example.rank, 1))
    return items


def _optimiser(network, options: TrainingSettings, *, total_steps: int):
    """AdamW over the head and the tuned layers (their own rates), linear warm-up and decay."""
    import torch

    prefixes = modeling.tuned_layer_prefixes(network, options.tuned_layers)
    for name, parameter in network.named_parameters():
        parameter.requires_grad = name.startswith("head.") or name.startswith(tuple(prefixes))
    head_parameters = [p for n, p in network.named_parameters() if n.startswith("head.")]
    layer_parameters = [
        p for n, p in network.named_parameters() if p.requires_grad and not n.startswith("head.")
    ]
    groups = [{"params": head_parameters, "lr": options.head_learning_rate}]
    if layer_parameters:
        groups.append({"params": layer_parameters, "lr": options.learning_rate})
    optimiser = torch.optim.AdamW(groups, weight_decay=options.weight_decay)
    warmup = max(1, total_steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda step: min(
            (step + 1) / warmup, max(0.0, (total_steps - step) / max(1, total_steps - warmup))
        ),
    )
    return optimiser, scheduler


def _shuffled_batches(items: list[tuple], batch_size: int) -> list[list[tuple]]:
    """Buckets of similar length, shuffled: little padding, still random order."""
    random.shuffle(items)
    batches = []
    for start in range(0, len(items), batch_size * 20):
        chunk = sorted(items[start : start + batch_size * 20], key=lambda item: item[0].shape[0])
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    random.shuffle(batches)
    return batches


def _train_epoch(network, batches, *, optimiser, scheduler, class_weights, split_layer, pooled):
    """One pass over the batches; the mean loss."""
    import torch

    network.train()
    network.encoder.embeddings.eval()
    running = 0.0
    for batch in batches:
        logits = _logits_for(network, [item[0] for item in batch], split_layer, pooled=pooled)
        targets = torch.tensor([item[1] for item in batch])
        sample_weights = torch.tensor([item[2] for item in batch])
        losses = torch.nn.functional.cross_entropy(
            logits, targets, weight=class_weights, reduction="none"
        )
        loss = (losses * sample_weights).sum() / (class_weights[targets] * sample_weights).sum()
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(network.parameters(), 1.0)
        optimiser.step()
        scheduler.step()
        running += loss.item()
    return running / max(1, len(batches))


def _human_validation_metrics(validation: list[Example], probabilities: list) -> dict:
    """Scores on the human-labelled validation posts (all of them when there are none)."""
    ranks = [example.rank for example in validation]
    human = [i for i, example in enumerate(validation) if example.source != "pb2020"]
    if not human:
        return compute_metrics(ranks, probabilities)
    return compute_metrics([ranks[i] for i in human], [probabilities[i] for i in human])


def _fit(
    network,
    *,
    items: list[tuple],
    class_weights: list[float],
    validation: list[Example],
    validation_states: list,
    options: TrainingSettings,
    split_layer: int,
    progress: Callable[[str], None],
) -> tuple[dict, dict, list[dict]]:
    """Train for `options.epochs`; the best epoch's state (by validation), its scores, history."""
    import torch

    pooled = options.tuned_layers == 0
    weights = torch.tensor(class_weights)
    steps_per_epoch = math.ceil(len(items) / options.batch_size)
    optimiser, scheduler = _optimiser(
        network, options, total_steps=max(1, steps_per_epoch * options.epochs)
    )
    best_score, best_state, best_metrics, history = -1.0, None, {}, []
    for epoch in range(1, options.epochs + 1):
        started = time.monotonic()
        loss = _train_epoch(
            network,
            _shuffled_batches(items, options.batch_size),
            optimiser=optimiser,
            scheduler=scheduler,
            class_weights=weights,
            split_layer=split_layer,
            pooled=pooled,
        )
        probabilities = _predict(
            network, validation_states, split_layer, pooled=pooled, batch_size=options.batch_size
        )
        human_metrics = _human_validation_metrics(validation, probabilities)
        history.append(
            {
                "epoch": epoch,
                "loss": round(loss, 4),
                "validation_accuracy": round(human_metrics["accuracy"], 4),
                "validation_macro_f1": round(human_metrics["macro_f1"], 4),
                "seconds": round(time.monotonic() - started, 1),
            }
        )
        progress(
            f"epoch {epoch}/{options.epochs}: loss {history[-1]['loss']}, validation accuracy "
            f"{human_metrics['accuracy']:.3f}, macro-F1 {human_metrics['macro_f1']:.3f} "
            f"({history[-1]['seconds']} s)"
        )
        if human_metrics[options.selection_metric] > best_score:
            best_score, best_metrics = human_metrics[options.selection_metric], human_metrics
            best_state = modeling.trainable_state(network, options.tuned_layers)
    return best_state, best_metrics, history


def train(
    *,
    dataset: Dataset,
    options: TrainingSettings,
    progress: Callable[[str], None] = lambda message: None,
) -> TrainingResult:
    import torch

    options = options.resolved()
    modeling.set_threads()
    random.seed(options.seed)
    torch.manual_seed(options.seed)
    if not dataset.train:
        raise ValueError("no training examples")

    tokenizer = modeling.load_tokenizer(options.checkpoint)
    encoder = modeling.load_encoder(options.checkpoint)
    network = modeling.build_network(
        encoder, head_hidden=options.head_hidden, dropout=options.dropout
    )
    total_layers = encoder.config.num_hidden_layers
    if not 0 <= options.tuned_layers <= total_layers:
        raise ValueError(f"tuned_layers must be between 0 and {total_layers}")
    split_layer = total_layers - options.tuned_layers

    cache = LowerLayerCache(
        network,
        tokenizer,
        checkpoint=options.checkpoint,
        split_layer=split_layer,
        max_length=options.max_length,
    )
    cache.load()
    validation = dataset.validation or dataset.train
    train_states = cache.states(
        [clean_text(example.text) for example in dataset.train], progress=progress
    )
    validation_states = cache.states(
        [clean_text(example.text) for example in validation], progress=progress
    )
    cache.save()

    best_state, best_metrics, history = _fit(
        network,
        items=_training_items(dataset, train_states, options),
        class_weights=_class_weights(dataset.train),
        validation=validation,
        validation_states=validation_states,
        options=options,
        split_layer=split_layer,
        progress=progress,
    )
    network.load_state_dict(best_state, strict=False)
    network.eval()
    config = {
        "base_checkpoint": options.checkpoint,
        "max_length": options.max_length,
        "pooling": "mean, L2-normalised",
        "head_hidden": options.head_hidden,
        "tuned_layers": options.tuned_layers,
        "labels": list(range(6)),
    }
    return TrainingResult(
        network=network, config=config, validation_metrics=best_metrics, history=history
    )
