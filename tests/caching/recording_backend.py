"""A front-end cache backend for the tests: it records the URLs it is asked to
purge (``WAGTAILFRONTENDCACHE``'s ``tests.caching.recording_backend.RecordingBackend``)."""

from __future__ import annotations

from wagtail.contrib.frontend_cache.backends import BaseBackend


class RecordingBackend(BaseBackend):
    """A front-end cache backend that records the URLs it is asked to purge."""

    purged: list[str] = []

    def __init__(self, params):
        super().__init__(params)

    def purge(self, url: str) -> None:
        RecordingBackend.purged.append(url)
