"""Force-rank classifier throughput on this CPU: our serving path against the HRF recipe.

Baseline, measured in the same run: Human Rights First's recipe — a bert-base-sized BERT
(`BertConfig()`, random weights are fine for timing), max length 280, one post at a time.
Ours: the shipped model (MiniLM-L6 encoder, mean pooling, trained head and top layers, averaged
with a TF-IDF logistic regression) through `Predictor.predict_proba`, i.e. length-sorted batches
padded to their longest member, truncation at CLASSIFIER_MAX_LENGTH, `torch.inference_mode`, and
int8 dynamic quantisation when on.

Posts: Human Rights First's held-out posts when `DATA_DIR` has them (tweets), else 2020PB
titles and descriptions (longer news-style text). `python -m bench classifier_speed [--posts N]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import django

    django.setup()


def _posts(count: int) -> tuple[list[str], str]:
    from incidents.classifier import data

    try:
        examples, name = data.human_test_examples(), "HRF held-out posts"
    except (data.DataError, FileNotFoundError):
        examples, name = data.pb2020_examples(), "2020PB incidents"
    texts = [example.text for example in examples]
    step = max(1, len(texts) // count)
    return texts[::step][:count], name


def _rate(function, texts: list[str], *, repeats: int = 1) -> float:
    function(texts[:4])  # warm-up: allocator, thread pool, lazy init
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        function(texts)
        rates.append(len(texts) / (time.perf_counter() - started))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=256, help="posts for our serving path")
    parser.add_argument("--baseline-posts", type=int, default=24, help="posts for the HRF recipe")
    args = parser.parse_args()
    _setup()

    import torch
    from django.conf import settings
    from transformers import BertConfig, BertForSequenceClassification

    from incidents.classifier import modeling
    from incidents.classifier.inference import Predictor
    from incidents.classifier.services import SHIPPED_FOLDER

    modeling.set_threads()
    texts, source = _posts(args.posts)
    tokenizer = modeling.load_tokenizer("")
    lengths = [len(ids) for ids in tokenizer(texts, truncation=True, max_length=512)["input_ids"]]

    torch.manual_seed(0)
    baseline = BertForSequenceClassification(BertConfig(num_labels=6)).eval()

    def hrf_recipe(batch: list[str]) -> None:
        with torch.inference_mode():
            for text in batch:
                encoded = tokenizer(text, truncation=True, max_length=280, return_tensors="pt")
                baseline(**encoded).logits.softmax(-1)

    float_model = Predictor(SHIPPED_FOLDER, quantize=False)
    int8_model = Predictor(SHIPPED_FOLDER, quantize=True)
    batch_size = settings.CLASSIFIER_BATCH_SIZE

    rows = []
    base = _rate(hrf_recipe, texts[: args.baseline_posts])
    rows.append(("HRF recipe: BERT-base, max 280, one post at a time", base))
    rows.append(
        (
            "MiniLM float32, one post at a time",
            _rate(
                lambda b: [float_model.predict_proba([t]) for t in b],
                texts[: args.baseline_posts * 2],
            ),
        )
    )
    rows.append(
        (
            f"MiniLM float32, length-sorted batches of {batch_size}",
            _rate(lambda b: float_model.predict_proba(b), texts, repeats=3),
        )
    )
    rows.append(
        (
            f"MiniLM int8 dynamic, length-sorted batches of {batch_size}",
            _rate(lambda b: int8_model.predict_proba(b), texts, repeats=3),
        )
    )
    if int8_model.lexical is not None:
        # The shipped model is an ensemble: show what its TF-IDF half costs on its own.
        rows[1:] = [
            (name.replace("MiniLM", "MiniLM + TF-IDF", 1), rate) for name, rate in rows[1:]
        ]
        rows.append(
            (
                f"  of which MiniLM int8 alone, batches of {batch_size}",
                _rate(lambda b: int8_model.encoder_proba(b), texts, repeats=3),
            )
        )
        rows.append(
            (
                "  of which TF-IDF + logistic regression alone",
                _rate(lambda b: int8_model.lexical.predict_proba(b), texts, repeats=3),
            )
        )
    served = "int8" if float_model.config.get("serving_quantize") else "float32"

    print(
        f"posts: {len(texts)} {source}; tokens median {statistics.median(lengths):.0f}, "
        f"max {max(lengths)}; threads {torch.get_num_threads()}; serving {served}"
    )
    print(f"{'path':<62} {'posts/s':>9} {'× HRF':>7}")
    for name, rate in rows:
        print(f"{name:<62} {rate:>9.1f} {rate / base:>7.1f}")
