"""System checks for the ``WAGTAIL_DEFENDERS`` setting."""

from __future__ import annotations

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .conf import defenders_settings, wagtail_setting


@checks.register()
def check_defenders_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Report unknown keys, unknown page types and bad rendition specs early."""
    try:
        page_types = defenders_settings.RELATED_NEWS_PAGE_TYPES
        renditions = defenders_settings.PORTRAIT_RENDITIONS
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="wagtail_defenders.E001")]
    errors: list[checks.CheckMessage] = []
    from wagtail.models import Page

    for label in page_types:
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            errors.append(
                checks.Error(
                    f"WAGTAIL_DEFENDERS['RELATED_NEWS_PAGE_TYPES'] names {label!r}, "
                    "which is not an installed model.",
                    hint="Use 'app_label.ModelName' of a page model.",
                    id="wagtail_defenders.E002",
                )
            )
            continue
        if not issubclass(model, Page):
            errors.append(
                checks.Error(
                    f"WAGTAIL_DEFENDERS['RELATED_NEWS_PAGE_TYPES'] names {label!r}, "
                    "which is not a page model.",
                    id="wagtail_defenders.E003",
                )
            )
    if not isinstance(renditions, dict) or not {"card", "profile"} <= set(renditions):
        errors.append(
            checks.Error(
                "WAGTAIL_DEFENDERS['PORTRAIT_RENDITIONS'] must be a dict with at "
                "least the keys 'card' and 'profile'.",
                id="wagtail_defenders.E004",
            )
        )
    return errors


#: Caches that live in one process: each worker would keep its own generation.
PER_PROCESS_CACHES = frozenset(["django.core.cache.backends.locmem.LocMemCache"])


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """``check --deploy``: cached fragments need a cache every process shares.

    With a per-process cache, an edit (a takedown, say) starts a new cache
    generation in the process that made it only; the others keep serving their
    fragments until ``CACHE_TIMEOUT``. Only with ``--deploy``: on a developer's
    single ``runserver`` process Django's default cache is right.
    """
    from django.conf import settings

    try:
        timeout = defenders_settings.CACHE_TIMEOUT
    except ImproperlyConfigured:
        return []  # reported by check_defenders_settings
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if not timeout or backend not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Warning(
            "WAGTAIL_DEFENDERS caches page fragments in the default cache, "
            f"{backend.rsplit('.', 1)[-1]}, which each process keeps apart: after "
            "an edit or a takedown, other processes may show the old page for up "
            f"to CACHE_TIMEOUT ({timeout}) seconds.",
            hint="Use a cache all processes share (Redis, Memcached) as the "
            "default cache, or set WAGTAIL_DEFENDERS['CACHE_TIMEOUT'] to 0.",
            id="wagtail_defenders.W001",
        )
    ]


#: The image form base that makes an unreadable upload a form error.
IMAGE_FORM_BASE = "wagtail_defenders.images.forms.ImageForm"


@checks.register()
def check_image_form_base(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Wagtail's image forms should derive from the package's ``ImageForm``.

    Without it, a truncated or garbled image upload is a server error in the
    admin's image views instead of a form error.
    """
    from django.utils.module_loading import import_string

    from .images.forms import ImageForm

    configured = wagtail_setting("WAGTAILIMAGES_IMAGE_FORM_BASE")
    try:
        base = import_string(configured) if configured else None
    except ImportError:
        base = None  # Wagtail reports it when a form is built
    if isinstance(base, type) and issubclass(base, ImageForm):
        return []
    return [
        checks.Warning(
            "Wagtail's image forms do not derive from wagtail-defenders' ImageForm: "
            "an upload that is not a readable image (a truncated JPEG) is a server "
            "error in the admin instead of a form error.",
            hint=f'Set WAGTAILIMAGES_IMAGE_FORM_BASE = "{IMAGE_FORM_BASE}" (or a '
            "subclass of it).",
            id="wagtail_defenders.W010",
        )
    ]


#: Routes of Wagtail's v3 API that list every image, document or redirect to anyone.
UNSAFE_V3_ROUTES = ("images/", "documents/", "redirects/")


