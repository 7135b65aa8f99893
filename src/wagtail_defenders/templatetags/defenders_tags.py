"""Template tags for wagtail-defenders templates."""

from __future__ import annotations

from django import template

from ..images import portrait_filter_spec

register = template.Library()


@register.simple_tag
def defender_portrait(profile, size: str = "profile"):
    """The rendition of ``profile``'s portrait at a named size from
    ``WAGTAIL_DEFENDERS["PORTRAIT_RENDITIONS"]`` (``"card"`` or ``"profile"``).

    Uses renditions prefetched by ``DefenderPageQuerySet.for_listing``. Returns
    ``None`` when the profile has no portrait or its portrait is withheld.
    """
    portrait = profile.shown_portrait
    if portrait is None:
        return None
    return portrait.get_rendition(portrait_filter_spec(size))
