"""Force-rank classifier quality levers, measured against the shipped model in the same run.

The shipped ensemble's encoder (int8, as served) scores every post once; the levers that need no
encoder training are then compared on the same probabilities:

* the word model refitted with Human Rights First's labs31 human labels of 2020PB incidents
  (replacing their silver labels), the blend weight re-chosen on validation;
* the word model refitted without the training texts whose HRF labels contradict each other;
* per-rank decision factors (priors.choose) chosen on the validation posts.

Every choice reads the validation posts only (human-labelled: HRF tweets and labs31 news);
the test posts are scored once per row. `python -m bench classifier_quality`.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import django

    django.setup()


def _conflicting_texts(examples) -> set[str]:
    ranks: dict[str, set[int]] = defaultdict(set)
    for example in examples:
        if example.source == "hrf":
            ranks[example.text].add(example.rank)
    return {text for text, seen in ranks.items() if len(seen) > 1}


def _row(label: str, sets: dict, rows: dict, factors=None) -> str:
    from incidents.classifier import priors

    cells = []
    for name in ("validation", "test", "test_news"):
        examples = sets[name]
        figures = priors.score([e.rank for e in examples], rows[name], factors or [1.0] * 6)
        cells.append(
            f"{figures['accuracy']:.3f} {figures['macro_f1']:.3f} "
            f"{figures['per_class']['1']['f1']:.3f}"
        )
    return f"{label:<58} " + "  ".join(f"{cell:>17}" for cell in cells)


def main() -> None:
    _setup()
    from incidents.classifier import data, lexical, priors
    from incidents.classifier.inference import Predictor
    from incidents.classifier.registry import SHIPPED_FOLDER

    started = time.monotonic()
    dataset = data.training_dataset()
    sets = {
        "validation": [e for e in dataset.validation if e.source != "pb2020"],
        "test": [e for e in dataset.test if e.source == "hrf"],
        "test_news": [e for e in dataset.test if e.source == "labs31"],
    }
    # float32 in batches, as the blend weight was chosen: int8 runs one post at a time, which
    # on a shared 2-core machine takes far longer than the levers themselves.
    shipped = Predictor(SHIPPED_FOLDER, quantize=False)
    weight = shipped.encoder_weight
    encoder = {name: shipped.encoder_proba([e.text for e in ex]) for name, ex in sets.items()}

    def blended(words_model, share):
        return {
            name: lexical.blend(encoder[name], words_model.predict_proba([e.text for e in ex]), share)
            for name, ex in sets.items()
        }

    def refit(train):
        words = lexical.fit(train)
        rows = {e: words.predict_proba([x.text for x in sets["validation"]]) for e in ("v",)}
        share, _ = lexical.choose_weight(
            [e.rank for e in sets["validation"]], encoder["validation"], rows["v"]
        )
        return words, share

    old_train = [e for e in dataset.train if e.source != "labs31"]
    labs31_ids = {e.id for e in dataset.train if e.source == "labs31"}
    silver = {e.id: e for e in data.pb2020_examples()}
    old_train += [silver[i] for i in labs31_ids]
    conflicts = _conflicting_texts(dataset.train)
    print(
        f"posts: validation {len(sets['validation'])} (HRF + labs31), test {len(sets['test'])} "
        f"HRF tweets, test_news {len(sets['test_news'])} labs31 news; training "
        f"{len(dataset.train)} ({len(labs31_ids)} labs31); conflicting HRF training texts "
        f"{len(conflicts)}; shipped encoder in float32"
    )
    header = "  ".join(f"{name + ' acc F1 F1(1)':>17}" for name in sets)
    print(f"{'model':<58} {header}")
    base = blended(shipped.lexical, weight)
    print(_row(f"shipped: blend {weight:.1f}", sets, base))
    print(_row("shipped encoder alone", sets, encoder))
    factors = priors.choose([e.rank for e in sets["validation"]], base["validation"])
    print(_row(f"shipped + factors {factors}", sets, base, factors))
    for label, train in (
        ("word model refitted, silver labels (as shipped)", old_train),
        ("word model refitted, labs31 human labels", dataset.train),
        (
            "word model refitted, labs31, conflicting texts dropped",
            [e for e in dataset.train if e.text not in conflicts],
        ),
    ):
        words, share = refit(train)
        rows = blended(words, share)
        print(_row(f"{label}: blend {share:.1f}", sets, rows))
        factors = priors.choose([e.rank for e in sets["validation"]], rows["validation"])
        print(_row(f"  + factors {factors}", sets, rows, factors))
    print(f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
