"""Load the real public data sets the site ships (idempotent; see ingest.public_data).

Each data set loads in its own transaction: a malformed file is reported with its file, row,
column and value, and nothing of that data set is written. `--dry-run` loads everything and
rolls it back, so the counts are what a real run would do.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ingest.public_data import STEPS, MalformedData, Summary

# Public-records laws are seeded by the pra app's own command.
PRA_STEP = "pra"


class Command(BaseCommand):
    help = "Load real public data: oversight bodies, Virginia departments and decertifications, NYC CCRB, records laws."

    def add_arguments(self, parser):
        names = [step.name for step in STEPS] + [PRA_STEP]
        parser.add_argument("--only", choices=names, action="append",
                            help="Load only this data set (repeatable).")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")

    def handle(self, *args, only=None, dry_run=False, **options):
        if not dry_run:
            return self._load(only=only, dry_run=False)
        # A dry run keeps each data set's writes until the end (later data sets need the
        # departments of earlier ones) and then rolls all of them back.
        with transaction.atomic():
            try:
                return self._load(only=only, dry_run=True)
            finally:
                transaction.set_rollback(True)

    def _load(self, *, only, dry_run):
        prefix = "dry run: " if dry_run else ""
        failed = []
        for step in STEPS:
            if only and step.name not in only:
                continue
            summary = Summary()
            try:
                with transaction.atomic():
                    step.load(summary=summary)
            except (MalformedData, FileNotFoundError) as error:
                self.stderr.write(self.style.ERROR(f"{step.name}: nothing written: {error}"))
                failed.append(step.name)
                continue
            self.stdout.write(f"{prefix}{step.name}: {summary}")
            for note in summary.notes:
                self.stdout.write(f"  {note}")
        if not only or PRA_STEP in only:
            self.stdout.write(f"{prefix}{PRA_STEP}:")
            call_command("seed_pra", dry_run=dry_run, stdout=self.stdout, stderr=self.stderr)
        if failed:
            raise CommandError(f"not loaded: {', '.join(failed)}")
