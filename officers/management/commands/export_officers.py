"""Export officers as a zip of advanced-import CSVs (officers, assignments, salaries, links).

    manage.py export_officers out.zip                       # every department, every status
    manage.py export_officers out.zip --department 3 --published-only
    manage.py export_officers out.zip --format accountable    # our ids and codes

The default format is OpenOversight's advanced import (see officers.exporters).
"""

from django.core.management.base import BaseCommand, CommandError

from officers.exporters import FORMATS, export_zip
from officers.models import Officer


class Command(BaseCommand):
    help = "Export officers in the import format (a zip of four CSV files)."

    def add_arguments(self, parser):
        parser.add_argument("output", help="the zip file to write")
        parser.add_argument("--department", type=int, help="only this department id")
        parser.add_argument("--published-only", action="store_true")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default="openoversight",
            help="openoversight: its advanced import reads it; accountable: our ids and codes",
        )

    def handle(self, *args, **options):
        officers = Officer.objects.all()
        if options["department"]:
            officers = officers.filter(department_id=options["department"])
        if options["published_only"]:
            officers = officers.public()
        try:
            with open(options["output"], "wb") as target:
                export_zip(officers, target, format=options["format"])
        except OSError as error:
            raise CommandError(f"{options['output']}: {error.strerror}") from error
        self.stdout.write(f"exported {officers.count()} officer(s) to {options['output']} ({options['format']} format)")
