"""Check every external link of misconduct reports and oversight commissions.

The same job Celery beat runs weekly (oversight.tasks.check_links). Dead links are flagged
for staff in the admin under Oversight › Link statuses.
"""

from django.core.management.base import BaseCommand

from oversight.services import links_check


class Command(BaseCommand):
    help = "Check the external links of reports and commissions and flag dead ones for staff."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true",
            help="Check the links and print what is dead, but store nothing.",
        )

    def handle(self, *args, dry_run: bool, **options):
        summary = links_check(dry_run=dry_run)
        for label, field, url in summary.dead:
            self.stdout.write(self.style.WARNING(f"dead: {label} · {field} · {url}"))
        prefix = "dry run, nothing stored: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{summary.checked_urls} distinct URL(s) checked; "
            f"created {summary.created}, updated {summary.updated}, removed {summary.removed}, "
            f"skipped {summary.skipped}, failed {summary.failed}"
        )
