"""Send the texts Human Rights First labelled with different ranks to the adjudication queue."""

from django.core.management.base import BaseCommand, CommandError

from incidents.classifier import data
from incidents.services.label_conflicts import label_conflicts_seed


class Command(BaseCommand):
    help = (
        "One post per text of hrf_labs36_train.csv that carries more than one rank, with those "
        "labels, so reviewers settle it; idempotent. Training then uses the settled rank."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=None, help="folder of hrf_labs36_train.csv")
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, **options):
        try:
            summary = label_conflicts_seed(data_dir=options["data_dir"], dry_run=options["dry_run"])
        except (data.DataError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        prefix = "dry run: " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}conflicting texts: created {summary['created']}, updated "
            f"{summary['updated']}, skipped {summary['skipped']} (already queued), failed "
            f"{summary['failed']}"
        )
