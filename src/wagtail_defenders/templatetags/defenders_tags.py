"""Template tags for wagtail-defenders templates."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from ..images.renditions import get_renditions, portrait_filter_spec
from ..models.visibility import ANY_SITE

register = template.Library()

# What makes JSON safe inside a <script> element: no "</script>", no "<!--", no
# entity in any HTML parser's reading of it (as django.utils.html.json_script).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def defenders_related_to(news_page) -> list:
    """The profiles a news page is related to, that a visitor may see (the
    visibility rule), in the news page's language where they have a version:
    ``{% defenders_related_to page as defenders %}``."""
    from ..models import DefenderPage

    if news_page is None or not getattr(news_page, "pk", None):
        return []
    return DefenderPage.objects.visible(site=ANY_SITE).related_to_news(news_page)


@register.simple_tag
def defender_portrait(profile, size: str = "profile"):
    """The rendition of ``profile``'s portrait at a named size from
    ``WAGTAIL_DEFENDERS["PORTRAIT_RENDITIONS"]`` (``"card"`` or ``"profile"``).

    Uses renditions prefetched by ``DefenderPageQuerySet.for_listing``. Returns
    ``None`` when the profile has no portrait, its portrait is withheld or the
    image's original file is gone.
    """
    portrait = profile.shown_portrait
    if portrait is None:
        return None
    spec = portrait_filter_spec(size)
    return get_renditions(portrait, [spec]).get(spec)


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """``data`` as a ``<script type="application/ld+json">`` element, safe in HTML.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no value (a title
    holding ``</script>``, say) can end the element or open markup.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )


@register.inclusion_tag("wagtail_defenders/includes/meta.html", takes_context=True)
def defender_meta(context, profile) -> dict[str, Any]:
    """Social-preview meta tags and JSON-LD ``Person`` data for a profile.

    Renders nothing for anything but a profile (the package's base template
    calls it for the index too). Shows only what the page itself shows: the
    title, the introduction, and a portrait rendition only when the portrait is
    not withheld (never the original file). Never the consent record. The
    JSON-LD block, which exists for search engines, is left out when the
    profile is kept out of search engines.
    """
    from ..models import DefenderPage

    if not isinstance(profile, DefenderPage):
        return {"profile": None}
    request = context.get("request")
    url = profile.get_full_url(request)
    image_url = ""
    portrait = profile.shown_portrait
    spec = portrait_filter_spec("profile")
    rendition = None if portrait is None else get_renditions(portrait, [spec]).get(spec)
    if rendition is not None:
        image_url = (
            request.build_absolute_uri(rendition.url) if request else rendition.url
        )
    structured_data = None
    if not profile.hide_from_search_engines:
        person: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": profile.title,
            "description": profile.introduction,
        }
        if image_url:
            person["image"] = image_url
        if url:
            person["url"] = url
        structured_data = json_ld_script(person)
    return {
        "profile": profile,
        "title": profile.title,
        "description": profile.introduction,
        "url": url,
        "image_url": image_url,
        "structured_data": structured_data,
    }
