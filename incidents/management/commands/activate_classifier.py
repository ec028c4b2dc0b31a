"""Put a registered classifier into service (after reading its evaluation)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.tasks import enqueue_on_commit
from incidents.classifier import registry, selectors
from incidents.classifier.metrics import text_report
from incidents.models import ClassifierModel
from incidents.tasks import classify_pending_posts


class Command(BaseCommand):
    help = "Show a model's held-out evaluation and make it the active model (one at a time)."

    def add_arguments(self, parser):
        parser.add_argument("version", nargs="?", help="model version to activate")
        parser.add_argument("--shipped", action="store_true", help="the model shipped in the repo")
        parser.add_argument("--rescore", action="store_true", help="re-rank every post with it")
        parser.add_argument("--user", default=None, help="username recorded as the one activating")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, **options):
        if options["shipped"]:
            model = registry.classifier_shipped_register()
        elif options["version"]:
            try:
                model = selectors.classifier_by_version(options["version"])
            except ClassifierModel.DoesNotExist:
                raise CommandError(
                    f"no classifier model with version {options['version']!r}"
                ) from None
        else:
            raise CommandError("name a VERSION or pass --shipped")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"no user {options['user']!r}")
        if model.metrics.get("per_class"):
            self.stdout.write(
                f"Held-out evaluation of {model.version}:\n{text_report(model.metrics)}\n"
            )
        else:
            self.stdout.write(self.style.WARNING(f"{model.version} has no recorded evaluation."))
        if not options["yes"] and input("Activate this model? [y/N] ").strip().lower() != "y":
            self.stdout.write("not activated")
            return
        registry.classifier_activate(model=model, actor=actor)
        if options["rescore"]:
            enqueue_on_commit(classify_pending_posts, rescore=True)
        self.stdout.write(self.style.SUCCESS(f"{model.version} is now the active classifier"))
