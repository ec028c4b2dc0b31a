"""Serving: load a saved model once per process and classify texts in length-bucketed batches.

The serving path is what the benchmark measures: texts cleaned as in training, each distinct
cleaned text encoded once (scraped posts repeat: retweets, reposts), truncated at the model's
max length, padded to its 16-token length bucket and batched with posts of the same bucket (one
post per batch when quantised, see encoder_proba), `torch.inference_mode`, thread count from
`CLASSIFIER_THREADS`, and int8 dynamic quantisation of the linear layers when the model's
config asks for it (`serving_quantize`; models registered since issue #22 serve float32).

A model whose config has an `ensemble` entry also carries a TF-IDF logistic regression
(`lexical.npz`); its probabilities are averaged with the encoder's, with the weight chosen on
the validation posts at training time, so every caller (the Celery task, evaluation, the
benchmark) gets the ensemble without knowing about it. `predict` adds the serving cascade
(cascade.py): with it, the encoder runs only for the posts whose rank it could change or whose
confidence lies near a review threshold, and each answer says which part produced it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from incidents.classifier import lexical, modeling
from incidents.classifier.batching import length_bucketed_batches
from incidents.classifier.cascade import word_model_settles
from incidents.classifier.data import clean_text
from incidents.models import ScoredBy


@dataclass(frozen=True)
class Prediction:
    probabilities: list[float]
    scored_by: ScoredBy


class Predictor:
    def __init__(
        self,
        folder: Path,
        *,
        quantize: bool | None = None,
        encoder=None,
        ensemble: bool = True,
    ):
        self.folder = Path(folder)
        self.network, self.config = modeling.load_network(self.folder, encoder=encoder)
        ensemble_config = self.config.get("ensemble") if ensemble else None
        self.lexical = lexical.LexicalModel.load(self.folder) if ensemble_config else None
        self.encoder_weight = ensemble_config["encoder_weight"] if ensemble_config else 1.0
        self.tokenizer = modeling.load_tokenizer(self.config["base_checkpoint"])
        self.max_length = self.config["max_length"]
        self.quantized = (
            self.config.get("serving_quantize", False) if quantize is None else quantize
        )
        if self.quantized:
            self.network = quantize_dynamic(self.network)

    def predict_proba(
        self, texts: list[str], *, batch_size: int | None = None
    ) -> list[list[float]]:
        """Per text, the probability of each rank 0–5, in the order given."""
        encoded = self.encoder_proba(texts, batch_size=batch_size)
        if self.lexical is None:
            return encoded
        return lexical.blend(encoded, self.lexical.predict_proba(texts), self.encoder_weight)

    def predict(
        self,
        texts: list[str],
        *,
        cascade: bool,
        min_confidence: float,
        batch_size: int | None = None,
    ) -> list[Prediction]:
        """Per text, in the order given, the probabilities to store and the part that made them.

        With `cascade`, posts the word model settles (cascade.word_model_settles) keep its
        probabilities and never reach the encoder; the others get the ensemble's.
        """
        if self.lexical is None:
            rows = self.encoder_proba(texts, batch_size=batch_size)
            return [Prediction(row, ScoredBy.ENCODER) for row in rows]
        words = self.lexical.predict_proba(texts)
        settled = [
            cascade
            and word_model_settles(
                text=text,
                word_row=row,
                encoder_weight=self.encoder_weight,
                min_confidence=min_confidence,
            )
            for text, row in zip(texts, words, strict=True)
        ]
        rest = [index for index, done in enumerate(settled) if not done]
        encoded = self.encoder_proba([texts[index] for index in rest], batch_size=batch_size)
        blended = lexical.blend(encoded, [words[index] for index in rest], self.encoder_weight)
        predictions = [Prediction(row, ScoredBy.WORD_MODEL) for row in words]
        for index, row in zip(rest, blended, strict=True):
            predictions[index] = Prediction(row, ScoredBy.ENSEMBLE)
        return predictions

    def encoder_proba(
        self, texts: list[str], *, batch_size: int | None = None
    ) -> list[list[float]]:
        """The encoder's probabilities alone (the whole answer when there is no lexical part)."""
        import torch

        modeling.set_threads()
        # Retweets and reposts clean to the same text; the encoder runs once per distinct one.
        slots: dict[str, int] = {}
        positions = [slots.setdefault(clean_text(text) or ".", len(slots)) for text in texts]
        distinct = list(slots)
        probabilities: list[list[float] | None] = [None] * len(distinct)
        # Each post runs padded to its own length bucket, so its tensors have the same shape
        # whatever it is served with. torch's dynamic int8 Linear also takes one activation
        # scale per input tensor, which would make a post's answer depend on its batch-mates
        # (5 of 808 ranks moved between batch sizes 32 and 7): quantised, each post runs alone.
        if self.quantized:
            batch_size = 1
        with torch.inference_mode():
            for indices, batch in length_bucketed_batches(
                self.tokenizer,
                distinct,
                max_length=self.max_length,
                batch_size=batch_size or settings.CLASSIFIER_BATCH_SIZE,
            ):
                rows = self.network(batch["input_ids"], batch["attention_mask"]).softmax(-1)
                for row, index in zip(rows.tolist(), indices, strict=True):
                    probabilities[index] = row
        return [probabilities[position] for position in positions]


def quantize_dynamic(network):
    """int8 weights for every nn.Linear (attention, feed-forward, head); activations stay float."""
    import warnings

    import torch

    # torch.ao's eager quantisation is deprecated in favour of torchao, which is not installed;
    # it still works in the pinned torch, so keep the logs clean.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(network, {torch.nn.Linear}, dtype=torch.qint8)


_loaded: dict[tuple, Predictor] = {}
_lock = threading.Lock()


def predictor_for(folder: Path) -> Predictor:
    """One Predictor per model folder per process; a re-saved folder is reloaded."""
    folder = Path(folder)
    config_file = folder / modeling.CONFIG_FILE
    key = (str(folder), config_file.stat().st_mtime_ns if config_file.exists() else 0)
    with _lock:
        if key not in _loaded:
            _loaded.clear()
            _loaded[key] = Predictor(folder)
        return _loaded[key]
