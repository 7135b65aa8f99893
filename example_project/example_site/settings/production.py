"""Settings for running the example site in production, configured by the environment.

``DJANGO_SETTINGS_MODULE=example_site.settings.production``, with:

``DJANGO_SECRET_KEY``
    required: a long random string (``python -c "import secrets;
    print(secrets.token_urlsafe(50))"``), the same on every app server, never
    committed.
``DJANGO_ALLOWED_HOSTS``
    required: the site's host names, separated by commas (``.example.org``
    matches its subdomains too).
``DATABASE_URL``
    required: the PostgreSQL database, ``postgres://USER:PASSWORD@HOST:5432/NAME``.
``REDIS_URL``
    required: the cache every app server shares, ``redis://HOST:6379/0``. The
    fragment cache and the API cache must be one for all servers, or a server
    keeps showing what another has just taken down.
``DJANGO_CSRF_TRUSTED_ORIGINS``
    optional: origins allowed to post forms (the admin), separated by commas;
    by default ``https://`` and each allowed host.
``WAGTAILADMIN_BASE_URL``
    optional: the admin's address for links in emails; by default ``https://``
    and the first allowed host.
``DJANGO_SECURE_PROXY_SSL_HEADER``
    optional: set to ``1`` when a proxy in front of the site ends TLS and sets
    ``X-Forwarded-Proto`` (and strips it from what visitors send); otherwise
    Django cannot tell a request came over HTTPS.
``DJANGO_HSTS_SECONDS``
    optional: how long browsers keep to HTTPS for the site (default one year).
    Start lower (``300``) on a new host name, until HTTPS is known to work on it
    and its subdomains.

A missing required variable stops the site at start with a message that names
it. ``python -m django check --deploy --fail-level WARNING`` is clean with these
settings (``.ci/run`` checks it). Installing: ``pip install
"wagtail-defenders[deploy]"`` adds the PostgreSQL driver, the Redis client and
dj-database-url.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required(name: str) -> str:
    """The environment variable ``name``; stops with a clear message without it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is not set; the production settings "
            f"need it (see example_site/settings/production.py)."
        )
    return value


def listed(value: str) -> list[str]:
    """The items of a comma-separated value, without blanks."""
    return [item.strip() for item in value.split(",") if item.strip()]


def _database(url: str) -> dict:
    try:
        import dj_database_url
    except ImportError as error:  # only the production settings need it
        raise ImproperlyConfigured(
            'DATABASE_URL needs dj-database-url: pip install "wagtail-defenders[deploy]"'
        ) from error
    database = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_URL must name a PostgreSQL database (postgres://...)."
        )
    return database


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = listed(required("DJANGO_ALLOWED_HOSTS"))

DATABASES = {"default": _database(required("DATABASE_URL"))}
# Wagtail's search index uses PostgreSQL's search fields on this database, which
# Django 6.0 and newer refuse without this app (postgres.E005).
INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]  # noqa: F405

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": required("REDIS_URL"),
        "KEY_PREFIX": "example_site",
    }
}

# HTTPS only: every request over HTTPS, browsers told to keep to it, and the
# session and CSRF cookies never sent over plain HTTP.
SECURE_SSL_REDIRECT = True
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Visitors' browsers send no address of a profile to other sites they follow a
# link to (Django's default is "same-origin" too; stated here because it matters).
SECURE_REFERRER_POLICY = "same-origin"


def _origin(host: str) -> str:
    # ".example.org" allows its subdomains; so does "https://*.example.org".
    return f"https://*{host}" if host.startswith(".") else f"https://{host}"


_hosts = [host for host in ALLOWED_HOSTS if host != "*"]
CSRF_TRUSTED_ORIGINS = listed(os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "")) or [
    _origin(host) for host in _hosts
]
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"https://{_hosts[0].lstrip('.')}" if _hosts else ""
)
