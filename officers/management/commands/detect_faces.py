"""Detect faces in submitted photos that have not been scanned yet (or again, with --force)."""

from django.core.management.base import BaseCommand, CommandError

from officers.photos.services import faces
from officers.photos.models import Image, ImageReviewState


class Command(BaseCommand):
    help = "Propose face boxes for pending photos not yet scanned. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be scanned; change nothing.")
        parser.add_argument("--force", action="store_true", help="Re-scan even photos already scanned (keeps people's work).")
        parser.add_argument("--all", action="store_true", help="Every photo not rejected, not only pending ones.")
        parser.add_argument("--image", type=int, action="append", default=[], help="Only this image id (repeatable).")

    def handle(self, *args, dry_run, force, all, image, **options):
        images = Image.objects.exclude(review_state=ImageReviewState.REJECTED)
        if not all:
            images = images.filter(review_state=ImageReviewState.PENDING)
        if image:
            images = Image.objects.filter(pk__in=image)
            missing = set(image) - set(images.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No image with id {', '.join(map(str, sorted(missing)))}.")
        if not force:
            images = images.filter(faces_detected_at__isnull=True)
        counts = {"scanned": 0, "faces created": 0, "skipped": 0, "failed": 0}
        for pk in images.order_by("pk").values_list("pk", flat=True).iterator():
            if dry_run:
                self.stdout.write(f"would scan image {pk}")
                counts["scanned"] += 1
                continue
            try:
                result = faces.image_faces_detect(image_id=pk, force=force)
            except Exception as error:  # noqa: BLE001 - one unreadable file must not stop the run
                counts["failed"] += 1
                self.stderr.write(f"image {pk}: {error}")
                continue
            if result.skipped:
                counts["skipped"] += 1
            else:
                counts["scanned"] += 1
                counts["faces created"] += result.created
        summary = ", ".join(f"{name} {count}" for name, count in counts.items())
        self.stdout.write(("[dry run] " if dry_run else "") + summary)
