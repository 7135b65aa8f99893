"""The one path for listing profiles (DESIGN.md, "One path for every listing").

The index page, the APIs and GraphQL parse request parameters with
:func:`wagtail_defenders.filters.parse_filters`, then call these queryset methods:
:meth:`DefenderPageQuerySet.apply_filters` to narrow the profiles and
:meth:`DefenderPageQuerySet.for_listing` to load what a card shows in a fixed number
of queries, whatever the number of profiles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.db.models.query import ModelIterable, QuerySet, prefetch_related_objects
from django.utils.translation import get_language
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageManager

from ..collation import sort_key
from ..images.renditions import portrait_filter_specs
from ..private_api import cached_related, show_related, yield_with
from .lookups import is_possible_id
from .relations import DefenderPageTheme, DefenderRelatedNews
from .taxonomy import City, Country, Status, Theme
from .updates import DefenderUpdate
from .visibility import Output, VisiblePageQuerySet, in_site_tree_q

if TYPE_CHECKING:
    from ..filters import FilterSpec

#: The default order of a listing (:meth:`DefenderPageQuerySet.in_listing_order`):
#: the most recent stay first and the profiles without a year after the others,
#: on every database (PostgreSQL alone puts NULL first in a descending order),
#: then by name. The index ``wagtail_defenders_year_desc`` serves it.
DEFAULT_ORDER = (F("year").desc(nulls_last=True), "title", "pk")


@dataclass(frozen=True)
class FilterOption:
    """One choice in a listing's filters: a term's slug and name (and ISO code)."""

    slug: str
    name: str
    code: str = ""


@dataclass(frozen=True)
class FilterOptions:
    """The choices a listing's filters offer, each list in display order."""

    themes: list[FilterOption] = field(default_factory=list)
    countries: list[FilterOption] = field(default_factory=list)
    cities: list[FilterOption] = field(default_factory=list)
    statuses: list[FilterOption] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


def _locale_id(locale: Locale | int | None) -> int:
    if locale is None:
        return Locale.get_active().pk
    return getattr(locale, "pk", locale)


