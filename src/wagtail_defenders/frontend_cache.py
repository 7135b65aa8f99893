"""Purging a front-end cache (a CDN or a proxy) after an edit, through Wagtail's.

With ``wagtail.contrib.frontend_cache`` installed and ``WAGTAILFRONTENDCACHE``
set, every edit that changes what the package shows purges the URLs that show
it (:mod:`wagtail_defenders.signal_handlers` says which edits and which pages):
the pages given, every index page, and the package's API listings wherever the
site registered them (:mod:`wagtail_defenders.api.registry`), under each site's
root URL.

Purges wait for the transaction to commit, so the CDN never refetches the old
content, and everything one transaction asked for goes out as one batch: a
takedown of a profile and its translations purges each URL once. Wagtail's own
receivers already purge a page when it is published or unpublished; the
package's receivers do not purge that page a second time (an index page is,
being one of every index page).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from wagtail.models import Page, Site

from .api.registry import listing_paths
from .conf import wagtail_setting
from .models import DefenderIndexPage

FRONTEND_CACHE_APP = "wagtail.contrib.frontend_cache"


def frontend_cache_enabled() -> bool:
    """Whether the site purges a front-end cache: the app is installed and set up."""
    return apps.is_installed(FRONTEND_CACHE_APP) and bool(
        wagtail_setting("WAGTAILFRONTENDCACHE")
    )


def api_listing_urls() -> list[str]:
    """The package's API listing URLs under every site's root URL."""
    paths = listing_paths()
    return [
        f"{site.root_url.rstrip('/')}{path}"
        for site in Site.objects.all()
        for path in paths
    ]


@dataclass
class _Pending:
    """What the current transaction asked to purge besides the index pages and
    the API listings, which every purge includes."""

    pages: list[Page] = field(default_factory=list)
    urls: set[str] = field(default_factory=set)


_pending = threading.local()


def purge_after_commit(pages: Iterable[Page] = (), *, urls: Iterable[str] = ()) -> None:
    """Purge ``pages``, ``urls``, every index page and the API listings once the
    transaction commits, in the one batch of that transaction.

    Nothing happens unless :func:`frontend_cache_enabled`.
    """
    if not frontend_cache_enabled():
        return
    pending = getattr(_pending, "value", None)
    if pending is None:
        pending = _pending.value = _Pending()
    pending.pages.extend(pages)
    pending.urls.update(urls)
    # Each edit registers the flush; the first one to run sends everything, the
    # others find nothing left. After a rollback the next commit sends what the
    # rolled-back edits asked for too: a needless purge, never a missed one.
    transaction.on_commit(_flush)


def discard_pending() -> None:
    """Forget what this thread asked to purge and has not sent: for a test, whose
    transaction is rolled back, so the next test does not send it."""
    _pending.value = None


def _flush() -> None:
    pending = getattr(_pending, "value", None)
    if pending is None:
        return
    _pending.value = None
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages([*pending.pages, *DefenderIndexPage.objects.live()])
    batch.add_urls(pending.urls)
    batch.add_urls(api_listing_urls())
    batch.purge()
