"""The site search page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page, Site

from wagtail_defenders.conf import defenders_settings
from wagtail_defenders.models.pages import clamp_page_number

RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    """Search every live, public page of this site in the active language for ``?q=``.

    The query is cut to ``SEARCH_QUERY_MAX_LENGTH`` characters; an empty query
    shows the form only. Only this site's pages: on a server with several sites,
    another site's profiles must not show here (its pages in another language
    hang below the translation of its root page, hence ``localized``).
    """
    query = request.GET.get("q", "").strip()[
        : defenders_settings.SEARCH_QUERY_MAX_LENGTH
    ]
    results = None
    site = Site.find_for_request(request)
    if query and site is not None:
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(site.root_page.localized, inclusive=True)
            .filter(locale=Locale.get_active())
            .specific()
            .search(query)
        )
        paginator = Paginator(pages, RESULTS_PER_PAGE)
        results = paginator.page(
            clamp_page_number(request.GET.get("page"), paginator.num_pages)
        )
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": results},
    )
