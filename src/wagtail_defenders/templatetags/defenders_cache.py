"""Template tags for caching the package's page fragments (``{% load defenders_cache %}``).

Use them with Wagtail's ``{% wagtailpagecache %}``, which never caches a preview::

    {% defenders_cache_timeout as timeout %}{% defenders_cache_generation as generation %}
    {% wagtailpagecache timeout "defender_body" generation LANGUAGE_CODE %}...{% endwagtailpagecache %}
"""

from __future__ import annotations

from django import template

from .. import cache

register = template.Library()


@register.simple_tag(takes_context=True)
def defenders_cache_generation(context) -> str:
    """The current cache generation and the version of the context's ``page``
    (:func:`wagtail_defenders.cache.page_tag`); it changes after every edit
    that changes what the page shows. Without a page in the context, after
    every edit.

    With ``CACHE_TIMEOUT`` 0 it is a new value on every call, so a fragment
    stored while caching was on is never read once it is turned off (Django's
    cache tag still reads before it renders, whatever the timeout).
    """
    if not cache.cache_timeout():
        return str(cache.fresh_value())
    page_id = getattr(context.get("page"), "pk", None)
    tag = cache.ANY_EDIT_TAG if page_id is None else cache.page_tag(page_id)
    current, versions = cache.current_versions([tag])
    return f"{current}-{versions[tag]}"


@register.simple_tag
def defenders_cache_timeout() -> int:
    """``WAGTAIL_DEFENDERS["CACHE_TIMEOUT"]`` in seconds; 0 means do not cache."""
    return cache.cache_timeout()
