"""The ensemble: fit the word model beside a saved encoder and choose the blend weight.

Lives apart from `lexical` (the word model alone) and `inference` (serving both), which import
only downward: inference uses lexical, this module uses both.
"""

from __future__ import annotations

import json
from pathlib import Path

from incidents.classifier import lexical, modeling
from incidents.classifier.data import Example
from incidents.classifier.inference import Predictor
from incidents.classifier.metrics import compute_metrics


def attach(
    folder: Path,
    *,
    train: list[Example],
    validation: list[Example],
    options: lexical.LexicalSettings | None = None,
    progress=lambda message: None,
) -> dict:
    """Fit the lexical model, choose the blend weight on validation, add both to a model folder.

    The weight is chosen on the human-labelled validation posts (the population the headline
    figures are about) with the encoder in float32; the test posts are never read here.
    Returns the validation figures of the encoder, the lexical model and the blend.
    """
    options = options or lexical.LexicalSettings()
    model = lexical.fit(train, options)
    human = [example for example in validation if example.source != "pb2020"] or validation
    texts = [example.text for example in human]
    ranks = [example.rank for example in human]
    encoder = Predictor(folder, quantize=False, ensemble=False).encoder_proba(texts)
    lexical_rows = model.predict_proba(texts)
    weight, table = lexical.choose_weight(ranks, encoder, lexical_rows)
    model.save(folder)
    config = modeling.read_config(folder)
    config["ensemble"] = {
        "lexical_file": lexical.FILE,
        "encoder_weight": weight,
        "lexical": lexical.settings_dict(options),
        "vocabulary": len(model.terms),
    }
    (folder / modeling.CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n")
    figures = {
        "encoder": compute_metrics(ranks, encoder),
        "lexical": compute_metrics(ranks, lexical_rows),
        "ensemble": compute_metrics(ranks, lexical.blend(encoder, lexical_rows, weight)),
        "weights": table,
        "encoder_weight": weight,
    }
    progress(
        f"ensemble: encoder weight {weight:.1f} chosen on {len(human)} validation posts; "
        + ", ".join(
            f"{name} macro-F1 {figures[name]['macro_f1']:.3f}"
            for name in ("encoder", "lexical", "ensemble")
        )
    )
    return figures
