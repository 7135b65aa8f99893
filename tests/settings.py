"""Settings for the test suite. ``DATABASE_URL`` picks the database (SQLite by default)."""

import os

import dj_database_url
import wagtail

BASE_DIR = os.path.dirname(os.path.abspath(__file__))

SECRET_KEY = "not-secret-only-for-tests"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "sqlite:///:memory:"), conn_max_age=0
    )
}
MYSQL = DATABASES["default"]["ENGINE"] == "django.db.backends.mysql"
if MYSQL:
    # MariaDB and MySQL (DATABASE_URL=mysql://...): names and stories in any script.
    DATABASES["default"].setdefault("OPTIONS", {})["charset"] = "utf8mb4"
    DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4"}
POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

INSTALLED_APPS = [
    "tests.testapp",
    "wagtail_defenders",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Wagtail's search index uses PostgreSQL's search fields there, which Django 6.0
    # and newer refuse without this app (postgres.E005).
    *(["django.contrib.postgres"] if POSTGRES else []),
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
if wagtail.VERSION >= (8, 0):
    # API v3's docs/ page: Swagger UI from django-ninja's static files.
    INSTALLED_APPS += ["ninja"]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "tests.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(BASE_DIR, "testapp", "templates")],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
LANGUAGE_CODE = "nl"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True

STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(BASE_DIR, "test-static")
MEDIA_URL = "/media/"
# One media folder per pytest-xdist worker, so parallel tests never share files.
MEDIA_ROOT = os.path.join(
    BASE_DIR, "test-media", os.environ.get("PYTEST_XDIST_WORKER", "main")
)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

WAGTAIL_SITE_NAME = "wagtail-defenders tests"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if MYSQL:
    # InnoDB's full-text indexes only see committed rows, and each test runs in a
    # transaction that is rolled back: on MySQL the tests search with Wagtail's
    # fallback database backend, which reads the tables themselves.
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database.fallback"}
    }

# An unreadable image upload is a form error (wagtail_defenders.W010).
WAGTAILIMAGES_IMAGE_FORM_BASE = "wagtail_defenders.images.forms.ImageForm"
WAGTAIL_DEFENDERS = {"RELATED_NEWS_PAGE_TYPES": ["testapp.NewsPage"]}

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# Wagtail 7 updates the search index in a django-tasks task enqueued after the
# transaction commits, which never happens inside a test's rolled-back transaction;
# run the tasks at once instead (Wagtail 8's backend already does).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "ENQUEUE_ON_COMMIT": False,
    }
}

# GraphQL (the "graphql" extra): on when wagtail-grapple is installed.
try:
    import grapple  # noqa: F401
except ImportError:  # pragma: no cover
    pass
else:
    INSTALLED_APPS += ["grapple", "graphene_django"]
    GRAPHENE = {"SCHEMA": "grapple.schema.schema"}
    GRAPPLE = {"APPS": ["testapp"]}

# Headless preview (the "headless-preview" extra; grapple brings the library):
# its app and table when installed, the preview itself off as by default
# (tests/test_headless_preview.py switches it on).
try:
    import wagtail_headless_preview  # noqa: F401
except ImportError:  # pragma: no cover
    pass
else:
    INSTALLED_APPS += ["wagtail_headless_preview"]

# The cache on Redis (DEFENDERS_TEST_REDIS, see tests/redis_cache.py).
from tests.redis_cache import configured_url as redis_url  # noqa: E402
from tests.redis_cache import redis_caches  # noqa: E402

CACHES = (
    redis_caches(url)
    if (url := redis_url())
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)

# Media on an S3-compatible server (DEFENDERS_TEST_S3, see tests/s3.py).
from tests.s3 import storages as s3_storages  # noqa: E402

if (S3_STORAGES := s3_storages()) is not None:
    STORAGES = S3_STORAGES