@checks.register(checks.Tags.urls)
def check_image_endpoints(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The URL configuration mounts none of Wagtail's image listings.

    Wagtail's v2 ``ImagesAPIViewSet`` and ``DocumentsAPIViewSet``, and the
    ``images/``, ``documents/`` and ``redirects/`` routes of Wagtail's own v3 API
    object, list every original (a withheld portrait's included) or old path to
    anyone. ``defenders_v3.build_api()`` leaves them out.
    """
    from django.urls import get_resolver
    from wagtail.documents.api.v2.views import DocumentsAPIViewSet
    from wagtail.images.api.v2.views import ImagesAPIViewSet

    found: dict[str, None] = {}
    for route, namespaces, in_namespace, callback in _url_patterns(
        get_resolver(), "", (), ""
    ):
        viewset = getattr(callback, "cls", None)
        # The admin's own API (behind the admin login) reuses these viewsets.
        unsafe_viewset = (
            isinstance(viewset, type)
            and issubclass(viewset, (ImagesAPIViewSet, DocumentsAPIViewSet))
            and "wagtailadmin_api" not in namespaces
        )
        unsafe_v3 = namespaces[-1:] == ("wagtailapi_v3",) and in_namespace.startswith(
            UNSAFE_V3_ROUTES
        )
        if unsafe_viewset or unsafe_v3:
            found[route.split("<")[0]] = None
    if not found:
        return []
    return [
        checks.Warning(
            "The URL configuration serves Wagtail's image, document or redirect "
            f"listings to anyone ({', '.join(found)}): they list every original "
            "image, a withheld portrait's included.",
            hint="Mount wagtail_defenders.api.v3.build_api() instead of Wagtail's "
            "api_v3, and do not register ImagesAPIViewSet or DocumentsAPIViewSet.",
            id="wagtail_defenders.W011",
        )
    ]


def _url_patterns(resolver, prefix: str, namespaces: tuple[str, ...], local: str):
    """Each pattern's full route, namespaces, route inside its namespace, callback."""
    from django.urls import URLPattern, URLResolver

    for pattern in resolver.url_patterns:
        # Routers write some routes as regular expressions ("^images/").
        own = str(pattern.pattern).lstrip("^").rstrip("$")
        route, inner = prefix + own, local + own
        if isinstance(pattern, URLResolver):
            if pattern.namespace:
                yield from _url_patterns(
                    pattern, route, (*namespaces, pattern.namespace), ""
                )
            else:
                yield from _url_patterns(pattern, route, namespaces, inner)
        elif isinstance(pattern, URLPattern):
            yield route, namespaces, inner, pattern.callback


@checks.register(checks.Tags.urls)
def check_swagger_assets(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """API v3's ``docs/`` can serve Swagger UI from static files.

    ``build_api()``'s Swagger UI comes from django-ninja's static files, never
    from a CDN; without ``"ninja"`` in ``INSTALLED_APPS`` they cannot be found
    and ``docs/`` answers 404.
    """
    from django.apps import apps
    from django.urls import get_resolver

    from .api import v3
    from .conf import wagtail_setting

    if (
        not v3.AVAILABLE
        or apps.is_installed("ninja")
        or not wagtail_setting("WAGTAILAPI_DOCS_ENABLED")
    ):
        return []
    mounted = any(
        "wagtailapi_v3" in namespaces
        for _route, namespaces, _inner, _callback in _url_patterns(
            get_resolver(), "", (), ""
        )
    )
    if not mounted:
        return []
    return [
        checks.Warning(
            "API v3's docs/ page (Swagger UI) needs django-ninja's static files: "
            'without "ninja" in INSTALLED_APPS it answers 404.',
            hint='Add "ninja" to INSTALLED_APPS, or set WAGTAILAPI_DOCS_ENABLED = False.',
            id="wagtail_defenders.W012",
        )
    ]


@checks.register()
def check_headless_preview(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """``HEADLESS_PREVIEW`` needs wagtail-headless-preview installed, as an app
    (its ``PagePreview`` table), with a front end to send editors to."""
    from . import headless_preview

    try:
        if not headless_preview.enabled():
            return []
    except ImproperlyConfigured:
        return []  # check_defenders_settings reports it
    if not headless_preview.library_available() or not apps.is_installed(
        headless_preview.LIBRARY
    ):
        return [
            checks.Error(
                "WAGTAIL_DEFENDERS['HEADLESS_PREVIEW'] is on, but "
                "wagtail_headless_preview is not an installed app.",
                hint="Install the 'headless-preview' extra of wagtail-defenders, "
                "add 'wagtail_headless_preview' to INSTALLED_APPS and migrate.",
                id="wagtail_defenders.E005",
            )
        ]
    from wagtail_headless_preview.settings import headless_preview_settings

    if "default" not in (headless_preview_settings.CLIENT_URLS or {}):
        return [
            checks.Warning(
                "WAGTAIL_DEFENDERS['HEADLESS_PREVIEW'] is on, but "
                "WAGTAIL_HEADLESS_PREVIEW['CLIENT_URLS'] has no 'default' front end: "
                "previewing a page of a site not listed there fails.",
                hint="Set WAGTAIL_HEADLESS_PREVIEW = {'CLIENT_URLS': "
                "{'default': 'https://front-end.example'}}.",
                id="wagtail_defenders.W013",
            )
        ]
    return []
