"""Writes for the classifier's model registry: train, evaluate, register, activate, ship.

Activation is the staff decision that puts a model into service, so it records who made it and
allows one active model at a time (a database constraint backs this up). Ranking posts with the
serving model is `serving`'s job.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.services import audited_save
from incidents.classifier import data, inference, lexical, modeling, selectors, training
from incidents.classifier.ensemble import attach as ensemble_attach
from incidents.classifier.metrics import compute_metrics, confusion_png, text_report
from incidents.models import ClassifierModel

SHIPPED_FOLDER = Path(__file__).with_name("artefact")
MODELS_SUBFOLDER = "classifier"
# Two tuned MiniLM layers and the head weigh 7.1 MB in float16; a whole encoder never ships.
SHIP_LIMIT_BYTES = 10_000_000


def _new_version(prefix: str) -> str:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    version = f"{prefix}-{stamp}"
    suffix = 1
    while ClassifierModel.objects.filter(version=version).exists():
        suffix += 1
        version = f"{prefix}-{stamp}-{suffix}"
    return version


def evaluation_write(*, folder: Path, name: str, metrics: dict, title: str) -> None:
    """metrics JSON, a text report and the confusion-matrix PNG beside the model's files."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps(metrics, indent=2) + "\n")
    (folder / f"{name}.txt").write_text(text_report(metrics) + "\n")
    confusion_png(metrics, folder / f"{name}.png", title=title)


def classifier_evaluate(
    *, model: ClassifierModel, examples: list[data.Example], quantize: bool | None = None
) -> dict:
    folder = selectors.classifier_folder(model)
    if quantize is None:
        predictor = inference.predictor_for(folder)
    else:
        predictor = inference.Predictor(folder, quantize=quantize)
    texts = [example.text for example in examples]
    ranks = [example.rank for example in examples]
    if predictor.lexical is None:
        return compute_metrics(ranks, predictor.predict_proba(texts))
    # An ensemble: report each half too, from the same probabilities.
    encoder = predictor.encoder_proba(texts)
    lexical_rows = predictor.lexical.predict_proba(texts)
    metrics = compute_metrics(
        ranks, lexical.blend(encoder, lexical_rows, predictor.encoder_weight)
    )
    metrics["components"] = {
        "encoder_weight": predictor.encoder_weight,
        "encoder": compute_metrics(ranks, encoder),
        "lexical": compute_metrics(ranks, lexical_rows),
    }
    return metrics


@transaction.atomic
def classifier_register(
    *, version: str, folder: Path, metrics: dict, data_summary: dict, training_settings: dict
) -> ClassifierModel:
    config = modeling.read_config(folder)
    media = Path(settings.MEDIA_ROOT)
    path = folder.relative_to(media) if folder.is_relative_to(media) else folder
    return ClassifierModel.objects.create(
        version=version,
        base_checkpoint=config["base_checkpoint"],
        path=str(path),
        metrics=metrics,
        data_summary=data_summary,
        training_settings=training_settings,
        is_active=False,
    )


def classifier_train(
    *,
    options=None,
    extra_examples: Iterable[tuple[str, int]] = (),
    include_silver: bool = True,
    data_dir: Path | None = None,
    limit: int | None = None,
    ensemble: bool = True,
    progress: Callable[[str], None] = lambda message: None,
) -> ClassifierModel:
    """Train on the recorded split, evaluate on its held-out test posts, register (inactive).

    `extra_examples` are (text, rank) pairs people labelled in our own queue; they join the
    training part only. `limit` caps each split per source (smoke runs and tests). With
    `ensemble`, a TF-IDF logistic regression joins the encoder (see `lexical`).
    """
    options = (options or training.TrainingSettings()).resolved()
    dataset = data.training_dataset(
        extra_examples=extra_examples,
        include_silver=include_silver,
        data_dir=data_dir,
        limit=limit,
    )
    progress(
        f"training on {len(dataset.train)} posts, selecting on {len(dataset.validation)}, "
        f"testing on {len(dataset.test)}"
    )
    result = training.train(dataset=dataset, options=options, progress=progress)

    prefix = f"minilm-t{options.tuned_layers}" + ("-lex" if ensemble else "")
    version = _new_version(prefix)
    folder = Path(settings.MEDIA_ROOT) / MODELS_SUBFOLDER / version
    modeling.save_model(folder, network=result.network, config=result.config)
    validation = {"validation": result.validation_metrics, "history": result.history}
    if ensemble:
        validation["ensemble"] = ensemble_attach(
            folder, train=dataset.train, validation=dataset.validation, progress=progress
        )
        validation["validation"] = validation["ensemble"]["ensemble"]
    return classifier_evaluate_and_register(
        version=version,
        folder=folder,
        dataset=dataset,
        training_settings=asdict(options),
        validation=validation,
        progress=progress,
    )


