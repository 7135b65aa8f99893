"""What a listing's filters offer, with facet counts: :func:`filter_options`.

Each option (a theme, country, city, status or year the visible profiles use)
carries how many profiles choosing it would give together with the *other*
active filters and the search (standard faceted search: the count of a theme
applies every active filter but the theme filter, then that theme). An option
that would give none is still offered, with a count of 0.

Everything is one ``UNION ALL`` query: one branch per filter with the grouped
counts (the profiles of the queryset, each grouped once, the other filters as
the condition of a second, filtered count) and one branch per kind of term with
the terms of the page's language. Only profiles of the queryset are counted and
only terms a profile of it uses are offered, so a queryset of what a visitor may
see (:meth:`~.visibility.VisiblePageQuerySet.visible`) never lets a count or an
option reveal a profile the visitor may not see.

The search is the one filter SQL cannot express on every search backend
(Elasticsearch answers outside the database). So its matches are read first,
once (:meth:`~.querysets.DefenderPageQuerySet.search_hits`: the ids of the
matching profiles of the queryset), and every branch's condition holds "one of
these ids" as a single SQL parameter (:func:`~.id_sets.ids_in`). The index page
reads the hits once for its listing and its counts, so a search costs the page
no query more than the search itself: under a search, each count is the
profiles that match the search, the other filters and that option.

Order: themes, countries and cities alphabetically by name, as readers of the
page's language expect (:mod:`wagtail_defenders.collation`), whatever the
editors' sort order; statuses in the editors' order (a case's statuses are a
sequence: arrested, detained, released), then by name; years newest first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import and_
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, Count, IntegerField, Q, UUIDField, Value
from django.db.models.functions import Cast

from ..collation import sort_key
from .id_sets import ids_in
from .relations import DefenderPageTheme
from .taxonomy import City, Country, Status, Theme

if TYPE_CHECKING:
    from ..filters import FilterSpec
    from .querysets import DefenderPageQuerySet


@dataclass(frozen=True)
class FilterOption:
    """One choice in a listing's filters: a term's slug and name (and ISO code),
    and how many profiles choosing it would give with the search and the other
    active filters (``None`` when not counted: :func:`filter_options` counts
    every option it gives)."""

    slug: str
    name: str
    code: str = ""
    count: int | None = None

    @property
    def is_empty(self) -> bool:
        """True when choosing this option would give no profile."""
        return self.count == 0


@dataclass(frozen=True)
class FilterOptions:
    """The choices a listing's filters offer, each list in display order (the
    module's docstring says which).

    ``years`` are the years as integers, newest first; ``year_options`` the same
    years as :class:`FilterOption` with their counts.
    """

    themes: list[FilterOption] = field(default_factory=list)
    countries: list[FilterOption] = field(default_factory=list)
    cities: list[FilterOption] = field(default_factory=list)
    statuses: list[FilterOption] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    year_options: list[FilterOption] = field(default_factory=list)


#: The filters that are facets: the kind of option, the ``FilterSpec`` field
#: and the term model (``None`` for the years).
FACETS: tuple[tuple[str, str, Any], ...] = (
    ("theme", "themes", Theme),
    ("country", "countries", Country),
    ("city", "cities", City),
    ("status", "statuses", Status),
    ("year", "years", None),
)


def _without(spec: FilterSpec, facet_field: str) -> FilterSpec:
    """``spec`` with neither ``facet_field``'s filter nor the search (its
    matches are a condition of their own), nor errors: a count is what the
    valid filters would give."""
    return dataclasses.replace(spec, **{facet_field: ()}, query="", order="", errors={})


def filter_options(
    profiles: DefenderPageQuerySet,
    locale_id: int,
    language: str,
    spec: FilterSpec | None = None,
    search_hits: Sequence[int] | None = None,
) -> FilterOptions:
    """The themes, countries, cities, statuses and years ``profiles`` use, each
    with its facet count under ``spec`` (its search included), in one query.

    While ``spec`` has a search, ``search_hits`` are the ids of its matches
    (:meth:`~.querysets.DefenderPageQuerySet.search_hits` of ``profiles`` or of
    profiles holding them); without them they are read first (two queries
    more). Terms are given in ``locale_id`` and matched by
    ``translation_key``, so a profile whose translation still points at a
    source-language term offers this language's term. Themes, countries and
    cities are sorted by name as readers of ``language`` expect
    (:mod:`wagtail_defenders.collation`), statuses in the editors' sort order
    then by name, the years newest first. Without ``spec`` (or with no filter
    or search in it) a count is the number of ``profiles`` that use the option.
    """
    from ..filters import FilterSpec

    spec = spec or FilterSpec()
    searched: Sequence[int] | None = None
    if spec.query:
        searched = (
            profiles.search_hits(spec.query) if search_hits is None else search_hits
        )
    text = CharField()
    number = IntegerField()
    uuid = UUIDField()
    profile_ids = profiles.order_by().values("pk")
    model = profiles.model
    unfiltered = model._default_manager.using(profiles.db)

    def narrowing(facet_field: str, prefix: str = "pk") -> Q | None:
        """The condition the search and the other filters put on a profile
        (``prefix``: the path from the counted rows to the profile's id),
        ``None`` for none."""
        conditions = []
        if searched is not None:
            conditions.append(ids_in(prefix, searched, using=profiles.db))
        others = _without(spec, facet_field)
        if others.is_filtered:
            matching = unfiltered.apply_filters(others, locale_id).values("pk")
            conditions.append(Q(**{f"{prefix}__in": matching}))
        return reduce(and_, conditions) if conditions else None

    def counted(
        rows, kind: str, key: Any, sort_value: Any, counted_field: str, condition
    ):
        distinct = counted_field != "pk"
        return rows.values_list(
            Value(kind, output_field=text),
            key,
            Value("", output_field=text),
            Value("", output_field=text),
            Value("", output_field=text),
            sort_value,
        ).annotate(
            total=Count(counted_field, distinct=distinct),
            count=Count(counted_field, distinct=distinct, filter=condition)
            if condition is not None
            else Count(counted_field, distinct=distinct),
        )

    def terms(term_model, kind: str, code: Any = None):
        return (
            term_model.objects.filter(locale_id=locale_id)
            .order_by()
            .values_list(
                Value(f"{kind}-term", output_field=text),
                "translation_key",
                "slug",
                "name",
                code if code is not None else Value("", output_field=text),
                "sort_order",
                Value(0, output_field=number),
                Value(0, output_field=number),
            )
        )

    code = Cast("code", output_field=text)
    branches = [
        terms(Theme, "theme"),
        terms(Country, "country", code),
        terms(City, "city"),
        terms(Status, "status", code),
        counted(
            DefenderPageTheme.objects.filter(page_id__in=profile_ids).order_by(),
            "theme",
            "theme__translation_key",
            Value(0, output_field=number),
            "page_id",
            narrowing("themes", prefix="page_id"),
        ),
    ]
    for kind, facet_field, term_model in FACETS[1:]:
        rows = unfiltered.filter(pk__in=profile_ids).order_by()
        if term_model is None:
            key: Any = Value(None, output_field=uuid)
            sort_value: Any = "year"
            rows = rows.filter(year__isnull=False)
        else:
            key = f"{kind}__translation_key"
            sort_value = Value(0, output_field=number)
            rows = rows.filter(**{f"{kind}__isnull": False})
        branches.append(
            counted(rows, kind, key, sort_value, "pk", narrowing(facet_field))
        )
    first, *others = branches
    return _grouped(first.union(*others, all=True), language)


#: The kinds of term listed in the editors' sort order before their names.
EDITOR_ORDERED = frozenset({"status"})


def _grouped(rows, language: str) -> FilterOptions:
    """The rows of :func:`filter_options`'s query as :class:`FilterOptions`,
    each list in its order (the module's docstring)."""
    name_key = sort_key(language)
    term_rows: dict[tuple[str, Any], tuple] = {}
    counts: dict[str, list[tuple]] = {kind: [] for kind, _, _ in FACETS}
    for kind, key, slug, name, code, sort_order, total, count in rows:
        if kind.endswith("-term"):
            term_rows[(kind.removesuffix("-term"), str(key))] = (
                slug,
                name,
                code,
                sort_order,
            )
        elif total:
            counts[kind].append((key, sort_order, count))
    options: dict[str, list[FilterOption]] = {}
    for kind, used in counts.items():
        if kind == "year":
            continue
        found = []
        for key, _, count in used:
            term = term_rows.get((kind, str(key)))
            if term is None:
                continue  # no term in this language
            slug, name, code, sort_order = term
            # The editors' order only where it is a sequence; elsewhere a
            # reader looks a name up alphabetically.
            rank = sort_order if kind in EDITOR_ORDERED else 0
            found.append((rank, name, FilterOption(slug, name, code, count)))
        found.sort(key=lambda row: (row[0], name_key(row[1]), row[2].slug))
        options[kind] = [option for _, _, option in found]
    year_options = [
        FilterOption(str(year), str(year), count=count)
        for _, year, count in sorted(counts["year"], key=lambda row: -row[1])
    ]
    return FilterOptions(
        themes=options["theme"],
        countries=options["country"],
        cities=options["city"],
        statuses=options["status"],
        years=[int(option.slug) for option in year_options],
        year_options=year_options,
    )
