"""The index page that lists and filters the profiles below it: ``DefenderIndexPage``."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache as memoized
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ... import cache
from ...conf import defenders_settings
from ...filters import FilterSpec, parse_filters, search_words
from ...headless_preview import HeadlessPreviewSupport
from ...response_cache import mark_cacheable
from ..filter_options import FilterOptions
from ..pagination import ListingPaginator
from ..querysets import DefenderPageQuerySet, show_terms_in_own_language
from ..visibility import ANY_SITE, Output
from .profile import DefenderPage
from .routes import FEED_KWARG


class DefenderIndexPage(HeadlessPreviewSupport, Page):
    """Lists the live, public profiles below it, with filters, search and pages.

    Query parameters (DESIGN.md): ``theme``, ``country``, ``city``, ``status``,
    ``year``, ``q``, ``order`` and ``page``. Odd input never fails: malformed filters give an empty result
    with a message, and a bad ``page`` gives the nearest valid page.
    """

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Optional. A few sentences shown above the list of defenders."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    subpage_types = ["wagtail_defenders.DefenderPage"]

    template = "wagtail_defenders/defender_index_page.html"

    class Meta:
        verbose_name = _("defender index page")
        verbose_name_plural = _("defender index pages")

    def get_profiles(self, output: Output = Output.SITE) -> DefenderPageQuerySet:
        """The profiles below this index that a visitor may see in ``output``
        (unfiltered): the page itself, its feeds (``Output.FEEDS``), its
        open-data downloads (``Output.API``).

        :mod:`~wagtail_defenders.models.visibility` decides; the site needs no
        check: an index's children are in its site.
        """
        return DefenderPage.objects.child_of(self).visible(site=ANY_SITE, output=output)

    def get_cached_paths(self) -> list[str]:
        """The page, its feeds and its downloads: a front-end cache purges them
        together (:mod:`wagtail_defenders.frontend_cache`)."""
        return ["/", "/feed/", "/feed/atom/", "/export.csv", "/export.json"]

    def feed_url(self, params: Any, kind: str = "rss") -> str:
        """This index page's ``kind`` feed (``"rss"``, ``"atom"``) following the
        filters in ``params`` (a ``QueryDict``), as a path."""
        from ...feeds import feed_query

        query = feed_query(params)
        path = f"{self.url}feed/" + ("atom/" if kind == "atom" else "")
        return f"{path}?{query}" if query else path

    def paginate(self, profiles: models.QuerySet, raw_page: Any) -> PaginatorPage:
        """One page of ``profiles``, loaded for cards
        (:meth:`~.querysets.DefenderPageQuerySet.cards`: the page of ids first);
        ``raw_page`` may be anything a visitor sent."""
        return ListingPaginator(profiles, defenders_settings.PER_PAGE).get_page(
            raw_page
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        spec: FilterSpec = parse_filters(request.GET)
        profiles = self.get_profiles()

        @memoized
        def search_hits() -> list[int] | None:
            # Read once for the listing and the facet counts alike.
            return profiles.search_hits(spec.query) if spec.query else None

        # Lazy: a template whose fragments come from the cache (wagtail_defenders.cache)
        # never runs these queries, not even the search.
        context.update(
            filters=spec,
            feed_url=self.feed_url(request.GET),
            atom_feed_url=self.feed_url(request.GET, "atom"),
            filter_options=SimpleLazyObject(
                lambda: self.get_filter_options(profiles, spec, search_hits())
            ),
            profiles=SimpleLazyObject(
                lambda: self.paginate(
                    profiles.filtered(spec, self.locale_id, search_hits()),
                    request.GET.get("page"),
                )
            ),
        )
        return context

    def get_filter_options(
        self,
        profiles: DefenderPageQuerySet,
        spec: FilterSpec | None = None,
        search_hits: Sequence[int] | None = None,
    ) -> FilterOptions:
        """What the filters offer: the terms and years of the live, public
        profiles, each with how many of them it would give with the other
        filters and the search of ``spec`` (facet counts;
        :mod:`~wagtail_defenders.models.filter_options`). ``search_hits`` are
        the search's matches among ``profiles`` if already read
        (:meth:`~wagtail_defenders.models.querysets.DefenderPageQuerySet.search_hits`).

        Kept in the cache (under the cache generation, for ``CACHE_TIMEOUT``)
        per filter combination and search (its words,
        :func:`~wagtail_defenders.filters.search_words`), shared by its pages
        and orders.
        """
        spec = spec or FilterSpec()
        facets = (
            spec.themes,
            spec.countries,
            spec.cities,
            spec.statuses,
            spec.years,
            # The words the search looks for: "Alassane!" is the same search.
            search_words(spec.query) if spec.query else None,
        )
        return cache.cached_data(
            "filter-options",
            (self.pk, self.locale_id, get_language(), facets),
            lambda: profiles.filter_options(
                self.locale_id, spec=spec, search_hits=search_hits
            ),
            tags=[cache.page_tag(self.pk)],
        )

    def route(self, request: HttpRequest, path_components: list[str]):
        """Find a child profile with what serving it needs, in one query.

        Stock routing fetches the child and then its specific row. Here the
        profile comes in one query, with the rows joined that the page shows
        outside its cached fragments (the portrait) or that are one row each
        (locale, country, city, status); its themes, related news and updates
        are read only when
        a fragment that shows them is rendered, not cached (``get_context``),
        so a cached profile page does not pay for them. Anything that is not a
        plain ``DefenderPage`` is routed the stock way.
        """
        from ...feeds import FEED_PATHS

        feed = FEED_PATHS.get(tuple(path_components))
        if feed is not None:
            if not self.live:
                raise Http404
            return RouteResult(self, kwargs={FEED_KWARG: feed})
        if path_components:
            child_slug, *remaining = path_components
            profile = (
                DefenderPage.objects.child_of(self)
                .filter(slug=child_slug)
                .select_related("locale", "country", "city", "status", "portrait")
                .first()
            )
            if profile is not None and profile.specific_class is DefenderPage:
                profile.relations_from_database = True
                # No query unless a term is in another language (an alias's).
                show_terms_in_own_language([profile])
                return profile.route(request, remaining)
        return super().route(request, path_components)

    def serve(self, request: HttpRequest, *args, **kwargs):
        """The page, or one of its feeds (:mod:`wagtail_defenders.feeds`)."""
        feed = kwargs.pop(FEED_KWARG, None)
        if feed is not None:
            from ...feeds import serve_feed

            return serve_feed(self, request, feed)
        response = super().serve(request, *args, **kwargs)
        return mark_cacheable(response, [cache.page_tag(self.pk)])