def classifier_ensemble_train(
    *,
    base: ClassifierModel,
    extra_examples: Iterable[tuple[str, int]] = (),
    include_silver: bool = True,
    data_dir: Path | None = None,
    limit: int | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> ClassifierModel:
    """A new model: `base`'s encoder as it is, plus a TF-IDF model fitted on the same split.

    Seconds instead of the encoder's minutes per epoch; registers the result inactive.
    """
    dataset = data.training_dataset(
        extra_examples=extra_examples,
        include_silver=include_silver,
        data_dir=data_dir,
        limit=limit,
    )
    source = selectors.classifier_folder(base)
    base_config = modeling.read_config(source)
    version = _new_version(f"minilm-t{base_config['tuned_layers']}-lex")
    folder = Path(settings.MEDIA_ROOT) / MODELS_SUBFOLDER / version
    folder.mkdir(parents=True)
    shutil.copy2(source / modeling.WEIGHTS_FILE, folder / modeling.WEIGHTS_FILE)
    kept = ("base_checkpoint", "max_length", "pooling", "head_hidden", "tuned_layers", "labels")
    config = {"format": modeling.FORMAT, **{key: base_config[key] for key in kept}}
    config["encoder_version"] = base.version
    (folder / modeling.CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n")
    progress(f"adding a TF-IDF model fitted on {len(dataset.train)} posts to {base.version}")
    figures = ensemble_attach(
        folder, train=dataset.train, validation=dataset.validation, progress=progress
    )
    return classifier_evaluate_and_register(
        version=version,
        folder=folder,
        dataset=dataset,
        training_settings={**base.training_settings, "encoder_version": base.version},
        validation={"validation": figures["ensemble"], "ensemble": figures},
        progress=progress,
    )


def classifier_evaluate_and_register(
    *,
    version: str,
    folder: Path,
    dataset: data.Dataset,
    training_settings: dict,
    validation: dict,
    progress: Callable[[str], None] = lambda message: None,
) -> ClassifierModel:
    """Score a saved model on the held-out posts, float32 and int8, and register it; it serves
    float32 (`serving_quantize` off)."""
    human_test = [example for example in dataset.test if example.source == "hrf"]
    silver_test = [example for example in dataset.test if example.source == "pb2020"]
    news_test = [example for example in dataset.test if example.source == "labs31"]
    metrics: dict = dict(validation)
    for quantize in (False, True):
        predictor = inference.Predictor(folder, quantize=quantize)
        label = "int8" if quantize else "float32"
        for name, examples in (
            ("test", human_test),
            ("test_silver", silver_test),
            ("test_news", news_test),
        ):
            if not examples:
                continue
            probabilities = predictor.predict_proba([example.text for example in examples])
            scores = compute_metrics([example.rank for example in examples], probabilities)
            metrics.setdefault(label, {})[name] = scores
            progress(
                f"{label} {name}: accuracy {scores['accuracy']}, macro-F1 {scores['macro_f1']}"
            )
    # int8 is scored for comparison but does not serve: torch's dynamic int8 must run each post
    # alone to give it the same answer whatever its batch, and alone it is slower than float32
    # in length buckets (issue #22, docs/benchmarks.md).
    config = modeling.read_config(folder)
    config["serving_quantize"] = False
    (folder / modeling.CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n")
    served = metrics["float32"]
    if config.get("ensemble") and human_test:
        metrics["components"] = _component_metrics(folder, human_test, quantize=False)
    summary = {**served.get("test", {}), "serving_quantize": False, **metrics}
    for name, scores in served.items():
        evaluation_write(folder=folder, name=name, metrics=scores, title=f"{version} · {name}")
    return classifier_register(
        version=version,
        folder=folder,
        metrics=summary,
        data_summary=dataset.summary(),
        training_settings=training_settings,
    )


def _component_metrics(folder: Path, examples: list[data.Example], *, quantize: bool) -> dict:
    """Each half of an ensemble alone on the held-out posts, to show what the blend adds."""
    predictor = inference.Predictor(folder, quantize=quantize)
    texts = [example.text for example in examples]
    ranks = [example.rank for example in examples]
    return {
        "encoder_weight": predictor.encoder_weight,
        "encoder": compute_metrics(ranks, predictor.encoder_proba(texts)),
        "lexical": compute_metrics(ranks, predictor.lexical.predict_proba(texts)),
    }


@transaction.atomic
def classifier_activate(*, model: ClassifierModel, actor=None) -> ClassifierModel:
    """Make `model` the one serving model; the previous one stays registered, inactive."""
    locked = list(ClassifierModel.objects.select_for_update().filter(is_active=True))
    for previous in locked:
        if previous.pk != model.pk:
            previous.is_active = False
            audited_save(previous, actor=actor, reason="replaced", update_fields=["is_active", "updated_at"])
    model.is_active = True
    model.activated_at = timezone.now()
    model.activated_by = actor if getattr(actor, "pk", None) else None
    audited_save(
        model, actor=actor, reason="activated", update_fields=["is_active", "activated_at", "activated_by", "updated_at"]
    )
    return model


@transaction.atomic
def classifier_shipped_register(*, activate: bool = False) -> ClassifierModel:
    """Register the model that ships in the repository (copied under MEDIA_ROOT); idempotent."""
    config = modeling.read_config(SHIPPED_FOLDER)
    version = config["version"]
    model = ClassifierModel.objects.filter(version=version).first()
    if model is None:
        folder = Path(settings.MEDIA_ROOT) / MODELS_SUBFOLDER / version
        if not (folder / modeling.CONFIG_FILE).is_file():
            shutil.copytree(SHIPPED_FOLDER, folder, dirs_exist_ok=True)
        model = classifier_register(
            version=version,
            folder=folder,
            metrics=config.get("metrics", {}),
            data_summary=config.get("data_summary", {}),
            training_settings=config.get("training_settings", {}),
        )
    if activate and not model.is_active:
        model = classifier_activate(model=model)
    return model


def classifier_serving_ensure() -> ClassifierModel | None:
    """The serving model; on a fresh install with no model registered at all, the shipped one,
    registered and activated here.

    Staff choose among trained models; the shipped model only fills an empty registry so new
    posts are ranked out of the box. Reads without writing: `serving.classifier_for_serving`.
    """
    model = selectors.classifier_active()
    if model is None and not ClassifierModel.objects.exists():
        model = classifier_shipped_register(activate=True)
    return model


def classifier_ship(*, model: ClassifierModel, folder: Path = SHIPPED_FOLDER) -> Path:
    """Write `model` as the repository's shipped model: float16 weights, evaluation inside.

    Only the trained parts are stored (head and tuned top layers); the frozen rest comes from
    the model's base checkpoint, whatever encoder that is, which every machine serving the
    shipped model must have (the packaged MiniLM is installed with the project). The repository
    stays small: a model whose trained parts exceed SHIP_LIMIT_BYTES in float16 is refused.
    """
    from safetensors.torch import load_file, save_file

    source = selectors.classifier_folder(model)
    config = modeling.read_config(source)
    weights = {
        name: tensor.half().contiguous()
        for name, tensor in load_file(str(source / modeling.WEIGHTS_FILE)).items()
    }
    size = sum(tensor.numel() * tensor.element_size() for tensor in weights.values())
    if size > SHIP_LIMIT_BYTES:
        raise ValueError(
            f"{model.version}: its trained weights take {size / 1e6:.0f} MB in float16, over the "
            f"{SHIP_LIMIT_BYTES / 1e6:.0f} MB a file in the repository may take; keep it under "
            "MEDIA_ROOT and activate it there"
        )
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    save_file(weights, str(folder / modeling.WEIGHTS_FILE))
    for name in ("test.png", "test.txt", lexical.FILE):
        if (source / name).is_file():
            shutil.copy2(source / name, folder / name)
    config.update(
        version=model.version,
        weights_dtype="float16",
        metrics=model.metrics,
        data_summary=model.data_summary,
        training_settings=model.training_settings,
    )
    (folder / modeling.CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n")
    return folder
