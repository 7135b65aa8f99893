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
