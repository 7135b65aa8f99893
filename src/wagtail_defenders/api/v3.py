"""Wagtail 8's API v3 (a preview in Wagtail 8.0): typed routes for profiles and terms.

On Wagtail 8 a site mounts the package's own v3 API::

    from wagtail_defenders.api import v3 as defenders_v3

    urlpatterns = [path("api/v3/", defenders_v3.build_api().urls), ...]

:func:`build_api` is Wagtail's v3 API without the routes that list files and paths
to anyone: Wagtail's ``images/`` (each original's title, description and
``download_url``, a withheld portrait's included), ``documents/``, ``redirects/``
(the old paths of renamed profiles) and ``snippets/``. Wagtail's own
``api_v3`` gains those routes from each app's ``ready()``, so mounting it whole
serves them anonymously. :func:`register_routes` still adds the package's routes to
any ``NinjaAPI``, for a site that builds its own.

The package's routes are ``defenders/`` (the index's filters, cards), ``defenders/<id>/`` (a whole
profile), ``themes/``, ``countries/``, ``cities/`` and ``statuses/``, each with a typed response
in ``openapi.json``, and ``defenders/preview/``, the draft an editor previews in a
headless front end, while ``WAGTAIL_DEFENDERS["HEADLESS_PREVIEW"]`` is on
(:mod:`._v3_preview`). Profiles also appear in v3's own ``pages/`` endpoints, whose
detail uses ``DefenderPage.api_fields`` (:mod:`wagtail_defenders.api.fields`);
:func:`build_api` limits what those endpoints show anonymous requests to the
visibility rule (:mod:`wagtail_defenders.models.visibility`).

These routes serve only live, public content whoever asks: unlike v3's own page
endpoints, a token holder sees no drafts here.

On Wagtail 7 this module imports cleanly and does nothing: :data:`AVAILABLE` is
false and :func:`register_routes` raises ``ImproperlyConfigured``.
"""

from __future__ import annotations

from typing import Any

import wagtail
from django.core.exceptions import ImproperlyConfigured

from .. import private_api
from . import registry

#: True when this Wagtail has API v3 (Wagtail 8 and later, with django-ninja).
AVAILABLE = wagtail.VERSION >= (8, 0)
if AVAILABLE:  # pragma: no branch
    try:
        import ninja  # noqa: F401
    except ImportError:  # pragma: no cover - ninja comes with Wagtail 8
        AVAILABLE = False

_registered: set[int] = set()

#: Wagtail's v3 routers that :func:`build_api` mounts, by path prefix: none of them
#: lists an image, a document or a redirect. ``pages/`` lists, to anonymous
#: requests, the pages the visibility rule shows the API (see the safety model);
#: the root router holds ``whoami/``.
WAGTAIL_ROUTES = {
    "/pages/": "wagtail.api.v3.routers.pages.router",
    "/schema/": "wagtail.api.v3.routers.schema.router",
    "/sites/": "wagtail.api.v3.routers.sites.router",
    "/locales/": "wagtail.locales.api.v3.router",
    "/": "wagtail.api.v3.routers.whoami.router",
}

#: Wagtail's v3 routes that :func:`build_api` leaves out, whatever apps are installed.
LEFT_OUT_ROUTES = ("images", "documents", "redirects", "snippets")

#: The URL names of the listing routes (see ``_v3_routes.build_routers``).
LISTING_URL_NAMES = (
    "defenders_list",
    "defenders_theme_list",
    "defenders_country_list",
    "defenders_city_list",
    "defenders_status_list",
)


def build_api() -> Any:
    """A new v3 ``NinjaAPI``: Wagtail's safe routes and the package's, nothing else.

    It has Wagtail's URL namespace (``wagtailapi_v3``), error responses and
    ``openapi.json`` / ``docs/`` (behind ``WAGTAILAPI_DOCS_ENABLED``; the schema
    completed by :mod:`._v3_openapi`, Swagger UI from django-ninja's static files,
    no CDN), the routes in
    :data:`WAGTAIL_ROUTES` and the package's (:func:`register_routes`), and none of
    :data:`LEFT_OUT_ROUTES`. Every route answers 400 to a parameter holding a
    control character (:mod:`wagtail_defenders.request_guard`), Wagtail's too. Call it once, in the URL configuration; mount it instead
    of Wagtail's ``api_v3``, never beside it (they share the namespace).
    """
    if not AVAILABLE:
        raise ImproperlyConfigured("API v3 needs Wagtail 8 or later.")
    from django.apps import apps
    from django.utils.module_loading import import_string
    from wagtail.api.v3.errors import register_exception_handlers

    from ._v3_openapi import DescribedNinjaAPI, LocalSwagger
    from .timestamps import ninja_renderer

    api = DescribedNinjaAPI(
        title="Wagtail API",
        version="3.0.0",
        description="Wagtail v3 read API, with wagtail-defenders' routes",
        urls_namespace="wagtailapi_v3",
        docs=LocalSwagger(),
        docs_decorator=_docs_when_enabled,
        openapi_url="/openapi.json",
        docs_url="/docs/",
        # Timestamps in UTC with Z, as API v2 and GraphQL write them.
        renderer=ninja_renderer(),
    )
    register_exception_handlers(api)
    # Before any route reads a parameter: Wagtail's pages/ hands ?search=,
    # ?locale=, ?site= and ?html_path= to the database unchecked, and a NUL
    # byte there is a 500 on PostgreSQL (request_guard); so is an ?offset=
    # beyond a bigint.
    api.add_decorator(_refusing_unsafe_parameters, mode="view")
    api.add_decorator(_in_requested_language, mode="view")
    private_api.wrap_v3_pages_queryset(_visible_to_the_public)
    for prefix, router in WAGTAIL_ROUTES.items():
        if prefix == "/locales/" and not apps.is_installed("wagtail.locales"):
            continue
        api.add_router(prefix, import_string(router))
    register_routes(api)
    return api