class DefenderPageQuerySet(VisiblePageQuerySet):
    """Queryset of :class:`~wagtail_defenders.models.DefenderPage` with listing helpers.

    What a visitor may see is :meth:`~.visibility.VisiblePageQuerySet.visible`.
    """

    def apply_filters(
        self, spec: FilterSpec, locale: Locale | int | None = None
    ) -> DefenderPageQuerySet:
        """Narrow to the profiles that match ``spec``, with slugs read in ``locale``.

        Slugs are looked up among the terms of ``locale`` (the active locale when
        ``None``) and matched by ``translation_key``, so a profile whose translation
        still points at the source language's term is found by the target language's
        slug, and a slug from another language matches nothing. An invalid spec
        matches nothing. A search query in the spec is applied too: the result is
        then ordered by relevance.
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
            queryset = queryset.search_ranked(spec.query)
        return queryset

    def in_locale(self, locale: Locale | int) -> DefenderPageQuerySet:
        """The profiles of one language (a ``Locale`` or its id)."""
        return self.filter(locale_id=getattr(locale, "pk", locale))

    def filtered(
        self, spec: FilterSpec, locale: Locale | int | None = None
    ) -> DefenderPageQuerySet:
        """The profiles that match ``spec`` (:meth:`apply_filters`, slugs read in
        ``locale``), in the order it asks for (:meth:`in_listing_order`). What
        every listing (the index page, its feeds, the APIs, GraphQL) calls."""
        return self.apply_filters(spec, locale).in_listing_order(spec)

    def detail(self, pk: int, *, complete: bool = True) -> Any:
        """The profile ``pk`` of this queryset loaded with :meth:`for_detail`, or
        ``None``: the one detail lookup of API v2, v3 and GraphQL. An id no row
        can have (:func:`~.lookups.is_possible_id`) asks the database nothing.

        ``complete`` loads, besides, all else a whole profile shows in the API
        (:func:`~.profile_details.load_details`), so that presenting it costs
        no query; GraphQL, which shows only the fields a query asks for, leaves
        them to be read when asked (:class:`~.profile_details.ProfileDetailsMixin`).
        """
        # profile_details reads this module's prefetches: imported here, not
        # at the top, as the one way round the cycle.
        from .profile_details import load_details

        if not is_possible_id(pk):
            return None
        profile = self.filter(pk=pk).for_detail().first()
        if profile is not None and complete:
            load_details([profile], Output.API)
        return profile

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

    def search_ranked(self, query: str) -> DefenderPageQuerySet:
        """The profiles of this queryset that match ``query``, best match first.

        The ids are filtered first and then searched, because search backends
        cannot filter on relations (DESIGN.md, "Search"); this works on every
        Wagtail search backend. Only the words of ``query`` are searched for:
        backends read some punctuation as syntax (an unbalanced ``"`` is an
        error in SQLite's FTS5), and a visitor's typing must never fail a page.
        """
        query = " ".join(re.findall(r"\w+", query))
        if not query:
            return self.none()
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
            *(
                When(pk=pk, then=Value(position))
                for position, pk in enumerate(ranked_ids)
            ),
            output_field=IntegerField(),
        )
        return self.filter(pk__in=ranked_ids).order_by(rank)

    def for_listing(self) -> DefenderPageQuerySet:
        """Load what a card shows, in a fixed number of queries.

        Selects the country, city, status, locale and portrait; prefetches the themes in
        the editor's order and the portrait's card renditions; defers the body.
        """
        queryset = (
            self.defer_streamfields()
            .select_related("locale", "country", "city", "status", "portrait")
            .prefetch_related(
                _portrait_renditions_prefetch(self.model, portrait_filter_specs()),
            )
        )
        return _with_themes(queryset)

    def for_export(self) -> DefenderPageQuerySet:
        """Load what an export carries (:mod:`wagtail_defenders.exchange.export`):
        what a card shows, the body and the public updates (a non-public update
        is not even read), in a fixed number of queries."""
        queryset = self.select_related(
            "locale", "country", "city", "status", "portrait"
        ).prefetch_related(
            public_updates_prefetch(),
            _portrait_renditions_prefetch(self.model, portrait_filter_specs()),
        )
        return _with_themes(queryset)

    def cards(self, start: int, stop: int) -> list:
        """Rows ``start`` to ``stop`` of this queryset in its order, loaded as
        :meth:`for_listing` loads them, in one query (and its prefetches).

        The page of ids is chosen first, ordering only the profiles' own rows,
        and what a card shows is joined to those ids alone: joining the locale,
        portrait, country and city to every profile before the sort is what
        made a listing grow with the number of profiles. Where the database
        cannot take a sliced subquery (MySQL, MariaDB), the joined rows are
        sorted and sliced in the one query, as before: reading the ids in a
        query of their own would cost one query over the index page's budget.
        """
        ordering = self.query.order_by or self.model._meta.ordering
        if not connections[self.db].features.allow_sliced_subqueries_with_in:
            listing = self.prefetch_related(None).for_listing()
            return list(listing.order_by(*ordering)[start:stop])
        page_ids: Any = (
            self.order_by(*ordering)
            .select_related(None)
            .prefetch_related(None)
            .values("pk")[start:stop]
        )
        cards = self.model._default_manager.using(self.db).filter(pk__in=page_ids)
        if "last_update_date" in self.query.annotations:
            # order=last_updated sorts by it, and a card shows it.
            cards = cards.with_last_update()
        return list(cards.for_listing().order_by(*ordering))

    def for_detail(self) -> DefenderPageQuerySet:
        """Load what a profile page shows besides its body, in a fixed number of queries.

        Like :meth:`for_listing`, with the body, the related news links with
        their target pages (see ``DefenderPage.get_related_news``) and the
        public updates with their statuses (``DefenderPage.public_updates``):
        a non-public update is not even read.
        """
        queryset = self.select_related(
            "locale", "country", "city", "status", "portrait"
        ).prefetch_related(
            Prefetch(
                "related_news",
                queryset=DefenderRelatedNews.objects.select_related(
                    "news_page"
                ).order_by("sort_order"),
                to_attr=RELATED_NEWS_ATTR,
            ),
            public_updates_prefetch(),
            _portrait_renditions_prefetch(self.model, portrait_filter_specs()),
        )
        return _with_themes(queryset)

    def filter_options(
        self, locale: Locale | int | None = None, language: str | None = None
    ) -> FilterOptions:
        """The themes, countries, cities, statuses and years these profiles use,
        in one query.

        Terms are given in ``locale`` (the active locale when ``None``) and matched
        by ``translation_key``, so a profile whose translation still points at a
        source-language term offers this language's term. Each list follows the
        editors' sort order, then the names alphabetically as readers of
        ``language`` expect (the active language when ``None``;
        :mod:`wagtail_defenders.collation`). One ``UNION`` query keeps the index
        page within its query budget.
        """
        locale_id = _locale_id(locale)
        name_key = sort_key(language or get_language())
        text = CharField()

        def options(model, kind: str, used_keys, code=None):
            return (
                model.objects.filter(locale_id=locale_id, translation_key__in=used_keys)
                .order_by()
                .values_list(
                    Value(kind, output_field=text),
                    "slug",
                    "name",
                    code if code is not None else Value("", output_field=text),
                    "sort_order",
                )
            )

        profile_ids = self.order_by().values("pk")
        themes = options(
            Theme,
            "theme",
            DefenderPageTheme.objects.filter(page_id__in=profile_ids).values(
                "theme__translation_key"
            ),
        )
        countries = options(
            Country,
            "country",
            self.order_by().values("country__translation_key"),
            code=Cast("code", output_field=text),
        )
        cities = options(City, "city", self.order_by().values("city__translation_key"))
        statuses = options(
            Status,
            "status",
            self.order_by().values("status__translation_key"),
            code=Cast("code", output_field=text),
        )
        years = (
            self.order_by()
            .filter(year__isnull=False)
            .values_list(
                Value("year", output_field=text),
                Cast("year", output_field=text),
                Cast("year", output_field=text),
                Value("", output_field=text),
                F("year"),
            )
        )
        grouped: dict[str, list] = {
            "theme": [],
            "country": [],
            "city": [],
            "status": [],
            "year": [],
        }
        for kind, slug, name, code, sort_order in themes.union(
            countries, cities, statuses, years
        ):
            grouped[kind].append((sort_order, name, FilterOption(slug, name, code)))
        by_order = {
            kind: [
                row[2]
                for row in sorted(rows, key=lambda r: (r[0], name_key(r[1]), r[2].slug))
            ]
            for kind, rows in grouped.items()
        }
        return FilterOptions(
            themes=by_order["theme"],
            countries=by_order["country"],
            cities=by_order["city"],
            statuses=by_order["status"],
            years=sorted(
                (int(option.slug) for option in by_order["year"]), reverse=True
            ),
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

    def in_site_tree(self, site) -> DefenderPageQuerySet:
        """The profiles below ``site``'s root page or below any translation of it
        (:func:`~wagtail_defenders.models.visibility.in_site_tree_q`)."""
        return self.filter(in_site_tree_q(site))

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

    def related_to_news(self, news_page: Page) -> list:
        """The profiles of this queryset whose related news include ``news_page``
        or a translation of it: one per defender, in ``news_page``'s language
        where the defender has a version in this queryset (else another), by
        title. Call it on :meth:`~.visibility.VisiblePageQuerySet.visible` so
        only what a visitor may see is listed. One query.
        """
        defenders = DefenderRelatedNews.objects.filter(
            news_page__translation_key=news_page.translation_key
        ).values("page__translation_key")
        chosen: dict = {}
        for profile in self.filter(translation_key__in=defenders).order_by("pk"):
            known = chosen.get(profile.translation_key)
            if known is None or (
                profile.locale_id == news_page.locale_id
                and known.locale_id != news_page.locale_id
            ):
                chosen[profile.translation_key] = profile
        return sorted(chosen.values(), key=lambda profile: (profile.title, profile.pk))

    def referring_to(self, obj: Any) -> DefenderPageQuerySet:
        """The profiles whose saved fields refer to ``obj``: a theme, country,
        city or status they have, or an image that is their portrait. Anything else: none.

        Only the page rows: a draft's choices live in its latest revision
        (:mod:`wagtail_defenders.usage` reads those).
        """
        if isinstance(obj, Theme):
            links = DefenderPageTheme.objects.filter(theme=obj).values("page_id")
            return self.filter(pk__in=links)
        if isinstance(obj, Country):
            return self.filter(country=obj)
        if isinstance(obj, City):
            return self.filter(city=obj)
        if isinstance(obj, Status):
            updates = DefenderUpdate.objects.filter(status=obj).values("page_id")
            return self.filter(Q(status=obj) | Q(pk__in=updates))
        if isinstance(obj, AbstractImage):
            return self.filter(portrait=obj)
        return self.none()

    def affected_by_privacy_of(self, page_id: int | None) -> DefenderPageQuerySet:
        """The profiles a privacy change on the page ``page_id`` may change: those
        at or below it and those whose related news links to a page at or below
        it. None when the page is gone (its restrictions went with it)."""
        page = Page.objects.filter(pk=page_id).first() if page_id else None
        if page is None:
            return self.none()
        linking = DefenderRelatedNews.objects.filter(
            news_page__path__startswith=page.path
        ).values("page_id")
        return self.filter(Q(path__startswith=page.path) | Q(pk__in=linking))


#: A profile's foreign keys to terms, shown in the profile's own language.
TERM_RELATIONS = ("country", "city", "status")
#: Where ``for_listing`` and ``for_detail`` put a profile's themes (a list).
THEMES_ATTR = "prefetched_themes"
#: Where ``for_detail`` puts a profile's related news links (a list).
RELATED_NEWS_ATTR = "prefetched_related_news"
#: Where ``for_detail`` puts a profile's public updates (a list).
UPDATES_ATTR = "prefetched_public_updates"


class ProfilesWithThemesIterable(ModelIterable):
    """Yields profiles with their themes attached (``DefenderPage.themes``).

    What ``for_listing`` and ``for_detail`` iterate with. The themes of all the
    profiles fetched together are read in one query, as a prefetch would, but
    each theme is built once and shared by the profiles that have it: a
    prefetch builds a link and a theme object per profile and theme, and clones
    a queryset per profile, most of what a listing of cards costs. ``values()``,
    ``specific()`` and the like replace this iterable, and ``themes`` then reads
    the relation as usual.

    Set with :func:`wagtail_defenders.private_api.yield_with`: Django has no
    public hook for what happens to a fetched batch.
    """

    def __iter__(self):
        profiles = list(super().__iter__())
        attach_themes(profiles, self.queryset.db)
        show_terms_in_own_language(profiles, self.queryset.db)
        yield from profiles


class UpdatesInOwnLanguageIterable(ModelIterable):
    """Yields updates with their statuses in each update's own language.

    An alias that locale synchronisation made copies its source's updates into
    its own locale, still pointing at the source language's statuses; this
    shows each such status in the update's language where one exists
    (:func:`show_terms_in_own_language`), in one query for the whole batch,
    none when every status is in its update's language already.
    """

    def __iter__(self):
        updates = list(super().__iter__())
        show_terms_in_own_language(updates, self.queryset.db, relations=("status",))
        yield from updates


def with_statuses_in_own_language(updates):
    """``updates`` (a queryset of updates) yielding their statuses in each
    update's language (:class:`UpdatesInOwnLanguageIterable`). Anything else
    (a preview's edited updates, in memory) is returned as it is."""
    if isinstance(updates, QuerySet):
        return yield_with(updates, UpdatesInOwnLanguageIterable)
    return updates


def public_updates_queryset() -> QuerySet:
    """The public updates with their statuses (in each update's language), in
    the editor's order: what every output reads (a non-public update is not
    even read)."""
    return with_statuses_in_own_language(
        DefenderUpdate.objects.filter(is_public=True)
        .select_related("status")
        .order_by("sort_order", "pk")
    )


def public_updates_prefetch() -> Prefetch:
    """Prefetch the profiles' public updates (``DefenderPage.public_updates``)."""
    return Prefetch("updates", queryset=public_updates_queryset(), to_attr=UPDATES_ATTR)


def load_public_updates(profiles: list) -> None:
    """Load the public updates of those ``profiles`` that have none loaded, in
    one query for all (and one when a status needs its own language's name):
    a listing that shows updates (GraphQL's ``updates``) stays flat in N."""
    missing = [profile for profile in profiles if not hasattr(profile, UPDATES_ATTR)]
    if missing:
        prefetch_related_objects(missing, public_updates_prefetch())


def _with_themes(queryset: DefenderPageQuerySet) -> DefenderPageQuerySet:
    """``queryset`` yielding profiles with their themes, unless it yields something
    else already (``values()``, ``specific()``), which it keeps."""
    return yield_with(queryset, ProfilesWithThemesIterable)


def attach_themes(profiles: list, using: str | None = None) -> None:
    """Set each profile's themes, in the editor's order, with one query."""
    if not profiles:
        return
    theme_model = DefenderPageTheme._meta.get_field("theme").related_model
    attnames = [field.attname for field in theme_model._meta.concrete_fields]
    rows = (
        DefenderPageTheme.objects.using(using)
        .filter(page_id__in=[profile.pk for profile in profiles], theme__isnull=False)
        .order_by("sort_order", "pk")
        .values_list("page_id", *(f"theme__{attname}" for attname in attnames))
    )
    pk_index = attnames.index(theme_model._meta.pk.attname)
    themes: dict = {}
    by_profile: dict = {}
    for page_id, *values in rows:
        theme = themes.get(values[pk_index])
        if theme is None:
            theme = theme_model.from_db(using, attnames, values)
            themes[theme.pk] = theme
        by_profile.setdefault(page_id, []).append(theme)
    for profile in profiles:
        setattr(profile, THEMES_ATTR, by_profile.get(profile.pk, []))


def show_terms_in_own_language(
    profiles: list,
    using: str | None = None,
    relations: tuple[str, ...] = TERM_RELATIONS,
) -> None:
    """Show each profile's terms in the profile's own language where they can be.

    An alias that locale synchronisation made (and a translation whose term had
    no translation when it was last synced) points at the source language's
    terms, while its listing's filters offer its own language's (matched by
    ``translation_key``). For display, each such theme, country and city is
    replaced by its version in the profile's locale when one exists (a
    status too); the stored
    choice is not changed. Costs a query per kind of term only when some profile
    has a term in another language; none otherwise. ``relations`` names the
    foreign keys to terms to look at (an update has only its ``status``).
    """
    wanted: dict[Any, set] = {}

    def note(term) -> None:
        wanted.setdefault(type(term), set()).add(term.translation_key)

    for profile in profiles:
        for theme in getattr(profile, THEMES_ATTR, None) or []:
            if theme.locale_id != profile.locale_id:
                note(theme)
        for name in relations:
            term = cached_related(profile, name)
            if term is not None and term.locale_id != profile.locale_id:
                note(term)
    if not wanted:
        return
    locale_ids = {profile.locale_id for profile in profiles}
    found = {
        (type(term), term.translation_key, term.locale_id): term
        for model, keys in wanted.items()
        for term in model.objects.using(using).filter(
            translation_key__in=keys, locale_id__in=locale_ids
        )
    }

    def own(term, locale_id):
        return found.get((type(term), term.translation_key, locale_id), term)

    for profile in profiles:
        themes = getattr(profile, THEMES_ATTR, None)
        if themes:
            setattr(
                profile,
                THEMES_ATTR,
                [own(theme, profile.locale_id) for theme in themes],
            )
        for name in relations:
            term = cached_related(profile, name)
            if term is not None and term.locale_id != profile.locale_id:
                show_related(profile, name, own(term, profile.locale_id))


def _portrait_renditions_prefetch(page_model, filter_specs: list[str]) -> Prefetch:
    """Prefetch the portrait renditions in the sizes a page shows, in one query."""
    image_model = page_model._meta.get_field("portrait").related_model
    # Wagtail stores a "preserve-svg" rendition under the spec without it.
    stored_specs = {
        "|".join(part for part in spec.split("|") if part != "preserve-svg")
        for spec in filter_specs
    }
    renditions = image_model.get_rendition_model().objects.filter(
        filter_spec__in=sorted(stored_specs | set(filter_specs))
    )
    return Prefetch(
        "portrait__renditions", queryset=renditions, to_attr="prefetched_renditions"
    )


DefenderPageManager = PageManager.from_queryset(DefenderPageQuerySet)
