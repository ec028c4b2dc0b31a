"""Compile locale/*/LC_MESSAGES/*.po into .mo files with Babel.

Django's `compilemessages` needs GNU gettext's msgfmt, which a fresh machine may not have;
Babel is pure Python and installs with the project.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po → .mo) without GNU gettext."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                with po_path.open("rb") as handle:
                    try:
                        catalog = read_po(handle, abort_invalid=True)
                    except Exception as error:  # noqa: BLE001 - report which file is broken
                        raise CommandError(f"{po_path}: {error}") from error
                with po_path.with_suffix(".mo").open("wb") as handle:
                    write_mo(handle, catalog, use_fuzzy=False)
                compiled += 1
        self.stdout.write(f"compiled {compiled} catalogue(s)")
