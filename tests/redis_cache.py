"""Django's cache on Redis for the tests (``DEFENDERS_TEST_REDIS``).

``DEFENDERS_TEST_REDIS=redis://127.0.0.1:6379/15`` puts the default cache of the
whole suite on that Redis database; ``.ci/run`` runs the caching tests this way.
Each test process keeps its keys under a prefix of its own and clearing the
cache deletes only those, so parallel workers (and anyone else using the same
Redis database) never empty each other's cache. Unset, the suite uses
``LocMemCache``.
"""

from __future__ import annotations

import os

from django.core.cache.backends.redis import RedisCache

#: Where :func:`reachable_redis` looks when ``DEFENDERS_TEST_REDIS`` is unset.
DEFAULT_URL = "redis://127.0.0.1:6379/15"


class PrefixedRedisCache(RedisCache):
    """Django's Redis cache whose ``clear()`` deletes only its own prefix's keys
    (Django's flushes the whole Redis database)."""

    def clear(self) -> None:
        # Django's RedisCache keeps its client in ``_cache`` (no public accessor).
        client = self._cache.get_client(write=True)  # type: ignore[attr-defined]
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)


def redis_caches(url: str, prefix: str | None = None) -> dict:
    """A ``CACHES`` setting on Redis at ``url``, under ``prefix`` (this process's
    own unless given or in ``DEFENDERS_TEST_REDIS_PREFIX``: two processes that
    share a cache give the same)."""
    prefix = prefix or os.environ.get("DEFENDERS_TEST_REDIS_PREFIX")
    if prefix is None:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        prefix = f"defenders-test-{worker}-{os.getpid()}"
    return {
        "default": {
            "BACKEND": "tests.redis_cache.PrefixedRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }


def configured_url() -> str | None:
    return os.environ.get("DEFENDERS_TEST_REDIS") or None


def reachable_redis() -> str | None:
    """``DEFENDERS_TEST_REDIS``, or :data:`DEFAULT_URL` when a Redis answers there;
    ``None`` when none does (the tests that need one skip)."""
    url = configured_url()
    if url:
        return url  # asked for: a Redis that does not answer is a failure
    try:
        import redis
    except ImportError:
        return None
    try:
        redis.Redis.from_url(DEFAULT_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return None
    return DEFAULT_URL
