"""The site search page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page, Site

from wagtail_defenders.conf import defenders_settings
from wagtail_defenders.filters import clean_search_text
from wagtail_defenders.models import visible_pages
from wagtail_defenders.models.pagination import ListingPaginator

RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    """Search the pages of this site a visitor may see, in the active language, for ``?q=``.

    What a visitor may see is wagtail-defenders' visibility rule (live, public
    through every alias, in this site, translations included); the pages are
    chosen first and then searched, which works on every search backend. The
    query is read as the package reads a search (control characters such as NUL,
    which PostgreSQL refuses, dropped) and cut to ``SEARCH_QUERY_MAX_LENGTH`` characters; an empty query shows
    the form only.
    """
    query = clean_search_text(request.GET.get("q", ""))[
        : defenders_settings.SEARCH_QUERY_MAX_LENGTH
    ]
    results = None
    site = Site.find_for_request(request)
    if query and site is not None:
        visible = visible_pages(
            Page.objects.all(), site=site, locale=Locale.get_active()
        )
        pages = (
            Page.objects.filter(pk__in=visible.values("pk")).specific().search(query)
        )
        results = ListingPaginator(pages, RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": results},
    )
