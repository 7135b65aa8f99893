"""What a listing's cards show, loaded for any number of profiles at once.

:meth:`ListingLoadingQuerySet.for_listing` loads what a card shows (its terms,
portrait renditions and themes) in a fixed number of queries, and
:meth:`ListingLoadingQuerySet.cards` reads one page of a listing so; the
functions below attach the themes, and show each term in its profile's own
language, for a batch of profiles however they were read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import connections
from django.db.models import Prefetch
from django.db.models.query import ModelIterable

from ..images.renditions import portrait_filter_specs
from ..private_api import cached_related, show_related, yield_with
from .relations import DefenderPageTheme
from .visibility import VisiblePageQuerySet

if TYPE_CHECKING:
    from .querysets import DefenderPageQuerySet

#: A profile's foreign keys to terms, shown in the profile's own language.
TERM_RELATIONS = ("country", "city", "status")
#: Where ``for_listing`` and ``for_detail`` put a profile's themes (a list).
THEMES_ATTR = "prefetched_themes"


class ListingLoadingQuerySet(VisiblePageQuerySet):
    """The card loading of :class:`~.querysets.DefenderPageQuerySet`."""

    def for_listing(self) -> DefenderPageQuerySet:
        """Load what a card shows, in a fixed number of queries.

        Selects the country, city, status, locale and portrait; prefetches the themes in
        the editor's order and the portrait's card renditions; defers the body.
        """
        queryset = (
            self.defer_streamfields()
            .select_related("locale", "country", "city", "status", "portrait")
            .prefetch_related(
                portrait_renditions_prefetch(self.model, portrait_filter_specs()),
            )
        )
        return with_themes(queryset)

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


def with_themes(queryset: DefenderPageQuerySet) -> DefenderPageQuerySet:
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


def portrait_renditions_prefetch(page_model, filter_specs: list[str]) -> Prefetch:
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
