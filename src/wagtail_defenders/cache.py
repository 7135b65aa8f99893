"""Keep cached pages and API data right after every edit: a cache generation and purges.

The index and profile templates cache their expensive fragments with Wagtail's
``{% wagtailpagecache %}`` (which never caches a preview), varying on
:func:`generation`; the v2 API keeps what it sends with :func:`cached_data`. The generation is a number kept in Django's default cache, so
every server of a site sees the same one; :func:`bump_generation` changes it, and
every fragment cached before is never read again (it expires on its timeout).

The generation changes when anything a fragment shows may have changed: a page is
published, unpublished, deleted, moved or renamed (any page, since profiles show
related news pages and the index lists profiles), a page's privacy changes, a
theme, country, city or image is saved or deleted, or a site or locale is saved
or deleted. This is coarse on purpose: an edit is rare next to a visit, and a
missed case would show a visitor a profile that was taken down.

With ``wagtail.contrib.frontend_cache`` installed and ``WAGTAILFRONTENDCACHE``
set, the same events purge the affected URLs from the front-end cache (CDN or
proxy): the profile, its index page, every profile showing a renamed term, the
profiles below a page whose privacy changed, every index page, and the package's
API listings under each site. A purge is sent once
the transaction commits, so the CDN never refetches the old content.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from . import __version__
from .conf import defenders_settings

GENERATION_KEY = "wagtail_defenders:cache-generation"

T = TypeVar("T")

#: The package's API listings (as the README registers them) purged on every change.
API_LISTING_PATHS = (
    "/api/v2/defenders/",
    "/api/v2/themes/",
    "/api/v2/countries/",
    "/api/v2/cities/",
)


def fresh_value() -> int:
    # Never a number an earlier generation may have had, even after the key was
    # evicted: fragments cached under that number must stay unread.
    return time.time_ns()


def generation() -> int:
    """The current cache generation of defender content (created when missing)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, fresh_value(), timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def bump_generation() -> None:
    """Start a new generation: every fragment cached until now is out of date."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing (never set, evicted or cleared)
        cache.set(GENERATION_KEY, fresh_value(), timeout=None)


def cache_timeout() -> int:
    """Seconds a fragment stays cached (``WAGTAIL_DEFENDERS["CACHE_TIMEOUT"]``)."""
    return int(defenders_settings.CACHE_TIMEOUT)


def cached_data(kind: str, key_parts: Iterable[Any], build: Callable[[], T]) -> T:
    """``build()``, kept in Django's cache for ``CACHE_TIMEOUT`` in this generation.

    For what the API sends: ``key_parts`` must hold everything the result depends
    on (the site, the path, the query string). Every edit that can change it
    starts a new generation, as for the page fragments, so a result is never
    served after the content it shows changed. ``build()`` raising (a bad
    request) caches nothing. With ``CACHE_TIMEOUT`` 0, ``build()`` every time.
    """
    timeout = cache_timeout()
    if not timeout:
        return build()
    # The package's version and settings too: an upgrade or a new rendition size
    # must not be answered with what the old code or settings produced.
    key_parts = (
        __version__,
        repr(getattr(settings, "WAGTAIL_DEFENDERS", None)),
        getattr(settings, "WAGTAILAPI_BASE_URL", None),
        generation(),
        *key_parts,
    )
    digest = hashlib.sha256(repr(key_parts).encode()).hexdigest()
    key = f"wagtail_defenders:{kind}:{digest}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value


def content_changed() -> None:
    """Bump now, and again at commit: a request between the two may have cached
    what was in the database before the transaction committed."""
    bump_generation()
    transaction.on_commit(bump_generation)


# Front-end cache purges


def frontend_cache_enabled() -> bool:
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
    )


def api_listing_urls() -> list[str]:
    """The API listing URLs under every site's root URL."""
    return [
        f"{site.root_url.rstrip('/')}{path}"
        for site in Site.objects.all()
        for path in API_LISTING_PATHS
    ]


