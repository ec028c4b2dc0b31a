"""Evaluate a registered classifier on the recorded held-out posts or any labelled file."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from incidents.classifier import data, modeling, selectors
from incidents.classifier.metrics import confusion_png, text_report
from incidents.classifier.registry import classifier_evaluate, classifier_serving_ensure
from incidents.models import ClassifierModel


class Command(BaseCommand):
    help = (
        "Accuracy, macro-F1, per-rank precision/recall/F1, confusion matrix (text and PNG) and "
        "binary force-used precision/recall. FILE: CSV with text,force_rank columns or JSON Lines "
        "with those keys; default: the recorded held-out human-labelled posts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", default=None, help="labelled CSV or JSON Lines file")
        parser.add_argument("--model", default=None, help="model version (default: the active one)")
        parser.add_argument("--json", action="store_true", help="print one JSON object only")
        parser.add_argument("--png", default=None, help="where to write the confusion-matrix PNG")
        parser.add_argument(
            "--quantize",
            choices=["auto", "yes", "no"],
            default="auto",
            help="int8 dynamic quantisation (auto: as the model serves)",
        )

    def handle(self, *args, **options):
        try:
            model = self._model(options["model"])
            examples = (
                data.read_labelled_file(options["data"])
                if options["data"]
                else data.human_test_examples()
            )
            quantize = {"auto": None, "yes": True, "no": False}[options["quantize"]]
            metrics = classifier_evaluate(model=model, examples=examples, quantize=quantize)
        except (data.DataError, modeling.ModelFilesError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps({"model": model.version, **metrics}))
            return
        source = options["data"] or "held-out split (incidents/classifier/split.json)"
        png = (
            Path(options["png"])
            if options["png"]
            else (selectors.classifier_folder(model) / f"evaluation-{Path(source).stem}.png")
        )
        png.parent.mkdir(parents=True, exist_ok=True)
        confusion_png(metrics, png, title=f"{model.version} · {Path(source).name}")
        self.stdout.write(f"model {model.version} on {source}\n")
        self.stdout.write(text_report(metrics))
        components = metrics.get("components")
        if components:
            self.stdout.write(
                f"\nensemble: MiniLM × {components['encoder_weight']:.1f} + TF-IDF × "
                f"{1 - components['encoder_weight']:.1f}; alone, MiniLM accuracy "
                f"{components['encoder']['accuracy']:.3f} / macro-F1 "
                f"{components['encoder']['macro_f1']:.3f}, TF-IDF accuracy "
                f"{components['lexical']['accuracy']:.3f} / macro-F1 "
                f"{components['lexical']['macro_f1']:.3f}"
            )
        self.stdout.write(f"\nconfusion matrix plot: {png}")

    def _model(self, version: str | None) -> ClassifierModel:
        if version:
            try:
                return selectors.classifier_by_version(version)
            except ClassifierModel.DoesNotExist:
                raise CommandError(f"no classifier model with version {version!r}") from None
        model = classifier_serving_ensure()
        if model is None:
            raise CommandError("no active classifier model; pass --model VERSION")
        return model
