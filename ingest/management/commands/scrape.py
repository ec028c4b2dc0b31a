"""Run scraped sources now: `manage.py scrape --source NAME` (repeatable), `--all` or `--due`."""

from django.core.management.base import BaseCommand, CommandError

from ingest import selectors, services
from ingest.models import RunStatus


class Command(BaseCommand):
    help = "Scrape X/Twitter searches and news feeds now, and print what each run found."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--source", action="append", metavar="NAME", help="a source by name")
        which.add_argument("--all", action="store_true", help="every enabled X and news source")
        which.add_argument("--due", action="store_true", help="the sources the schedule says are due")
        parser.add_argument(
            "--dry-run", action="store_true", help="fetch and count, store nothing, keep the cursor"
        )

    def handle(self, *args, source=None, all=False, due=False, dry_run=False, **options):
        if source:
            sources = []
            for name in source:
                found = selectors.source_get(name=name)
                if found is None:
                    known = ", ".join(s.name for s in selectors.source_list(enabled=None)) or "none"
                    raise CommandError(f"No source named {name!r}. Sources: {known}.")
                sources.append(found)
        elif due:
            sources = selectors.source_list_due()
        else:
            sources = list(selectors.source_list())
        if not sources:
            self.stdout.write("No source to run.")
            return
        totals = {"new": 0, "duplicates": 0, "skipped": 0, "failed": 0}
        for item in sources:
            run = services.source_run(source=item, dry_run=dry_run, trigger="command")
            style = {
                RunStatus.FAILED: self.style.ERROR,
                RunStatus.SKIPPED: self.style.WARNING,
                RunStatus.PARTIAL: self.style.WARNING,
            }.get(run.status, self.style.SUCCESS)
            self.stdout.write(
                style(f"{item.name} [{item.kind}]: {run.get_status_display().lower()}")
                + f" — fetched {run.fetched}, new {run.new}, duplicates {run.duplicates},"
                f" skipped {run.skipped}, errors {len(run.errors)}"
            )
            if run.message:
                self.stdout.write(f"    {run.message}")
            for error in run.errors[:10]:
                self.stdout.write(f"    {error['level']}: {error['message']}")
            totals["new"] += run.new
            totals["duplicates"] += run.duplicates
            totals["skipped"] += run.skipped + (run.status == RunStatus.SKIPPED)
            totals["failed"] += run.status == RunStatus.FAILED
        prefix = "dry run, nothing stored: " if dry_run else ""
        self.stdout.write(
            f"{prefix}created {totals['new']}, duplicates {totals['duplicates']},"
            f" skipped {totals['skipped']}, failed {totals['failed']}"
            f" ({len(sources)} source(s))"
        )
