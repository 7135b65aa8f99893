"""The one path for listing profiles (DESIGN.md, "One path for every listing").

The index page, the APIs and GraphQL parse request parameters with
:func:`wagtail_defenders.filters.parse_filters`, then call these queryset methods:
:meth:`DefenderPageQuerySet.apply_filters` to narrow the profiles and
:meth:`DefenderPageQuerySet.for_listing` to load what a card shows in a fixed number
of queries, whatever the number of profiles.

This module holds the filters, the search and the listing order;
:class:`DefenderPageQuerySet` also has the loading of cards
(:mod:`.listing_loading`), of a profile's detail (:mod:`.detail_loading`) and the
lookups of related profiles (:mod:`.related_profiles`), whose names are
importable from here as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils.translation import get_language
from wagtail.models import Locale, PageManager

from .detail_loading import (
    RELATED_NEWS_ATTR,
    UPDATES_ATTR,
    DetailLoadingQuerySet,
    UpdatesInOwnLanguageIterable,
    load_public_updates,
    public_updates_prefetch,
    public_updates_queryset,
    with_statuses_in_own_language,
)
from .filter_options import FilterOptions
from .filter_options import filter_options as build_filter_options
from .listing_loading import (
    TERM_RELATIONS,
    THEMES_ATTR,
    ListingLoadingQuerySet,
    ProfilesWithThemesIterable,
    attach_themes,
    show_terms_in_own_language,
)
from .related_profiles import RelatedProfilesQuerySet
from .relations import DefenderPageTheme
from .taxonomy import City, Country, Status, Theme
from .updates import DefenderUpdate
from .visibility import locale_q

if TYPE_CHECKING:
    from ..filters import FilterSpec

#: The default order of a listing (:meth:`DefenderPageQuerySet.in_listing_order`):
#: the most recent stay first and the profiles without a year after the others,
#: on every database (PostgreSQL alone puts NULL first in a descending order),
#: then by name. The index ``wagtail_defenders_year_desc`` serves it.
DEFAULT_ORDER = (F("year").desc(nulls_last=True), "title", "pk")


def _locale_id(locale: Locale | int | None) -> int:
    if locale is None:
        return Locale.get_active().pk
    return getattr(locale, "pk", locale)


class DefenderPageQuerySet(
    ListingLoadingQuerySet, DetailLoadingQuerySet, RelatedProfilesQuerySet
):
    """Queryset of :class:`~wagtail_defenders.models.DefenderPage` with listing helpers.

    What a visitor may see is :meth:`~.visibility.VisiblePageQuerySet.visible`.
    The loading of cards (:class:`~.listing_loading.ListingLoadingQuerySet`), of
    a detail (:class:`~.detail_loading.DetailLoadingQuerySet`) and the lookups of
    related profiles (:class:`~.related_profiles.RelatedProfilesQuerySet`) are
    inherited from the modules that hold them.
    """

    def apply_filters(
        self,
        spec: FilterSpec,
        locale: Locale | int | None = None,
        search_hits: Sequence[int] | None = None,
    ) -> DefenderPageQuerySet:
        """Narrow to the profiles that match ``spec``, with slugs read in ``locale``.

        Slugs are looked up among the terms of ``locale`` (the active locale when
        ``None``) and matched by ``translation_key``, so a profile whose translation
        still points at the source language's term is found by the target language's
        slug, and a slug from another language matches nothing. An invalid spec
        matches nothing. A search query in the spec is applied too: the result is
        then ordered by relevance. ``search_hits``, when given, are that search's
        matches already read (:meth:`search_hits` of these profiles or of more),
        so the search is not run again.
        """
        if not spec.is_valid:
            return self.none()
        locale_id = _locale_id(locale)
        queryset = self
        if spec.themes:
            theme_keys = Theme.objects.filter(
                locale_id=locale_id, slug__in=spec.themes
            ).values("translation_key")
            queryset = queryset.filter(
                pk__in=DefenderPageTheme.objects.filter(
                    theme__translation_key__in=theme_keys
                ).values("page_id")
            )
        if spec.countries:
            codes = [value.upper() for value in spec.countries if len(value) == 2]
            country_keys = Country.objects.filter(
                Q(slug__in=spec.countries) | Q(code__in=codes), locale_id=locale_id
            ).values("translation_key")
            queryset = queryset.filter(country__translation_key__in=country_keys)
        if spec.cities:
            city_keys = City.objects.filter(
                locale_id=locale_id, slug__in=spec.cities
            ).values("translation_key")
            queryset = queryset.filter(city__translation_key__in=city_keys)
        if spec.statuses:
            status_keys = Status.objects.filter(
                locale_id=locale_id, slug__in=spec.statuses
            ).values("translation_key")
            queryset = queryset.filter(status__translation_key__in=status_keys)
        if spec.years:
            queryset = queryset.filter(year__in=spec.years)
        if spec.query:
            queryset = queryset.search_ranked(spec.query, hits=search_hits)
        return queryset

    def in_locale(self, locale: Locale | int) -> DefenderPageQuerySet:
        """The profiles of one language (a ``Locale`` or its id).

        An alias kept for the callers of the documented name: the package's
        own code passes ``locale=`` to
        :meth:`~.visibility.VisiblePageQuerySet.visible`, the one way, which
        keeps the language with the rule of what a visitor may see.
        """
        return self.filter(locale_q(locale))

    def filtered(
        self,
        spec: FilterSpec,
        locale: Locale | int | None = None,
        search_hits: Sequence[int] | None = None,
    ) -> DefenderPageQuerySet:
        """The profiles that match ``spec`` (:meth:`apply_filters`, slugs read in
        ``locale``, the search's ``search_hits`` if already read), in the order
        it asks for (:meth:`in_listing_order`). What every listing (the index
        page, its feeds, the APIs, GraphQL) calls."""
        return self.apply_filters(spec, locale, search_hits).in_listing_order(spec)

    def versions_of(self, profiles: Iterable[Any]) -> DefenderPageQuerySet:
        """Every language's version of ``profiles`` in this queryset (theirs
        included), by language code, with their locale and without their
        bodies. One query for any number."""
        return (
            self.filter(
                translation_key__in={profile.translation_key for profile in profiles}
            )
            .select_related("locale")
            .defer_streamfields()
            .order_by("locale__language_code")
        )

    def translations_of(self, profile: Any) -> DefenderPageQuerySet:
        """The other languages' versions of ``profile`` in this queryset, by
        language code, with their locale and without their bodies. One query."""
        return self.versions_of([profile]).exclude(pk=profile.pk)

    def search_hits(self, query: str) -> list[int]:
        """The ids of the profiles of this queryset that match ``query``, best
        match first: two queries (three on Wagtail 7's database backend), none
        when ``query`` has no words.

        The ids are filtered first and then searched, because search backends
        cannot filter on relations (DESIGN.md, "Search"); this works on every
        Wagtail search backend. Only the words of ``query`` are searched for
        (:func:`~wagtail_defenders.filters.search_words`). Read once, the hits
        serve a listing (:meth:`search_ranked`) and its facet counts
        (:meth:`filter_options`) alike.
        """
        from ..filters import search_words

        words = search_words(query)
        if not words:
            return []
        candidate_ids = list(self.values_list("pk", flat=True))
        if not candidate_ids:
            return []
        hits = self.model.objects.filter(id__in=candidate_ids).search(
            words, operator="and", order_by_relevance=True
        )
        return [page.pk for page in hits]

    def search_ranked(
        self, query: str, hits: Sequence[int] | None = None
    ) -> DefenderPageQuerySet:
        """The profiles of this queryset that match ``query``, best match first.

        ``hits`` are the search's matches if already read (:meth:`search_hits`,
        of this queryset or of one holding it); otherwise they are read here.
        """
        ranked_ids = self.search_hits(query) if hits is None else list(hits)
        if not ranked_ids:
            return self.none()
        rank = Case(
            *(
                When(pk=pk, then=Value(position))
                for position, pk in enumerate(ranked_ids)
            ),
            output_field=IntegerField(),
        )
        return self.filter(pk__in=ranked_ids).order_by(rank)

    def filter_options(
        self,
        locale: Locale | int | None = None,
        language: str | None = None,
        spec: FilterSpec | None = None,
        search_hits: Sequence[int] | None = None,
    ) -> FilterOptions:
        """The themes, countries, cities, statuses and years these profiles use,
        each with how many profiles it would give with the search and the
        other filters of ``spec`` (facet counts), in one query
        (:func:`~.filter_options.filter_options`); the search's matches are
        read first unless given as ``search_hits`` (:meth:`search_hits`).

        Terms are given in ``locale`` (the active locale when ``None``), sorted
        as readers of ``language`` expect (the active language when ``None``).
        """
        return build_filter_options(
            self, _locale_id(locale), language or get_language(), spec, search_hits
        )

    def for_card_ordering(self) -> DefenderPageQuerySet:
        """The default listing order (:data:`DEFAULT_ORDER`): most recent stay
        first, the profiles without a year last, then by name."""
        return self.order_by(*DEFAULT_ORDER)

    def with_last_update(self) -> DefenderPageQuerySet:
        """Each profile with ``last_update_date``: the date of its newest public
        update (``None`` without one). A subquery, no query of its own."""
        newest = (
            DefenderUpdate.objects.filter(page_id=OuterRef("pk"), is_public=True)
            .order_by()
            .values("page_id")
            .annotate(newest=Max("date"))
            .values("newest")
        )
        return self.annotate(last_update_date=Subquery(newest))

    def by_last_update(self) -> DefenderPageQuerySet:
        """Most recently updated first (the newest public update), then the
        profiles without one in the default order."""
        return self.with_last_update().order_by(
            F("last_update_date").desc(nulls_last=True), *DEFAULT_ORDER
        )

    def in_listing_order(self, spec: FilterSpec) -> DefenderPageQuerySet:
        """The order ``spec`` asks for: ``order=last_updated`` by the newest
        public update; else a search by relevance (as :meth:`apply_filters`
        left it); else :meth:`for_card_ordering`."""
        if spec.order == "last_updated":
            return self.by_last_update()
        if spec.query:
            return self
        return self.for_card_ordering()

    def term_counts(self, relation: str) -> dict:
        """How many of these profiles use each term, by the term's ``translation_key``.

        ``relation`` is ``"theme"``, ``"country"``, ``"city"`` or ``"status"``. Counting by
        ``translation_key`` gives every language's term the count of its profiles,
        even where a translation still points at the source language's term.
        One query.
        """
        profile_ids = self.order_by().values("pk")
        if relation == "theme":
            rows = (
                DefenderPageTheme.objects.filter(page_id__in=profile_ids)
                .order_by()
                .values_list("theme__translation_key")
                .annotate(count=Count("page_id", distinct=True))
            )
        elif relation in ("country", "city", "status"):
            rows = (
                self.model.objects.filter(pk__in=profile_ids)
                .order_by()
                .values_list(f"{relation}__translation_key")
                .annotate(count=Count("pk"))
            )
        else:
            raise ValueError(f"Unknown relation {relation!r}.")
        return {key: count for key, count in rows if key is not None}


__all__ = [
    "DEFAULT_ORDER",
    "RELATED_NEWS_ATTR",
    "TERM_RELATIONS",
    "THEMES_ATTR",
    "UPDATES_ATTR",
    "DefenderPageManager",
    "DefenderPageQuerySet",
    "ProfilesWithThemesIterable",
    "UpdatesInOwnLanguageIterable",
    "attach_themes",
    "load_public_updates",
    "public_updates_prefetch",
    "public_updates_queryset",
    "show_terms_in_own_language",
    "with_statuses_in_own_language",
]

DefenderPageManager = PageManager.from_queryset(DefenderPageQuerySet)
