"""An index page's profiles as open data for visitors: ``<index page>/export.csv``
and ``<index page>/export.json``, when a site sets
``WAGTAIL_DEFENDERS["EXPORT_DOWNLOADS"] = True`` (off by default).

The same export as ``manage.py export_defenders`` (:mod:`.export`: the
visibility rule for the API, never a consent field or a withheld portrait), of
the index page's own profiles and language, narrowed by its filters (``theme``,
``country``, ``city``, ``year``, ``q``). A malformed filter is a 400 that says
what is accepted. Kept in Django's cache under the cache generation and purged
from a front-end cache with the index page.

Wagtail serves no page address with a dot in it, so a site includes
``wagtail_defenders.urls`` before Wagtail's own URLs (README, "Open data").
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from wagtail.models import Page, Site

from .. import cache
from ..conf import defenders_settings
from ..filters import parse_filters
from ..models.visibility import Output, visible_pages
from ..request_guard import plain_bad_request
from .export import write_export

if TYPE_CHECKING:
    from ..models import DefenderIndexPage

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def serve_export(
    index: DefenderIndexPage, request: HttpRequest, export_format: str
) -> HttpResponse:
    """The profiles of ``index`` matching the request's filters, as a download."""
    spec = parse_filters(request.GET)
    if not spec.is_valid:
        return plain_bad_request(spec.errors)

    def build() -> str:
        profiles = index.get_profiles(output=Output.API).filtered(spec, index.locale_id)
        stream = io.StringIO()
        meta = {"locale": index.locale.language_code}
        write_export(profiles, stream, export_format, request=request, meta=meta)
        return stream.getvalue()

    key = (index.pk, export_format, request.get_host(), request.scheme)
    content = cache.cached_data("export", (*key, sorted(request.GET.lists())), build)
    response = HttpResponse(content, content_type=CONTENT_TYPES[export_format])
    # An ASCII name: a slug in another script would not survive every browser.
    name = slugify(index.slug) or "defenders"
    response["Content-Disposition"] = f'attachment; filename="{name}.{export_format}"'

    # Open data for people who look for it, not a page for search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


def export_view(request: HttpRequest, index_path: str, export_format: str):
    """``<index page path>export.<format>``: the export of the index page there."""
    from ..models import DefenderIndexPage

    if not defenders_settings.EXPORT_DOWNLOADS:
        raise Http404
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in index_path.split("/") if component]
    root = site.root_page.localized.specific
    page, _args, _kwargs = root.route(request, components)
    if not isinstance(page, DefenderIndexPage):
        raise Http404
    # The index page itself must be one a visitor may open (live, no login or
    # password on it or above it): no password form here, just nothing.
    if not visible_pages(Page.objects.filter(pk=page.pk), site=site).exists():
        raise Http404
    return serve_export(page, request, export_format)
