"""The cache generation, and data kept in Django's cache under it.

The index and profile templates cache their expensive fragments with Wagtail's
``{% wagtailpagecache %}`` (which never caches a preview), varying on
:func:`generation`; the v2 API and the index page's filter options keep what
they computed with :func:`cached_data`. The generation is a number kept in
Django's default cache, so every server of a site sees the same one;
:func:`content_changed` starts a new one, and everything cached before is never
read again (it expires on its timeout).

This module is a leaf: it imports no model, so the models and the templates can
use it. What calls :func:`content_changed`, and when, is in
:mod:`wagtail_defenders.signal_handlers`; purging a front-end cache (a CDN) in
:mod:`wagtail_defenders.frontend_cache`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

from . import __version__
from .conf import defenders_settings, wagtail_setting

GENERATION_KEY = "wagtail_defenders:cache-generation"
TAG_KEY_PREFIX = "wagtail_defenders:cache-tag:"
#: The tag of every API answer.
API_TAG = "api"
#: The tag of cached data that names no tag of its own: every edit bumps it.
ANY_EDIT_TAG = "any-edit"

T = TypeVar("T")


def fresh_value() -> int:
    """A generation number that no earlier generation had."""
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
    """Start a new generation: everything cached until now is out of date."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing (never set, evicted or cleared)
        cache.set(GENERATION_KEY, fresh_value(), timeout=None)


def page_tag(page_id: int) -> str:
    """The tag of what a page (a profile, an index page) shows."""
    return f"page:{page_id}"


def tag_key(tag: str) -> str:
    """The cache key of ``tag``'s version."""
    return f"{TAG_KEY_PREFIX}{tag}"


def tag_versions(tags: Iterable[str]) -> dict[str, int]:
    """The current version of each of ``tags`` (created when missing), in one
    round trip when they all exist.

    A tag names what some cached data depends on (``page:<id>``, ``api``); a
    new version of a tag makes what was cached under the old one unread, as a
    new generation does for everything.
    """
    keys = {tag_key(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    for key in set(keys) - set(found):
        cache.add(key, fresh_value(), timeout=None)
        found[key] = cache.get(key, 0)
    return {tag: found[key] for key, tag in keys.items()}


def bump_tags(tags: Iterable[str]) -> None:
    """A new version of each of ``tags``."""
    for tag in set(tags):
        try:
            cache.incr(tag_key(tag))
        except ValueError:  # missing: a value no earlier version had
            cache.set(tag_key(tag), fresh_value(), timeout=None)


def content_changed(tags: Iterable[str] | None = None) -> None:
    """Invalidate, now and again when the transaction commits: everything (a new
    generation), or with ``tags`` only what was cached under them (and under
    :data:`ANY_EDIT_TAG`, what names no tag).

    Twice, because a request between the two may have cached what was in the
    database before the transaction committed.
    """
    if tags is None:
        bump_generation()
        transaction.on_commit(bump_generation)
        return
    tags = {*tags, ANY_EDIT_TAG}
    bump_tags(tags)
    transaction.on_commit(lambda: bump_tags(tags))


def current_versions(tags: Iterable[str]) -> tuple[int, dict[str, int]]:
    """The generation and each of ``tags``' versions, in one round trip when
    they all exist (created when missing): what a key of data depending on
    ``tags`` holds."""
    keys = {tag_key(tag): tag for tag in tags}
    found = cache.get_many([GENERATION_KEY, *keys])
    current = found.pop(GENERATION_KEY, None)
    if current is None:
        current = generation()
    if set(keys) - set(found):
        found.update(
            {tag_key(tag): value for tag, value in tag_versions(keys.values()).items()}
        )
    return current, {tag: found[key] for key, tag in sorted(keys.items())}


def cache_timeout() -> int:
    """Seconds a fragment stays cached (``WAGTAIL_DEFENDERS["CACHE_TIMEOUT"]``)."""
    return int(defenders_settings.CACHE_TIMEOUT)


def cached_data(
    kind: str,
    key_parts: Iterable[Any],
    build: Callable[[], T],
    tags: Iterable[str] | None = None,
) -> T:
    """``build()``, kept in Django's cache for ``CACHE_TIMEOUT`` in this
    generation and these versions of ``tags``.

    ``key_parts`` must hold everything the result depends on (for the API: the
    site, the path, the query string), ``tags`` what an edit of it bumps
    (:func:`content_changed`; without tags, :data:`ANY_EDIT_TAG`, which every
    edit bumps). So a result is never served after the content it shows
    changed. ``build()`` raising (a bad request) caches nothing. With
    ``CACHE_TIMEOUT`` 0, ``build()`` every time.
    """
    timeout = cache_timeout()
    if not timeout:
        return build()
    # The package's version and settings too: an upgrade, a new rendition size
    # or another API limit must not be answered with what the old code or
    # settings produced (a shared cache outlives a deploy).
    key_parts = (
        __version__,
        defenders_settings.fingerprint(),
        wagtail_setting("WAGTAILAPI_BASE_URL"),
        wagtail_setting("WAGTAILAPI_LIMIT_MAX"),
        current_versions([ANY_EDIT_TAG] if tags is None else tags),
        *key_parts,
    )
    digest = hashlib.sha256(repr(key_parts).encode()).hexdigest()
    key = f"wagtail_defenders:{kind}:{digest}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value
