"""Source kinds that can be scraped, by `SourceKind`. Data sets and CSV files are imported instead."""

from core.choices import SourceKind
from ingest.sources.base import Fetcher


def fetcher_for(kind: str) -> Fetcher | None:
    if kind == SourceKind.TWITTER:
        # Each fetcher module imports this package (for its base class): imported on use, which
        # breaks that loop and keeps the X client library out of processes that never scrape.
        from ingest.sources.twitter import TwitterFetcher

        return TwitterFetcher()
    if kind == SourceKind.NEWS:
        from ingest.sources.news import NewsFetcher  # imported on use, as above

        return NewsFetcher()
    return None
