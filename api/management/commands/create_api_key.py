import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.models import DEFAULT_WEEKLY_QUOTA
from api.services import partner_key_create


class Command(BaseCommand):
    help = "Create a partner API key and print it once (only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="Partner organisation's name.")
        parser.add_argument("--quota", type=int, default=DEFAULT_WEEKLY_QUOTA, help="Credits per week.")
        parser.add_argument("--contact-name", default="")
        parser.add_argument("--contact-email", default="")
        parser.add_argument("--purpose", default="")
        parser.add_argument("--expires-in-days", type=int, default=None)
        parser.add_argument("--quiet", action="store_true", help="Print only the key (for scripts).")

    def handle(self, *args, **options):
        if options["quota"] < 0:
            raise CommandError("--quota must be zero or more.")
        if not options["org"].strip():
            raise CommandError("--org must not be empty.")
        expires_at = None
        if options["expires_in_days"] is not None:
            if options["expires_in_days"] <= 0:
                raise CommandError("--expires-in-days must be at least 1.")
            expires_at = timezone.now() + dt.timedelta(days=options["expires_in_days"])
        key, secret = partner_key_create(
            organisation=options["org"].strip(),
            weekly_quota=options["quota"],
            contact_name=options["contact_name"],
            contact_email=options["contact_email"],
            purpose=options["purpose"],
            expires_at=expires_at,
        )
        if options["quiet"]:
            self.stdout.write(secret)
            return
        self.stdout.write(f"Created key {key.prefix}… for {key.organisation}, {key.weekly_quota} credits a week.")
        self.stdout.write("The key is shown this once; store it safely:")
        self.stdout.write(secret)
