"""Writes of the ingest app: runs of sources, stored posts, data-set and CSV imports."""

from ingest.services.imports import (
    ImportFailed,
    import_source_get_or_create,
    pb2020_import,
    posts_import_csv,
)
from ingest.services.posts import StoreResult, posts_store
from ingest.services.runs import source_run

__all__ = [
    "ImportFailed",
    "StoreResult",
    "import_source_get_or_create",
    "pb2020_import",
    "posts_import_csv",
    "posts_store",
    "source_run",
]
