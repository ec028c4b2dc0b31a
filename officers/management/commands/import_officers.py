"""Import officers from OpenOversight-format CSV files.

    manage.py import_officers roster.csv --department 3                # wide bulk-add CSV
    manage.py import_officers --officers officers.csv --assignments assignments.csv \\
        --salaries salaries.csv --links links.csv --department 3       # advanced import
    manage.py import_officers --zip export.zip --department 3          # a zip of those

Nothing is written if any row has a problem, unless --partial; --dry-run writes nothing and,
like a real run, exits non-zero when a row has a problem. See docs/import.md.
"""

import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from officers.importers import (
    ADVANCED_FILES,
    ImportOptions,
    files_from_zip,
    import_advanced,
    import_wide,
)
from officers.models import Department


class Command(BaseCommand):
    help = "Import officers, assignments, salaries and links from OpenOversight-format CSV files."

    def add_arguments(self, parser):
        parser.add_argument("wide_csv", nargs="?", help="a bulk-add-officers (wide) CSV file")
        for name in ADVANCED_FILES:
            parser.add_argument(f"--{name}", metavar="CSV", help=f"advanced import: {name}.csv")
        parser.add_argument("--zip", help="a zip of advanced-import CSVs (as the export makes)")
        parser.add_argument("--department", help="department id or exact name for every row")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument(
            "--partial", action="store_true", help="import the good rows even if some fail"
        )
        parser.add_argument(
            "--update-static-fields",
            action="store_true",
            help="change names, race, gender, birth year, hire date of matched officers",
        )
        parser.add_argument(
            "--update-by-name",
            action="store_true",
            help="match officers with neither badge nor internal id by first and last name",
        )
        parser.add_argument("--publish", action="store_true", help="publish the officers it creates")
        parser.add_argument("--dataset", default="", help="data set name recorded on new officers")
        parser.add_argument("--source-url", default="", help="source URL recorded on new officers")

    def handle(self, *args, **options):
        department = self._department(options["department"])
        import_options = ImportOptions(
            department=department,
            dry_run=options["dry_run"],
            partial=options["partial"],
            publish=options["publish"],
            dataset=options["dataset"],
            source_url=options["source_url"],
            update_static_fields=options["update_static_fields"],
            update_by_name=options["update_by_name"],
        )
        advanced = {name: options[name] for name in ADVANCED_FILES if options[name]}
        chosen = sum(bool(x) for x in (options["wide_csv"], advanced, options["zip"]))
        if chosen != 1:
            raise CommandError("Give one wide CSV, or the advanced --officers … files, or --zip.")
        if options["wide_csv"]:
            path = Path(options["wide_csv"])
            report = import_wide(self._read(path), options=import_options, name=path.name)
        elif options["zip"]:
            try:
                files = files_from_zip(self._read(Path(options["zip"])))
            except zipfile.BadZipFile as error:
                raise CommandError(f"{options['zip']}: {error}") from error
            report = import_advanced(files, options=import_options)
        else:
            files = {name: self._read(Path(path)) for name, path in advanced.items()}
            report = import_advanced(files, options=import_options)

        for notice in report.notices:
            self.stdout.write(self.style.WARNING(notice))
        for line in report.table_lines():
            self.stdout.write(line)
        if report.problems:
            written = "imported the good rows" if report.committed else "nothing was written"
            message = f"{len(report.problems)} problem(s): {written}"
            if report.committed:
                self.stdout.write(self.style.WARNING(message))
                return
            if not report.dry_run:
                message += " (fix them, or use --partial to import the good rows)"
            raise CommandError(message)
        if report.dry_run:
            self.stdout.write("dry run: nothing was written")
        else:
            self.stdout.write(self.style.SUCCESS("imported"))

    def _department(self, value: str | None) -> Department | None:
        if not value:
            return None
        department = (
            Department.objects.filter(pk=int(value)).first()
            if value.isdigit()
            else Department.objects.filter(name__iexact=value).first()
        )
        if department is None:
            raise CommandError(f"No department {value!r}.")
        return department

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
