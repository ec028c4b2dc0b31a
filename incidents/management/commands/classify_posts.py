"""Classify posts waiting for the active model (the beat job, by hand)."""

import time

from django.core.management.base import BaseCommand, CommandError

from incidents.classifier import registry, selectors, serving
from incidents.models import ClassifierModel


class Command(BaseCommand):
    help = "Classify posts not yet ranked by the active model; --rescore re-ranks every post."

    def add_arguments(self, parser):
        parser.add_argument("--model", default=None, help="version (default: the active one)")
        parser.add_argument(
            "--rescore", action="store_true", help="also posts ranked by other models"
        )
        parser.add_argument(
            "--force", action="store_true", help="re-rank even posts this model ranked"
        )
        parser.add_argument("--limit", type=int, default=None)
        parser.add_argument(
            "--dry-run", action="store_true", help="count the posts, change nothing"
        )

    def handle(self, *args, **options):
        if options["model"]:
            try:
                model = selectors.classifier_by_version(options["model"])
            except ClassifierModel.DoesNotExist:
                raise CommandError(
                    f"no classifier model with version {options['model']!r}"
                ) from None
        else:
            model = registry.classifier_serving_ensure()
        if model is None:
            raise CommandError("no active classifier model: activate one first")
        rescore = options["rescore"] or options["force"]
        chunks = serving.pending_chunks(model=model, rescore=rescore, limit=options["limit"])
        pending = sum(len(chunk) for chunk in chunks)
        if options["dry_run"]:
            self.stdout.write(f"{pending} post(s) would be classified by {model.version}")
            return
        totals = {"classified": 0, "skipped": 0, "flagged": 0, "failed": 0}
        started = time.monotonic()
        for chunk in chunks:
            try:
                result = serving.posts_classify(
                    post_ids=chunk, model=model, force=options["force"]
                )
            except Exception as error:  # noqa: BLE001 - one bad chunk must not stop the rest
                totals["failed"] += len(chunk)
                self.stderr.write(f"chunk starting at post {chunk[0]} failed: {error}")
                continue
            for key, value in result.items():
                totals[key] += value
        seconds = time.monotonic() - started
        self.stdout.write(
            f"{model.version}: classified {totals['classified']}, skipped {totals['skipped']}, "
            f"flagged for review {totals['flagged']}, failed {totals['failed']} ({seconds:.1f} s)"
        )
