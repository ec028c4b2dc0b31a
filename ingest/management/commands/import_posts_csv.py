"""Import posts from a CSV file (`id,text,created_at,url,...`): every row, or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ingest import services


class Command(BaseCommand):
    help = "Import posts from a CSV file with at least the columns id and text."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--source", default="CSV import", help="the source the posts are recorded under"
        )
        parser.add_argument(
            "--id-prefix", default="", help="prepended to every id, to keep two data sets apart"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, file, source, id_prefix, dry_run=False, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        record = services.import_source_get_or_create(name=source)
        if record.kind != "csv":
            raise CommandError(f"Source {source!r} is a {record.kind} source, not a CSV import.")
        try:
            run = services.posts_import_csv(
                source=record, text=text, id_prefix=id_prefix, dry_run=dry_run, trigger="command"
            )
        except services.ImportFailed as error:
            for problem in error.problems[:50]:
                self.stderr.write(f"{file.name}, {problem}")
            raise CommandError(str(error)) from error
        prefix = "dry run, nothing written: " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}created {run.new}, duplicates {run.duplicates}, skipped {run.skipped},"
                " failed 0"
            )
        )
