"""Demo data: the 2020PB incidents as approved incidents, so the public map has something to show."""

from pathlib import Path

from django.conf import settings

from ingest import services
from ingest.importers.pb2020 import CITATION

DEMO_NOTE = (
    f"Imported from the 2020PB data set as demo data ({CITATION}); approved for the demo, "
    "not reviewed by a person."
)


def load(*, stdout) -> None:
    path = Path(settings.DATA_DIR) / "pb2020_incidents.jsonl"
    if not path.exists():
        stdout.write(f"  ingest: {path} not found; no incidents loaded")
        return
    summary = services.pb2020_import(
        text=path.read_text(encoding="utf-8"),
        name=path.name,
        approve=True,
        review_note=DEMO_NOTE,
    )
    stdout.write(
        f"  ingest: 2020PB incidents created {summary.created}, updated {summary.updated},"
        f" unchanged {summary.unchanged}"
    )
