"""Import the 2020PB police-brutality incidents as located incidents (idempotent)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ingest import services


class Command(BaseCommand):
    help = (
        "Import 2020PB incidents from pb2020_incidents.jsonl (default: DATA_DIR) or 2020PB's "
        "all-locations-v2.json, one incident per PB2020 id."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, help="a .jsonl or all-locations-v2.json file")
        parser.add_argument(
            "--approve", action="store_true", help="approve them (they reach the public map)"
        )
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")

    def handle(self, *args, file=None, approve=False, dry_run=False, **options):
        path = file or Path(settings.DATA_DIR) / "pb2020_incidents.jsonl"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            summary = services.pb2020_import(
                text=text, name=path.name, approve=approve, dry_run=dry_run
            )
        except services.ImportFailed as error:
            for problem in error.problems[:50]:
                self.stderr.write(problem)
            if len(error.problems) > 50:
                self.stderr.write(f"… and {len(error.problems) - 50} more")
            raise CommandError(str(error)) from error
        prefix = "dry run, nothing written: " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}created {summary.created}, updated {summary.updated},"
                f" unchanged {summary.unchanged}, approved {summary.approved}, failed 0"
            )
        )
