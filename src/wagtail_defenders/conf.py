"""The package's settings, read from one dict: ``settings.WAGTAIL_DEFENDERS``.

Every module reads settings through this one: the package's own through
:data:`defenders_settings`, the few of Wagtail's it follows through
:func:`wagtail_setting`, never through ``getattr(settings, ...)``. Values are
read lazily and the cache is dropped when Django's ``setting_changed`` signal
fires (``override_settings`` in tests).

Settings and their defaults:

``PER_PAGE`` (``24``)
    Profiles per page on a :class:`~wagtail_defenders.models.DefenderIndexPage`.
``RELATED_NEWS_PAGE_TYPES`` (``[]``)
    Page models (``"app_label.ModelName"``) an editor may choose as related news.
    Empty means any page type.
``PORTRAIT_RENDITIONS`` (``{"card": "fill-400x400", "profile": "fill-800x800"}``)
    Named image filter specs for portraits: ``card`` on the index page, ``profile``
    on the profile page. The API serves every named size.
``BODY_IMAGE_RENDITIONS`` (``{"body": "width-1000"}``)
    Named image filter specs for the images in a profile's body, as the APIs
    serve them (never the original file).
``SEARCH_QUERY_MAX_LENGTH`` (``200``)
    Longest accepted search query (``q``), in characters.
``FILTER_MAX_VALUES`` (``20``)
    Most comma-separated values accepted in one filter parameter.
``STRIP_IMAGE_METADATA`` (``True``)
    Remove location, camera and author metadata (EXIF with GPS, XMP, IPTC, comments)
    from every image before it is stored; see ``wagtail_defenders.images``.
``CACHE_TIMEOUT`` (``300``)
    Seconds the index and profile pages keep their rendered fragments in Django's
    cache (``wagtailpagecache``); ``0`` turns fragment caching off. Every edit that
    changes what they show starts a new cache generation; see
    ``wagtail_defenders.cache``.
``CDN_MAX_AGE`` (``0``)
    Seconds a shared cache (a CDN) may keep a response that the response cache
    middleware (``wagtail_defenders.response_cache``) finds the same for every
    anonymous visitor: its ``Cache-Control: public, max-age=0, s-maxage=...``.
``EXPORT_DOWNLOADS`` (``False``)
    Whether visitors may download an index page's profiles as open data, at
    ``<index page>/export.csv`` and ``export.json`` (with the index page's
    filters). The same live, public profiles as the API, never a consent field
    or a withheld portrait; see ``wagtail_defenders.exchange.export``.
``FEED_ITEMS`` (``50``)
    Most profiles an RSS or Atom feed of an index page carries (newest first);
    see ``wagtail_defenders.feeds``.
``REQUIRE_HOST_CITY`` (``True``)
    Whether a profile needs a host city and a year of the stay (Shelter City's
    shape). ``False`` makes both optional in the admin and on save, for an
    organisation that has no host cities; the pages, filters and APIs show a
    city or a stay only where a profile has one.
``RELATED_NEWS_AUTOMATIC`` (``0``)
    How many related news a profile shows at least: when its editors chose fewer,
    the newest live, public news pages of its language that share its themes or
    country fill up (ranked by shared terms, then date). ``0`` turns it off. News
    page types take part through ``wagtail_defenders.models.DefenderNewsMixin``.
``HEADLESS_PREVIEW`` (``False``)
    Whether the admin's preview of a profile or an index page sends the editor
    to the site's separate front end (wagtail-headless-preview, the
    ``headless-preview`` extra, configured by its own ``WAGTAIL_HEADLESS_PREVIEW``
    setting), which fetches the draft from the API's ``page_preview`` endpoint
    (v2), ``defenders/preview/`` route (v3) or GraphQL's ``defenderPreview``
    with a token; see ``wagtail_defenders.headless_preview``. Off, the preview
    is the package's templates, as without the extra.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

SETTING_NAME = "WAGTAIL_DEFENDERS"

DEFAULTS: dict[str, Any] = {
    "PER_PAGE": 24,
    "RELATED_NEWS_PAGE_TYPES": [],
    "PORTRAIT_RENDITIONS": {"card": "fill-400x400", "profile": "fill-800x800"},
    "BODY_IMAGE_RENDITIONS": {"body": "width-1000"},
    "SEARCH_QUERY_MAX_LENGTH": 200,
    "FILTER_MAX_VALUES": 20,
    "STRIP_IMAGE_METADATA": True,
    "CACHE_TIMEOUT": 300,
    "CDN_MAX_AGE": 0,
    "EXPORT_DOWNLOADS": False,
    "FEED_ITEMS": 50,
    "REQUIRE_HOST_CITY": True,
    "RELATED_NEWS_AUTOMATIC": 0,
    "HEADLESS_PREVIEW": False,
}


class DefendersSettings:
    """Attribute access to ``WAGTAIL_DEFENDERS`` with the defaults filled in.

    An unknown key in the site's dict is an error, so a typo does not pass silently.
    """

    def __init__(self) -> None:
        self._cache: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        configured = getattr(settings, SETTING_NAME, {}) or {}
        if not isinstance(configured, dict):
            raise ImproperlyConfigured(f"{SETTING_NAME} must be a dict.")
        unknown = sorted(set(configured) - set(DEFAULTS))
        if unknown:
            raise ImproperlyConfigured(
                f"Unknown {SETTING_NAME} key(s): {', '.join(unknown)}. "
                f"Known keys: {', '.join(sorted(DEFAULTS))}."
            )
        return {**DEFAULTS, **configured}

    def __getattr__(self, name: str) -> Any:
        if name not in DEFAULTS:
            raise AttributeError(f"{SETTING_NAME} has no setting {name!r}.")
        if self._cache is None:
            self._cache = self._load()
        return self._cache[name]

    def fingerprint(self) -> str:
        """Every setting's value as one string: part of a cache key, so data
        cached under other settings is never served."""
        if self._cache is None:
            self._cache = self._load()
        return repr(sorted(self._cache.items()))

    def reload(self) -> None:
        """Forget the cached values; the next access reads the settings again."""
        self._cache = None


defenders_settings = DefendersSettings()

#: Wagtail's settings the package follows, with Wagtail's defaults.
WAGTAIL_DEFAULTS: dict[str, Any] = {
    # API v2's largest ``limit``; the package's endpoints (v2, v3) keep to it.
    "WAGTAILAPI_LIMIT_MAX": 20,
    # The base of the absolute URLs the API gives (part of the API cache key).
    "WAGTAILAPI_BASE_URL": None,
    # wagtail.contrib.frontend_cache's backends: purging is off without them.
    "WAGTAILFRONTENDCACHE": None,
    # Whether pages have languages (rich text links follow the active one).
    "WAGTAIL_I18N_ENABLED": False,
    # Whether API v3 serves its OpenAPI schema and interactive docs.
    "WAGTAILAPI_DOCS_ENABLED": True,
    # wagtail.contrib.redirects: whether a rename or move makes redirects (the
    # package tells the editor a profile got none).
    "WAGTAILREDIRECTS_AUTO_CREATE": True,
    # The admin's address, for links in e-mails (consent reminders).
    "WAGTAILADMIN_BASE_URL": "",
    # The base class of Wagtail's image forms (a system check wants the package's).
    "WAGTAILIMAGES_IMAGE_FORM_BASE": "",
}


def wagtail_setting(name: str) -> Any:
    """The value of one of Wagtail's settings in :data:`WAGTAIL_DEFAULTS`."""
    return getattr(settings, name, WAGTAIL_DEFAULTS[name])


@receiver(setting_changed)
def _reload_defenders_settings(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTING_NAME:
        defenders_settings.reload()
