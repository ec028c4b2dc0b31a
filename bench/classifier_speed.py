"""Force-rank classifier throughput on this CPU: our serving path against the HRF recipe.

Baseline, measured in the same run: Human Rights First's recipe — a bert-base-sized BERT
(`BertConfig()`, random weights are fine for timing), max length 280, one post at a time.
Ours: the shipped model (MiniLM-L6 encoder, mean pooling, trained head and top layers, averaged
with a TF-IDF logistic regression) through `Predictor`, i.e. each post padded to its 16-token
length bucket and batched with posts of the same bucket, truncation at CLASSIFIER_MAX_LENGTH,
`torch.inference_mode`, float32 (the shipped model's `serving_quantize` is off since issue #22),
and the cascade (the word model alone ranks the posts whose rank the encoder could not change,
unless their confidence is near a review threshold) when CLASSIFIER_CASCADE is on. For
comparison in the same run: int8 dynamic quantisation, which must run each post alone to stay
deterministic (the path served before issue #22's buckets, when posts ran unpadded).

The baseline's posts take seconds, and on a shared machine one burst of load during them moves
its rate several-fold. So every path is timed once per round, the rounds interleave the baseline
with ours (the order reversed every other round), and the table gives each path's median rate
and the median of its per-round ratios to the baseline of the same round, with their range.

Posts: Human Rights First's held-out posts when `DATA_DIR` has them (tweets), else 2020PB
titles and descriptions (longer news-style text).
`python -m bench classifier_speed [--posts 256] [--baseline-posts 64] [--rounds 5]`.
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


def _rate(function, texts: list[str]) -> float:
    started = time.perf_counter()
    function(texts)
    return len(texts) / (time.perf_counter() - started)


def _load() -> str:
    with open("/proc/loadavg") as handle:
        return handle.read().split()[0]


def _arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=256, help="posts for our batched paths")
    parser.add_argument("--baseline-posts", type=int, default=64, help="posts for the HRF recipe")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (median)")
    return parser.parse_args()


def _hrf_recipe(tokenizer):
    """Human Rights First's serving: bert-base, max length 280, one post at a time."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    torch.manual_seed(0)
    baseline = BertForSequenceClassification(BertConfig(num_labels=6)).eval()

    def run(batch: list[str]) -> None:
        with torch.inference_mode():
            for text in batch:
                encoded = tokenizer(text, truncation=True, max_length=280, return_tensors="pt")
                baseline(**encoded).logits.softmax(-1)

    return run


def _paths(*, tokenizer, texts: list[str], short: list[str]) -> tuple[list[tuple], object]:
    """(label, function, posts) per timed path, the baseline first; and the served Predictor."""
    from django.conf import settings

    from incidents.classifier.batching import BUCKET_TOKENS
    from incidents.classifier.inference import Predictor
    from incidents.classifier.registry import SHIPPED_FOLDER

    float_model = Predictor(SHIPPED_FOLDER, quantize=False)
    int8_model = Predictor(SHIPPED_FOLDER, quantize=True)
    served_model = int8_model if float_model.config.get("serving_quantize") else float_model
    minimum = settings.CLASSIFIER_MIN_CONFIDENCE
    size = settings.CLASSIFIER_BATCH_SIZE
    name = "MiniLM + TF-IDF" if float_model.lexical is not None else "MiniLM"
    buckets = f"{BUCKET_TOKENS}-token buckets, batches ≤ {size}"
    served = "(served)" if settings.CLASSIFIER_CASCADE else ""

    def serve(model, *, cascade: bool):
        return lambda batch: model.predict(batch, cascade=cascade, min_confidence=minimum)

    paths = [
        ("HRF recipe: BERT-base, max 280, one post at a time", _hrf_recipe(tokenizer), short),
        (
            f"{name} float32, one post at a time",
            lambda batch: [serve(float_model, cascade=False)([text]) for text in batch],
            short,
        ),
        (f"{name} float32, {buckets}", serve(float_model, cascade=False), texts),
        (
            f"{name} float32, {buckets}, cascade {served if served_model is float_model else ''}",
            serve(float_model, cascade=True),
            texts,
        ),
        (
            f"{name} int8 dynamic, one post at a time, cascade "
            + (served if served_model is int8_model else "(before #22)"),
            serve(int8_model, cascade=True),
            texts,
        ),
    ]
    if float_model.lexical is not None:
        # The shipped model is an ensemble: show what each half costs on its own.
        paths += [
            (f"  of which MiniLM float32 alone, {buckets}", float_model.encoder_proba, texts),
            (
                "  of which TF-IDF + logistic regression alone",
                float_model.lexical.predict_proba,
                texts,
            ),
        ]
    return paths, served_model


def _interleaved_rates(paths: list[tuple], rounds: int) -> list[list[float]]:
    """Each path timed once per round, the order reversed every other round."""
    for _, function, batch in paths:
        function(batch[:4])  # warm-up: allocator, thread pool, lazy init
    rates: list[list[float]] = [[] for _ in paths]
    for round_number in range(rounds):
        order = list(range(len(paths)))
        for index in order if round_number % 2 == 0 else reversed(order):
            _, function, batch = paths[index]
            rates[index].append(_rate(function, batch))
    return rates


def _table(paths: list[tuple], rates: list[list[float]]) -> None:
    print("HRF recipe per round, posts/s: " + ", ".join(f"{rate:.1f}" for rate in rates[0]))
    print(f"{'path':<78} {'posts/s':>9} {'× HRF':>7} {'× HRF range':>13}")
    for (label, _, _), path_rates in zip(paths, rates, strict=True):
        ratios = [rate / base for rate, base in zip(path_rates, rates[0], strict=True)]
        print(
            f"{label:<78} {statistics.median(path_rates):>9.1f} "
            f"{statistics.median(ratios):>7.1f} {min(ratios):>6.1f}–{max(ratios):<6.1f}"
        )


def main() -> None:
    args = _arguments()
    _setup()

    import torch
    from django.conf import settings

    from incidents.classifier import modeling
    from incidents.models import ScoredBy

    modeling.set_threads()
    texts, source = _posts(args.posts)
    short = texts[: args.baseline_posts]
    tokenizer = modeling.load_tokenizer("")
    lengths = [len(ids) for ids in tokenizer(texts, truncation=True, max_length=512)["input_ids"]]
    paths, served_model = _paths(tokenizer=tokenizer, texts=texts, short=short)
    settled = sum(
        prediction.scored_by == ScoredBy.WORD_MODEL
        for prediction in served_model.predict(
            texts, cascade=True, min_confidence=settings.CLASSIFIER_MIN_CONFIDENCE
        )
    )
    load_before = _load()
    rates = _interleaved_rates(paths, args.rounds)
    print(
        f"posts: {len(texts)} {source} ({len(short)} for the one-at-a-time paths); tokens "
        f"median {statistics.median(lengths):.0f}, max {max(lengths)}; threads "
        f"{torch.get_num_threads()}; serving "
        f"{'int8 dynamic' if served_model.quantized else 'float32'}; cascade settles {settled} of "
        f"{len(texts)} posts by the word model alone; {args.rounds} rounds; load average "
        f"{load_before} → {_load()}"
    )
    _table(paths, rates)
