"""Wagtail 8's API v3 (a preview in Wagtail 8.0): typed routes for profiles and terms.

On Wagtail 8 a site adds the routes to Wagtail's v3 API before mounting it::

    from wagtail.api.v3.urls import api as api_v3
    from wagtail_defenders.api import v3 as defenders_v3

    defenders_v3.register_routes(api_v3)   # before api_v3.urls is read
    urlpatterns = [path("api/v3/", api_v3.urls), ...]

That adds ``defenders/`` (the index's filters, cards), ``defenders/<id>/`` (a whole
profile), ``themes/``, ``countries/`` and ``cities/``, each with a typed response
in ``openapi.json``. Profiles also appear in v3's own ``pages/`` endpoints, whose
detail uses ``DefenderPage.api_fields`` (:mod:`wagtail_defenders.api.fields`).

These routes serve only live, public content whoever asks: unlike v3's own page
endpoints, a token holder sees no drafts here.

On Wagtail 7 this module imports cleanly and does nothing: :data:`AVAILABLE` is
false and :func:`register_routes` raises ``ImproperlyConfigured``.
"""

from __future__ import annotations

from typing import Any

import wagtail
from django.core.exceptions import ImproperlyConfigured

from . import registry

#: True when this Wagtail has API v3 (Wagtail 8 and later, with django-ninja).
AVAILABLE = wagtail.VERSION >= (8, 0)
if AVAILABLE:  # pragma: no branch
    try:
        import ninja  # noqa: F401
    except ImportError:  # pragma: no cover - ninja comes with Wagtail 8
        AVAILABLE = False

_registered: set[int] = set()

#: The URL names of the listing routes (see ``_v3_routes.build_routers``).
LISTING_URL_NAMES = (
    "defenders_list",
    "defenders_theme_list",
    "defenders_country_list",
    "defenders_city_list",
)


def register_routes(api: Any, prefix: str = "") -> None:
    """Add the package's routes to ``api`` (Wagtail's ``NinjaAPI`` for v3).

    Call once, before ``api.urls`` is read; calling again for the same ``api``
    does nothing. ``prefix`` goes before each path, such as ``"defenders-"``.
    """
    if not AVAILABLE:
        raise ImproperlyConfigured("API v3 needs Wagtail 8 or later.")
    if id(api) in _registered:
        return
    from ._v3_routes import build_routers

    for path, router in build_routers():
        api.add_router(f"/{prefix}{path}/", router)
    for url_name in LISTING_URL_NAMES:
        registry.add_listing(f"{api.urls_namespace}:{url_name}")
    _registered.add(id(api))
