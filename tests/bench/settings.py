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
