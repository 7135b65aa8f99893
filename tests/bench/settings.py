"""Settings for the benchmark: the test settings on a SQLite file per size."""

import os

from tests.settings import *  # noqa: F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["DEFENDERS_BENCH_DB"],
    }
}
ROOT_URLCONF = "tests.bench.urls"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DATABASES["default"]["CONN_MAX_AGE"] = None  # one connection, as a server keeps

# The build saves 1,000 pages; Wagtail's search and reference index updates run as
# tasks, and are most of that time. No scenario searches or reads the reference
# index, so the benchmark does not run them (a search scenario would need them).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "ENQUEUE_ON_COMMIT": False,
    }
}
