"""Template tags for caching the package's page fragments (``{% load defenders_cache %}``).

Use them with Wagtail's ``{% wagtailpagecache %}``, which never caches a preview::

    {% defenders_cache_timeout as timeout %}{% defenders_cache_generation as generation %}
    {% wagtailpagecache timeout "defender_body" generation LANGUAGE_CODE %}...{% endwagtailpagecache %}
"""

from __future__ import annotations

from django import template

from .. import cache

register = template.Library()


@register.simple_tag
def defenders_cache_generation() -> int:
    """The current cache generation; it changes after every relevant edit.

    With ``CACHE_TIMEOUT`` 0 it is a new value on every call, so a fragment
    stored while caching was on is never read once it is turned off (Django's
    cache tag still reads before it renders, whatever the timeout).
    """
    if not cache.cache_timeout():
        return cache.fresh_value()
    return cache.generation()


@register.simple_tag
def defenders_cache_timeout() -> int:
    """``WAGTAIL_DEFENDERS["CACHE_TIMEOUT"]`` in seconds; 0 means do not cache."""
    return cache.cache_timeout()
