"""Load public-records laws and request letters (idempotent; keeps staff's corrections)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pra.hole import HoleFileError
from pra.seed import seed


class Command(BaseCommand):
    help = (
        "Seed public-records laws (three sources, the HOLE release, verified deadlines) and "
        "request letters for every state."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would change.")
        parser.add_argument("--data-dir", help="Folder with the data files (default DATA_DIR).")

    def handle(self, *args, dry_run=False, data_dir=None, **options):
        try:
            with transaction.atomic():
                summary = seed(data_dir=data_dir, dry_run=dry_run)
                if dry_run:
                    transaction.set_rollback(True)
        except (HoleFileError, OSError, ValueError) as error:
            raise CommandError(f"seed_pra: nothing written: {error}") from error
        for note in summary.notes:
            self.stderr.write(note)
        prefix = "dry run: would have " if dry_run else ""
        self.stdout.write(f"{prefix}{summary}")