def _visible_to_the_public(get_pages_queryset: Any) -> Any:
    """Wagtail's v3 pages queryset, limited to the visibility rule for the public.

    Wagtail's public tier (an anonymous request: Wagtail's ``AllowAnonymous``
    drops a session's user) matches view restrictions by path only, so it lists
    an alias of a private profile. Here it keeps only what the package's rule
    shows (``Output.API``, so a profile kept out of the API is left out too);
    Wagtail's own site scoping stays. A bearer token's tier (the pages its user
    may edit) is Wagtail's to decide and is left as it is.
    """
    import functools

    from wagtail.models import Page

    from ..models.visibility import ANY_SITE, Output, visible_pages

    @functools.wraps(get_pages_queryset)
    def pages_queryset(request: Any, model: Any = Page) -> Any:
        queryset = get_pages_queryset(request, model)
        if request.user.is_authenticated:
            return queryset
        visible = visible_pages(
            model._default_manager.all(), site=ANY_SITE, output=Output.API
        )
        # The ids, not the rule's condition itself: ?search= hands this
        # queryset to the search backend, which filters on fields only.
        return queryset.filter(pk__in=visible.values("pk"))

    return pages_queryset


def _refusing_unsafe_parameters(view: Any) -> Any:
    """``view``, answering 400 when a parameter holds a control character, or
    ``offset`` or ``limit`` a number too large for the database."""
    import functools

    from wagtail.api.v3.errors import problem_response

    from ..filters import clean_search_parameter
    from ..request_guard import oversized_numbers, unsafe_parameters

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        errors = {**unsafe_parameters(request.GET), **oversized_numbers(request.GET)}
        if errors:
            return problem_response(
                status=400,
                detail=" ".join(f"{name}: {text}" for name, text in errors.items()),
                errors=[
                    {"type": "invalid_parameter", "loc": ["query", name], "msg": text}
                    for name, text in errors.items()
                ],
            )
        clean_search_parameter(request)
        return view(request, *args, **kwargs)

    return guarded


def _in_requested_language(view: Any) -> Any:
    """``view``, answering in the language asked for (:mod:`.language`), with
    the English of Wagtail's own problem responses (their ``title``, a
    ``detail`` such as "limit cannot be higher than 20", pydantic's message for
    each bad parameter) translated where :mod:`.v3_messages` knows the wording."""
    import functools

    from .language import speaking_requested_language

    @functools.wraps(view)
    def speaking(request, *args, **kwargs):
        with speaking_requested_language(request):
            return _translated(view(request, *args, **kwargs))

    return speaking


def _translated(response: Any) -> Any:
    """``response``, its problem's English translated into the active language
    where :mod:`.v3_messages` knows the wording (any other response as it is)."""
    import json

    from .v3_messages import translate_problem

    if not response.get("Content-Type", "").startswith("application/problem+json"):
        return response
    problem = json.loads(response.content)
    if isinstance(problem, dict) and translate_problem(problem):
        response.content = json.dumps(
            problem, ensure_ascii=False, separators=(",", ":")
        )
    return response


def method_not_allowed_as_problem(view: Any) -> Any:
    """``view`` (a URL's, every method of it), answering a method the URL has
    no operation for as every other v3 error: a 405 problem in the requested
    language (:mod:`.language`), with ``Allow``.

    django-ninja answers such a request itself, before any operation (so
    before the API's decorators and exception handlers), with a plain-text
    "Method not allowed". :class:`~._v3_openapi.DescribedNinjaAPI` wraps each
    URL of the API in this, Wagtail's routes included.
    """
    import functools
    import inspect

    from django.http import HttpResponseNotAllowed

    if inspect.iscoroutinefunction(view):

        @functools.wraps(view)
        async def answering_async(request, *args, **kwargs):
            response = await view(request, *args, **kwargs)
            if isinstance(response, HttpResponseNotAllowed):
                return _method_not_allowed(request, response)
            return response

        return answering_async

    @functools.wraps(view)
    def answering(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            return _method_not_allowed(request, response)
        return response

    return answering


def _method_not_allowed(request: Any, refusal: Any) -> Any:
    """The 405 problem for ``request``, allowing what ``refusal`` allows."""
    from wagtail.api.v3.errors import problem_response

    from .language import speaking_requested_language

    allowed = sorted(
        {method.strip() for method in refusal["Allow"].split(",") if method.strip()}
    )
    with speaking_requested_language(request):
        # DRF's wording, as API v2 says it; translated with the title.
        response = _translated(
            problem_response(
                status=405, detail=f'Method "{request.method}" not allowed.'
            )
        )
    response["Allow"] = ", ".join(allowed)
    return response


def _docs_when_enabled(view: Any) -> Any:
    # As Wagtail's own v3 API: the schema and docs answer 404 when turned off.
    import functools

    from django.http import Http404

    from ..conf import wagtail_setting

    @functools.wraps(view)
    def gated(request: Any, *args: Any, **kwargs: Any) -> Any:
        if not wagtail_setting("WAGTAILAPI_DOCS_ENABLED"):
            raise Http404
        return view(request, *args, **kwargs)

    return gated


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
