"""What the caching tests share: the cache on, a profile with a body, and the
front-end cache recording its purges."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api_world import clear_caches
from tests.caching.recording_backend import RecordingBackend
from tests.settings import CACHES as TEST_CACHES  # LocMem, or Redis


@pytest.fixture(autouse=True)
def locmem_cache(settings):
    settings.CACHES = TEST_CACHES
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 300}
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def alassane(index, terms):
    return factories.alassane(
        index,
        terms,
        body=[
            ("section", {"kind": "about", "heading": "Over", "text": "<p>Eerst.</p>"})
        ],
    )


@pytest.fixture
def frontend_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.caching.recording_backend.RecordingBackend"}
    }
    RecordingBackend.purged = []
    return RecordingBackend.purged


@pytest.fixture
def purged(frontend_cache):
    return frontend_cache
