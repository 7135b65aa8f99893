"""Site-wide template tags: the home page and menu of the visitor's language, and
the language switcher."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from wagtail_defenders.models import ANY_SITE, visible_pages

register = template.Library()


def _site_root(request) -> Page | None:
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def site_home(context: dict[str, Any]) -> Page | None:
    """The home page in the active language (the site's root page if untranslated)."""
    root = _site_root(context.get("request"))
    return root.localized if root else None


@register.simple_tag(takes_context=True)
def menu_pages(context: dict[str, Any]) -> list[Page]:
    """The pages below the home page that are marked "show in menus" and that a
    visitor may see (wagtail-defenders' visibility rule)."""
    home = site_home(context)
    if home is None:
        return []
    return list(visible_pages(home.get_children(), site=ANY_SITE).in_menu())


@register.simple_tag(takes_context=True)
def language_links(context: dict[str, Any]) -> list[dict[str, Any]]:
    """One link per content language, for the language switcher.

    On a page, each link leads to that page's translation that a visitor may see
    (wagtail-defenders' visibility rule), or to the home page of that language
    when there is none. Elsewhere (the search page) it leads to the same address
    in the other language. Interface-only languages (in ``LANGUAGES`` but not
    ``WAGTAIL_CONTENT_LANGUAGES``) have no pages to switch to, so they are not
    offered.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations: dict[str, Page] = {}
    if isinstance(page, Page):
        for translated in visible_pages(
            page.get_translations(inclusive=True), site=ANY_SITE
        ).select_related("locale"):
            translations[translated.locale.language_code] = translated
        root = _site_root(request)
        if root is not None:
            for home in visible_pages(
                root.get_translations(inclusive=True), site=ANY_SITE
            ).select_related("locale"):
                translations.setdefault(home.locale.language_code, home)
    links = []
    for code, name in settings.WAGTAIL_CONTENT_LANGUAGES:
        if isinstance(page, Page):
            target = translations.get(code)
            url = target.get_url(request) if target else None
            if url and request and request.GET and target.pk != page.pk:
                url = _with_translated_filters(url, request, page, target)
        else:
            url = translate_url(request.get_full_path(), code) if request else None
        if url is None:
            continue
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                # Each name is in its own language: العربية reads right to left
                # in a Dutch page too.
                "dir": "rtl" if translation.get_language_info(code)["bidi"] else "ltr",
            }
        )
    return links


def _with_translated_filters(url: str, request, page: Page, target: Page) -> str:
    """An index page's filters, in the target language's slugs
    (:func:`wagtail_defenders.filter_translation.translated_filter_query`)."""
    from wagtail_defenders.filter_translation import translated_filter_query
    from wagtail_defenders.models import DefenderIndexPage

    if page.specific_class is None or not issubclass(
        page.specific_class, DefenderIndexPage
    ):
        return url
    query = translated_filter_query(request.GET, page.locale_id, target.locale_id)
    return f"{url}?{query}" if query else url


@register.filter
def is_within(page: Any, section: Page) -> bool:
    """Whether ``page`` is ``section`` or below it (to mark the current menu item)."""
    return isinstance(page, Page) and page.path.startswith(section.path)
