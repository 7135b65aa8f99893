"""System checks for the ``WAGTAIL_DEFENDERS`` setting."""

from __future__ import annotations

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .conf import defenders_settings


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
    from django.conf import settings
    from django.utils.module_loading import import_string

    from .images.forms import ImageForm

    configured = getattr(settings, "WAGTAILIMAGES_IMAGE_FORM_BASE", "")
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
