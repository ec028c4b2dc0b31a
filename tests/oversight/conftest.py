"""The link checker's local web server lives with the checker's own tests (core.links)."""

from tests.core.conftest import web_server  # noqa: F401
