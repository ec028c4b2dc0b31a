"""Train a force-rank classifier on the recorded split and register it, inactive."""

import json

from django.core.management.base import BaseCommand, CommandError

from incidents.classifier import data, modeling, selectors
from incidents.classifier.registry import (
    classifier_ensemble_train,
    classifier_ship,
    classifier_train,
)
from incidents.classifier.training import TrainingSettings
from incidents.models import ClassifierModel
from incidents.selectors import training_labels


class Command(BaseCommand):
    help = (
        "Train on Human Rights First's human labels and 2020PB's silver labels "
        "(settings.DATA_DIR), evaluate on the recorded held-out posts and register the model "
        "inactive. Staff activate it after reading its evaluation (admin, or activate_classifier)."
    )

    def add_arguments(self, parser):
        defaults = TrainingSettings()
        parser.add_argument(
            "--tuned-layers",
            type=int,
            default=defaults.tuned_layers,
            help="top encoder layers to fine-tune (0: frozen encoder, head only; 6: all of MiniLM)",
        )
        parser.add_argument("--epochs", type=int, default=defaults.epochs)
        parser.add_argument("--batch-size", type=int, default=defaults.batch_size)
        parser.add_argument("--learning-rate", type=float, default=defaults.learning_rate)
        parser.add_argument("--head-learning-rate", type=float, default=defaults.head_learning_rate)
        parser.add_argument("--head-hidden", type=int, default=defaults.head_hidden)
        parser.add_argument(
            "--max-length", type=int, default=0, help="default: CLASSIFIER_MAX_LENGTH"
        )
        parser.add_argument("--checkpoint", default="", help="default: CLASSIFIER_BASE_CHECKPOINT")
        parser.add_argument("--no-silver", action="store_true", help="leave out 2020PB's labels")
        parser.add_argument("--silver-weight", type=float, default=defaults.silver_weight)
        parser.add_argument("--data-dir", default=None, help="default: settings.DATA_DIR")
        parser.add_argument(
            "--limit",
            type=int,
            default=None,
            help="at most N posts per split and source (smoke runs)",
        )
        parser.add_argument(
            "--extra", default=None, help="CSV or JSON Lines of more labelled posts (training only)"
        )
        parser.add_argument(
            "--no-queue-labels",
            action="store_true",
            help="leave out the labels settled in our own labelling queue",
        )
        parser.add_argument(
            "--no-ensemble",
            action="store_true",
            help="the encoder alone, without the TF-IDF logistic regression averaged in",
        )
        parser.add_argument(
            "--ensemble-with",
            metavar="VERSION",
            default=None,
            help="keep this registered model's encoder and fit only the TF-IDF part (seconds)",
        )
        parser.add_argument("--dry-run", action="store_true", help="print the data summary only")
        parser.add_argument(
            "--ship",
            action="store_true",
            help="also write it to incidents/classifier/artefact/ (what a fresh clone uses)",
        )

    def handle(self, *args, **options):
        try:
            extra = (
                [
                    (example.text, example.rank)
                    for example in data.read_labelled_file(options["extra"])
                ]
                if options["extra"]
                else []
            )
            if not options["no_queue_labels"]:
                extra += list(training_labels())
            if options["dry_run"]:
                dataset = data.apply_split(
                    hrf=data.hrf_examples(options["data_dir"]),
                    pb2020=[]
                    if options["no_silver"]
                    else data.pb2020_examples(options["data_dir"]),
                    extra=extra,
                )
                self.stdout.write(json.dumps(dataset.summary(), indent=2))
                return
            settings = TrainingSettings(
                checkpoint=options["checkpoint"],
                tuned_layers=options["tuned_layers"],
                epochs=options["epochs"],
                batch_size=options["batch_size"],
                learning_rate=options["learning_rate"],
                head_learning_rate=options["head_learning_rate"],
                head_hidden=options["head_hidden"],
                max_length=options["max_length"],
                silver_weight=options["silver_weight"],
            )
            common = {
                "extra_examples": extra,
                "include_silver": not options["no_silver"],
                "data_dir": options["data_dir"],
                "limit": options["limit"],
                "progress": self.stdout.write,
            }
            if options["ensemble_with"]:
                model = classifier_ensemble_train(
                    base=selectors.classifier_by_version(options["ensemble_with"]), **common
                )
            else:
                model = classifier_train(
                    options=settings, ensemble=not options["no_ensemble"], **common
                )
        except ClassifierModel.DoesNotExist:
            raise CommandError(
                f"no classifier model with version {options['ensemble_with']!r}"
            ) from None
        except (data.DataError, modeling.ModelFilesError, FileNotFoundError, ValueError) as error:
            raise CommandError(str(error)) from error
        if options["ship"]:
            folder = classifier_ship(model=model)
            self.stdout.write(f"shipped as {folder}")
        metrics = model.metrics
        self.stdout.write(
            self.style.SUCCESS(
                f"registered {model.version} (inactive): held-out accuracy "
                f"{metrics.get('accuracy', 0):.3f}, macro-F1 {metrics.get('macro_f1', 0):.3f}. "
                f"Read its evaluation, then: manage.py activate_classifier {model.version}"
            )
        )
