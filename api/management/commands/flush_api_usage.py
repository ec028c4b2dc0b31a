from django.core.management.base import BaseCommand

from api import metering


class Command(BaseCommand):
    help = "Move the per-day API usage counted in Redis into the database (staff charts)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would move; move nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        summary = metering.pending_usage_flush(dry_run=dry_run)
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(
            f"{prefix}created {summary['created']} · updated {summary['updated']} · "
            f"skipped {summary['skipped']} · failed {summary['failed']}"
        )
