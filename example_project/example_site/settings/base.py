"""Settings shared by every way of running the example site.

The database is SQLite in ``example_project/db.sqlite3``; ``EXAMPLE_SITE_DATABASE``
and ``EXAMPLE_SITE_MEDIA_ROOT`` point elsewhere (the browser tests use a fresh
temporary directory).
"""

import os
from pathlib import Path

import wagtail

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "home",
    "news",
    "search",
    "wagtail_defenders",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

if wagtail.VERSION >= (8, 0):
    # API v3's docs/ page: Swagger UI from django-ninja's static files (no CDN).
    INSTALLED_APPS += ["ninja"]

# GraphQL at /graphql/ (grapple, in the "graphql" and "demo" extras): on when
# wagtail-grapple is installed; GraphiQL at /graphiql/ in the dev settings.
try:
    import grapple  # noqa: F401
except ImportError:  # pragma: no cover - the extra is optional
    GRAPHQL = False
else:
    GRAPHQL = True
    INSTALLED_APPS += ["grapple", "graphene_django"]
    GRAPHENE = {"SCHEMA": "grapple.schema.schema"}
    GRAPPLE = {"APPS": ["home", "news"]}

MIDDLEWARE = [
    # Whole responses for visitors who are not logged in (first, so that it
    # stores what the others add): index, profile pages and the API.
    "wagtail_defenders.response_cache.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A 400 for a NUL or other control character in any query string, before
    # Wagtail's own routes (API v3 pages/, images/...) hand it to PostgreSQL.
    "wagtail_defenders.request_guard.SafeQueryStringMiddleware",
]

ROOT_URLCONF = "example_site.urls"
WSGI_APPLICATION = "example_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("EXAMPLE_SITE_DATABASE", BASE_DIR / "db.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Dutch is the default language, served without a prefix; English lives under /en/,
# as on the Shelter City site.
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"
LANGUAGE_CODE = "nl"
# The content languages: the page trees editors write in.
WAGTAIL_CONTENT_LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("fr", "Français"),
    ("ar", "العربية"),
]
# The interface languages, every one wagtail-defenders is translated into: they pick
# the language of the admin (for editors without a preference of their own), of the
# API's messages (Accept-Language) and of the site's own text. Each name is written
# in its own language, as a language switcher shows it.
LANGUAGES = [*WAGTAIL_CONTENT_LANGUAGES, ("es", "Español")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates are shown in each language's DATE_FORMAT (the templates' plain |date):
# Django's, except English, which the site writes day first (example_site/formats/).
FORMAT_MODULE_PATH = ["example_site.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("EXAMPLE_SITE_MEDIA_ROOT", BASE_DIR / "media"))

WAGTAIL_SITE_NAME = "Shelter City (demo)"
# An unreadable image upload is a form error (wagtail_defenders.W010).
WAGTAILIMAGES_IMAGE_FORM_BASE = "wagtail_defenders.images.forms.ImageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

WAGTAIL_DEFENDERS = {
    "PER_PAGE": 12,
    "RELATED_NEWS_PAGE_TYPES": ["news.NewsPage"],
    # <index page>/export.csv and export.json: the demo's profiles as open data.
    "EXPORT_DOWNLOADS": True,
}