def index_pages() -> list[Page]:
    from .models import DefenderIndexPage

    return list(DefenderIndexPage.objects.live())


def purge(pages: Iterable[Page]) -> None:
    """Purge ``pages``, every index page and the API listings, after commit."""
    if not frontend_cache_enabled():
        return
    from wagtail.contrib.frontend_cache.utils import (
        purge_pages_from_cache,
        purge_urls_from_cache,
    )

    pages = list(pages)

    def send() -> None:
        seen: set[int] = set()
        unique = []
        for page in [*pages, *index_pages()]:
            if page.pk not in seen:
                seen.add(page.pk)
                unique.append(page)
        purge_pages_from_cache(unique)
        purge_urls_from_cache(api_listing_urls())

    transaction.on_commit(send)


def _is_defender_page(page: Any) -> bool:
    from .models import DefenderIndexPage, DefenderPage

    return isinstance(page, DefenderPage | DefenderIndexPage)


def profiles_using(term: Any) -> list[Page]:
    """The live profiles that show ``term`` (a theme, country or city)."""
    from .models import City, Country, DefenderPage, Theme

    profiles = DefenderPage.objects.live()
    if isinstance(term, Theme):
        profiles = profiles.filter(defender_themes__theme=term)
    elif isinstance(term, Country):
        profiles = profiles.filter(country=term)
    elif isinstance(term, City):
        profiles = profiles.filter(city=term)
    else:
        return []
    return list(profiles.distinct())


# Receivers


def page_changed(sender: Any, instance: Page, **kwargs: Any) -> None:
    content_changed()
    if _is_defender_page(instance):
        purge([instance])


def page_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        page_changed(sender, instance)


def term_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    content_changed()
    if frontend_cache_enabled() and not kwargs.get("raw"):
        purge(profiles_using(instance) if kwargs.get("signal") is post_save else [])


def restriction_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A page's privacy changed: what is below it may no longer be shown, or may be.

    The profiles at or below the page are purged too: a CDN must not keep serving
    the public copy of a profile that was just put behind a login.
    """
    content_changed()
    if frontend_cache_enabled() and not kwargs.get("raw"):
        purge(profiles_behind(instance.page_id))


def profiles_behind(page_id: int | None) -> list[Page]:
    """The live profiles a privacy change on the page ``page_id`` may change.

    Those at or below the page, and those whose related news links to a page at
    or below it. None if the page is gone (the restriction went with it).
    """
    from django.db.models import Q

    from .models import DefenderPage

    page = Page.objects.filter(pk=page_id).first() if page_id else None
    if page is None:
        return []
    return list(
        DefenderPage.objects.live()
        .filter(
            Q(path__startswith=page.path)
            | Q(related_news__news_page__path__startswith=page.path)
        )
        .distinct()
    )


def site_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A site or language was added, changed or removed: which profiles a site
    serves, and in which language by default, may have changed."""
    content_changed()
    if frontend_cache_enabled() and not kwargs.get("raw"):
        purge([])


def connect_cache_receivers() -> None:
    """Connect the receivers (from ``AppConfig.ready``)."""
    from .models import City, Country, Theme

    uid = "wagtail_defenders.cache"
    page_published.connect(page_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{uid}.unpublished")
    page_slug_changed.connect(page_changed, dispatch_uid=f"{uid}.slug")
    post_page_move.connect(page_changed, dispatch_uid=f"{uid}.moved")
    post_delete.connect(page_deleted, dispatch_uid=f"{uid}.page_deleted")
    for model in (Theme, Country, City, get_image_model()):
        post_save.connect(term_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(term_changed, sender=model, dispatch_uid=f"{uid}.delete")
    post_save.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}.r_save"
    )
    post_delete.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}.r_del"
    )
    for model in (Site, Locale):
        name = model._meta.model_name
        post_save.connect(site_changed, sender=model, dispatch_uid=f"{uid}.{name}_save")
        post_delete.connect(
            site_changed, sender=model, dispatch_uid=f"{uid}.{name}_del"
        )
