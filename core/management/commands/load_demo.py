"""Load the demo data of every app that has some (`<app>/demo.py` with `load(stdout)`).

Idempotent: running it twice changes nothing the second time. Apps are loaded in
INSTALLED_APPS order, so officers exist before the reports that name them.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo data shipped with the project (idempotent)."

    def handle(self, *args, **options):
        loaded = 0
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            self.stdout.write(f"{config.label}: loading demo data")
            module.load(stdout=self.stdout)
            loaded += 1
        self.stdout.write(self.style.SUCCESS(f"demo data loaded for {loaded} app(s)"))
