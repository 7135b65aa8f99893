"""Settings for the benchmark: the test settings on one size's database.

``DATABASE_URL`` is that database (``tests.bench.databases`` sets it for each
size); ``DEFENDERS_BENCH_MEDIA`` its images' folder. ``REDIS_URL`` puts the cache
on Redis (as a site with several processes has it; the server run's two workers
then share it); ``DEFENDERS_BENCH_CACHE_TIMEOUT`` sets ``CACHE_TIMEOUT`` (the
server run's "cache off" pass). ``DEFENDERS_BENCH_RESPONSE_CACHE=1`` adds the
whole-response cache to ``MIDDLEWARE`` (the in-process run adds it to one of
its two clients instead).
"""

import os

from tests.settings import *  # noqa: F403
from tests.settings import DATABASES, MIDDLEWARE, WAGTAIL_DEFENDERS

DATABASES["default"]["CONN_MAX_AGE"] = None  # one connection, as a server keeps
ROOT_URLCONF = "tests.bench.urls"
MEDIA_ROOT = os.environ.get("DEFENDERS_BENCH_MEDIA", MEDIA_ROOT)  # noqa: F405
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "defenders-bench",
        }
    }
else:
    # Room for every entry, as a shared cache has: LocMemCache's default of 300
    # culls a third of them when full, and a cached page then misses at random.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        }
    }
if os.environ.get("DEFENDERS_BENCH_CACHE_TIMEOUT"):
    WAGTAIL_DEFENDERS = {
        **WAGTAIL_DEFENDERS,
        "CACHE_TIMEOUT": int(os.environ["DEFENDERS_BENCH_CACHE_TIMEOUT"]),
    }
RESPONSE_CACHE = "wagtail_defenders.response_cache.ResponseCacheMiddleware"
if os.environ.get("DEFENDERS_BENCH_RESPONSE_CACHE") == "1":
    MIDDLEWARE = [RESPONSE_CACHE, *MIDDLEWARE]

# The build saves thousands of pages; Wagtail's search and reference index updates
# run as tasks, and are most of that time. No scenario searches or reads the
# reference index, so the benchmark does not run them.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "ENQUEUE_ON_COMMIT": False,
    }
}
