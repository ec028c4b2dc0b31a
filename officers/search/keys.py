"""The accent-free, lower-case forms of names and badge numbers that search matches on."""

import unicodedata


def search_key(text: str) -> str:
    """Lower-case, accent-free form of a name, used for case- and accent-insensitive search."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def badges_key(badges) -> str:
    return " ".join(sorted({search_key(badge) for badge in badges if badge and badge.strip()}))
