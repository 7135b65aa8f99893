"""The one path for listing profiles (DESIGN.md, "One path for every listing").

The index page, the APIs and GraphQL parse request parameters with
:func:`wagtail_defenders.filters.parse_filters`, then call these queryset methods:
:meth:`DefenderPageQuerySet.apply_filters` to narrow the profiles and
:meth:`DefenderPageQuerySet.for_listing` to load what a card shows in a fixed number
of queries, whatever the number of profiles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from wagtail.models import Locale, PageManager
from wagtail.query import PageQuerySet


if TYPE_CHECKING:
    from ..filters import FilterSpec


class DefenderPageQuerySet(PageQuerySet):
    """Queryset of :class:`~wagtail_defenders.models.DefenderPage` with listing helpers."""

    def apply_filters(
        self, spec: FilterSpec, locale: Locale | None = None
    ) -> DefenderPageQuerySet:
        """Narrow to the profiles that match ``spec``, with slugs read in ``locale``.

        Slugs are looked up among the terms of ``locale`` (the active locale when
        ``None``) and matched by ``translation_key``, so a profile whose translation
        still points at the source language's term is found by the target language's
        slug, and a slug from another language matches nothing. An invalid spec
        matches nothing. A search query in the spec is applied too: the result is
        then ordered by relevance.
        """
        from .relations import DefenderPageTheme
        from .taxonomy import City, Country, Theme

        if not spec.is_valid:
            return self.none()
        if locale is None:
            locale = Locale.get_active()
        queryset = self
        if spec.themes:
            theme_keys = Theme.objects.filter(
                locale=locale, slug__in=spec.themes
            ).values("translation_key")
            queryset = queryset.filter(
                pk__in=DefenderPageTheme.objects.filter(
                    theme__translation_key__in=theme_keys
                ).values("page_id")
            )
        if spec.countries:
            codes = [value.upper() for value in spec.countries if len(value) == 2]
            country_keys = Country.objects.filter(
                Q(slug__in=spec.countries) | Q(code__in=codes), locale=locale
            ).values("translation_key")
            queryset = queryset.filter(country__translation_key__in=country_keys)
        if spec.cities:
            city_keys = City.objects.filter(
                locale=locale, slug__in=spec.cities
            ).values("translation_key")
            queryset = queryset.filter(city__translation_key__in=city_keys)
        if spec.years:
            queryset = queryset.filter(year__in=spec.years)
        if spec.query:
            queryset = queryset.search_ranked(spec.query)
        return queryset

    def search_ranked(self, query: str) -> DefenderPageQuerySet:
        """The profiles of this queryset that match ``query``, best match first.

        The ids are filtered first and then searched, because search backends
        cannot filter on relations (DESIGN.md, "Search"); this works on every
        Wagtail search backend.
        """
        candidate_ids = list(self.values_list("pk", flat=True))
        if not candidate_ids:
            return self.none()
        model = self.model
        hits = model.objects.filter(id__in=candidate_ids).search(
            query, operator="and", order_by_relevance=True
        )
        ranked_ids = [page.pk for page in hits]
        if not ranked_ids:
            return self.none()
        rank = Case(
            *(When(pk=pk, then=Value(position)) for position, pk in enumerate(ranked_ids)),
            output_field=IntegerField(),
        )
        return self.filter(pk__in=ranked_ids).order_by(rank)

    def for_listing(self) -> DefenderPageQuerySet:
        """Load what a card shows, in a fixed number of queries.

        Selects the country, city, locale and portrait; prefetches the themes in
        the editor's order and the portrait's card renditions; defers the body.
        """
        from ..images import portrait_filter_specs
        from .relations import DefenderPageTheme

        image_model = self.model._meta.get_field("portrait").related_model
        portraits = image_model.objects.prefetch_renditions(*portrait_filter_specs())
        return (
            self.defer_streamfields()
            .select_related("locale", "country", "city", "city__country")
            .prefetch_related(
                Prefetch(
                    "defender_themes",
                    queryset=DefenderPageTheme.objects.select_related("theme").order_by(
                        "sort_order"
                    ),
                ),
                Prefetch("portrait", queryset=portraits),
            )
        )

    def for_card_ordering(self) -> DefenderPageQuerySet:
        """The default listing order: most recent stay first, then by name."""
        return self.order_by("-year", "title", "pk")


DefenderPageManager = PageManager.from_queryset(DefenderPageQuerySet)
