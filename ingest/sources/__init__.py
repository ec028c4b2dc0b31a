"""Source kinds that can be scraped, by `SourceKind`. Data sets and CSV files are imported instead."""

from ingest.models import SourceKind
from ingest.sources.base import Fetcher


def fetcher_for(kind: str) -> Fetcher | None:
    if kind == SourceKind.TWITTER:
        from ingest.sources.twitter import TwitterFetcher

        return TwitterFetcher()
    if kind == SourceKind.NEWS:
        from ingest.sources.news import NewsFetcher

        return NewsFetcher()
    return None
