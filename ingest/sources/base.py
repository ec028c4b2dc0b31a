"""What every source kind hands to the run: fetched items, a cursor, and how the run ended."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from ingest.geotag import NOWHERE, Location

if TYPE_CHECKING:
    from ingest.models import Source


class SourceError(Exception):
    """The source failed in a way we understand: the run fails with this message, progress kept."""


@dataclass
class Item:
    """One post as fetched, before it is stored."""

    external_id: str
    text: str
    raw: dict
    url: str = ""
    title: str = ""
    author: str = ""
    language: str = ""
    posted_at: datetime | None = None
    tags: list[str] = field(default_factory=list)
    location: Location = NOWHERE
    html: bool = False  # the text is HTML (news summaries), not plain text


@dataclass
class Outcome:
    """How a fetch ended when it did not raise: `partial` means it stopped early on purpose."""

    message: str = ""
    partial: bool = False
    resume_after: datetime | None = None


class Recorder(Protocol):
    """The run's side of a fetch (implemented in ingest.services)."""

    def store(self, items: list[Item]) -> None: ...

    def skip(self, message: str, *, raw: object = None) -> None: ...

    def warn(self, message: str) -> None: ...

    def fetched(self, count: int) -> None: ...

    def checkpoint(self, cursor: dict) -> None: ...


class Fetcher(Protocol):
    def unavailable_reason(self, source: Source) -> str:
        """Why this source cannot run now (missing token, bad configuration); "" when it can."""
        ...

    def fetch(self, *, source: Source, cursor: dict, recorder: Recorder) -> Outcome: ...


def bounded_id(value: str) -> str:
    """Ids longer than the column (some feeds use whole URLs) become a stable digest."""
    value = value.strip()
    if len(value) <= 255:
        return value
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()
