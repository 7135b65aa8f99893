"""Where a site mounted the package's API listings.

:func:`wagtail_defenders.api.v2.register_endpoints` and
:func:`wagtail_defenders.api.v3.register_routes` record the URL name of each
listing they add, with the router's namespace and the site's prefix;
:func:`listing_paths` reverses them, so purging a front-end cache
(:mod:`wagtail_defenders.frontend_cache`) reaches the listings wherever a site put
them. A leaf: nothing here needs REST framework or django-ninja.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, get_resolver, reverse

_listing_url_names: dict[str, None] = {}


def add_listing(url_name: str) -> None:
    """Record a listing by its URL name, such as ``"wagtailapi:themes:listing"``."""
    _listing_url_names[url_name] = None


def listing_paths() -> list[str]:
    """The paths of every recorded listing that the URL configuration serves.

    Reads the URL configuration first: the module that registers the endpoints
    is imported with it, in a management command as in a request. A listing
    registered on a router that no URL includes (or includes under another
    namespace) is left out.
    """
    get_resolver().url_patterns  # noqa: B018 - imports the site's URL modules
    paths = []
    for url_name in _listing_url_names:
        try:
            paths.append(reverse(url_name))
        except NoReverseMatch:
            continue
    return paths
