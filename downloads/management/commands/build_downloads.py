"""Build the public bulk downloads (one zip per file set) into media storage.

The same job Celery beat runs nightly (downloads.tasks.build_downloads).

    manage.py build_downloads                 # every set
    manage.py build_downloads --only reports  # one set (repeatable)
    manage.py build_downloads --dry-run       # build and count, store nothing
"""

from django.core.management.base import BaseCommand, CommandError

from downloads.services import downloads_build
from downloads.sets import FILE_SETS


class Command(BaseCommand):
    help = "Build the public bulk downloads (CSV, GeoJSON, README and LICENCE per set)."

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", choices=[s.slug for s in FILE_SETS],
                            help="Build only this file set (repeatable).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Build every file and report what would change; store nothing.")

    def handle(self, *args, only=None, dry_run=False, **options):
        summary = downloads_build(only=only, dry_run=dry_run)
        for note in summary.notes:
            self.stdout.write(f"  {note}")
        self.stdout.write(f"{'dry run: ' if dry_run else ''}{summary}")
        if summary.failed:
            raise CommandError(f"{summary.failed} file set(s) failed; their earlier files stay online")
