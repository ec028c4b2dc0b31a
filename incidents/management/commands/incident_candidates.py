"""Turn posts people or the model rank 2 or above into candidate incidents for review."""

from django.core.management.base import BaseCommand

from incidents.services import incident_candidates_create


class Command(BaseCommand):
    help = "Create candidate incidents from posts ranked 2 or above (labelled or predicted)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        counts = incident_candidates_create(dry_run=dry_run)
        prefix = "would create" if dry_run else "created"
        self.stdout.write(
            f"{prefix} {counts['created']} · updated 0 · skipped {counts['skipped']} · failed 0"
        )
