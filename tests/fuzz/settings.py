"""The example site's settings, on the database ``DATABASE_URL`` names, for the fuzz.

Everything the example site has (its apps, middleware, URLs through
:mod:`tests.fuzz.urls`), plus GraphQL (grapple), mounted as the README says, when
the ``graphql`` extra is installed: the example site itself does not mount it.
"""

import os
import tempfile

import dj_database_url
from example_site.settings.base import *  # noqa: F403
from example_site.settings.base import INSTALLED_APPS

DEBUG = False
SECRET_KEY = "fuzz-only-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=600, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django 6.0 and newer refuse Wagtail's PostgreSQL search fields without it.
    INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]
ROOT_URLCONF = "tests.fuzz.urls"
MEDIA_ROOT = os.environ.get("DEFENDERS_FUZZ_MEDIA") or tempfile.mkdtemp(
    prefix="defenders-fuzz-media-"
)
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every 5xx is counted and reported by the fuzz itself.
    "loggers": {"django.request": {"level": "CRITICAL"}},
}

try:
    import grapple  # noqa: F401
except ImportError:  # pragma: no cover - the graphql extra is optional
    GRAPHQL = False
else:
    GRAPHQL = True
    # The example site's settings add grapple themselves when it is installed.
    if "grapple" not in INSTALLED_APPS:
        INSTALLED_APPS = [*INSTALLED_APPS, "grapple", "graphene_django"]
    GRAPHENE = {"SCHEMA": "grapple.schema.schema"}
    GRAPPLE = {"APPS": ["home", "news"]}
