"""Create one demo account per role and print their passwords (DEBUG only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from officers.demo_accounts import demo_accounts_ensure


class Command(BaseCommand):
    help = "Create demo-volunteer, demo-labeller, demo-reviewer, demo-curator and demo-admin (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_accounts is for trying the site locally and refuses to run with DEBUG=0: "
                "accounts with printed passwords must never reach a production database."
            )
        accounts = demo_accounts_ensure()
        self.stdout.write("Demo accounts (the passwords are new on every run):")
        for account in accounts:
            line = f"  {account.role:<10} {account.username:<16} {account.password}"
            if account.curates:
                line += f"   curates {account.curates}"
            self.stdout.write(line)
        self.stdout.write(
            "Volunteers, labellers and reviewers sign in at /en/accounts/login/; "
            "the curator and the admin at /admin/."
        )
        if not any(account.curates for account in accounts):
            self.stdout.write(self.style.WARNING("No demo department: run `manage.py load_demo`, then this again."))
