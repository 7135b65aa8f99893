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
    """The current cache generation; it changes after every relevant edit."""
    return cache.generation()


@register.simple_tag
def defenders_cache_timeout() -> int:
    """``WAGTAIL_DEFENDERS["CACHE_TIMEOUT"]`` in seconds; 0 means do not cache."""
    return cache.cache_timeout()
