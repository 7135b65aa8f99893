"""What a profile's page, its API detail and an export show besides a card.

:meth:`DetailLoadingQuerySet.for_detail` adds, to what a card shows
(:mod:`.listing_loading`), the body, the related news links and the public
updates; :meth:`DetailLoadingQuerySet.detail` is the one detail lookup of the
APIs. The public updates are read the one way every output reads them
(:func:`public_updates_queryset`): a non-public update is not even read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.db.models.query import ModelIterable, QuerySet, prefetch_related_objects

from ..images.renditions import portrait_filter_specs
from ..private_api import yield_with
from .listing_loading import (
    portrait_renditions_prefetch,
    show_terms_in_own_language,
    with_themes,
)
from .lookups import is_possible_id
from .relations import DefenderRelatedNews
from .updates import DefenderUpdate
from .visibility import Output, VisiblePageQuerySet

if TYPE_CHECKING:
    from .querysets import DefenderPageQuerySet

#: Where ``for_detail`` puts a profile's related news links (a list).
RELATED_NEWS_ATTR = "prefetched_related_news"
#: Where ``for_detail`` puts a profile's public updates (a list).
UPDATES_ATTR = "prefetched_public_updates"


class DetailLoadingQuerySet(VisiblePageQuerySet):
    """The detail loading of :class:`~.querysets.DefenderPageQuerySet`."""

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

    def for_export(self) -> DefenderPageQuerySet:
        """Load what an export carries (:mod:`wagtail_defenders.exchange.export`):
        what a card shows, the body and the public updates (a non-public update
        is not even read), in a fixed number of queries."""
        queryset = self.select_related(
            "locale", "country", "city", "status", "portrait"
        ).prefetch_related(
            public_updates_prefetch(),
            portrait_renditions_prefetch(self.model, portrait_filter_specs()),
        )
        return with_themes(queryset)

    def for_detail(self) -> DefenderPageQuerySet:
        """Load what a profile page shows besides its body, in a fixed number of queries.

        Like :meth:`~.listing_loading.ListingLoadingQuerySet.for_listing`, with
        the body, the related news links with their target pages (see
        ``DefenderPage.get_related_news``) and the public updates with their
        statuses (``DefenderPage.public_updates``): a non-public update is not
        even read.
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
            portrait_renditions_prefetch(self.model, portrait_filter_specs()),
        )
        return with_themes(queryset)


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
