"""What a profile shows of its relations: its themes, its public updates and
its related news (``DefenderPage`` inherits :class:`ProfileRelationsMixin`).

Each reads what :class:`~..querysets.DefenderPageQuerySet` loaded with the
profile (``for_listing``, ``for_detail``) when it was, and otherwise queries
for this one profile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.db import models

from ..automatic_news import automatic_related_news, related_news_to_fill
from ..detail_loading import (
    RELATED_NEWS_ATTR,
    UPDATES_ATTR,
    with_statuses_in_own_language,
)
from ..listing_loading import THEMES_ATTR, attach_themes, show_terms_in_own_language
from ..relations import (
    DefenderRelatedNews,
    localized_related_news,
    saved_related_news,
)
from ..updates import newest_first
from ..visibility import Output

if TYPE_CHECKING:
    from wagtail.models import Page

    from ..taxonomy import Theme
    from ..updates import DefenderUpdate
    from .profile import DefenderPage


class ProfileRelationsMixin:
    """Gives ``DefenderPage`` the readers of its themes, public updates and
    related news; a subclass may override any of them."""

    # Given by DefenderPage: its row and its relations.
    pk: Any
    locale_id: Any
    defender_themes: Any
    updates: Any
    related_news: Any

    @property
    def themes(self) -> list[Theme]:
        """The profile's themes in the editor's order (uses a prefetch if present)."""
        themes = getattr(self, THEMES_ATTR, None)
        if themes is not None:  # loaded with for_listing or for_detail
            return list(themes)
        return [link.theme for link in self.defender_themes.all() if link.theme_id]

    @property
    def public_updates(self) -> list[DefenderUpdate]:
        """The public updates, newest first (what every output shows; a
        non-public update never leaves the admin). Uses the prefetch of
        ``for_detail`` when present."""
        updates = getattr(self, UPDATES_ATTR, None)
        if updates is None:
            # A queryset, or a preview's edited updates (in memory).
            updates = with_statuses_in_own_language(
                self.updates.filter(is_public=True).select_related("status")
            )
        return newest_first(update for update in updates if update.is_public)

    @property
    def last_updated(self):
        """The date of the newest public update, or ``None``."""
        updates = self.public_updates
        return updates[0].date if updates else None

    def get_related_news(self, output: Output = Output.SITE) -> list[Page]:
        """The related news pages to show, in the editor's order, then (with
        ``RELATED_NEWS_AUTOMATIC``) news that shares the profile's themes or
        country, up to that number (:mod:`..automatic_news`, one query more).

        Each target is resolved to its version in this profile's locale (the
        target itself when no translation exists yet). Targets a visitor may not
        see (:mod:`~wagtail_defenders.models.visibility`, on any site, in
        ``output``) are dropped. One query for the links and their pages (or
        one for the pages when the links were prefetched,
        ``DefenderPageQuerySet.for_detail``).
        """
        prefetched = getattr(self, RELATED_NEWS_ATTR, None)
        links = prefetched if prefetched is not None else self.related_news.all()
        chosen_keys: Any
        if isinstance(links, models.QuerySet):  # saved links, not loaded yet
            targets: list[Page] = []
            news = saved_related_news(self.pk, self.locale_id, output)
            chosen_keys = DefenderRelatedNews.objects.filter(page_id=self.pk).values(
                "news_page__translation_key"
            )
        else:  # prefetched (for_detail), or a preview's links in memory
            links = list(links)
            targets = [link.news_page for link in links if link.news_page_id]
            news = localized_related_news(links, self.locale_id, output)
            chosen_keys = [target.translation_key for target in targets]
        to_fill = related_news_to_fill(len(news))
        if to_fill:
            news += automatic_related_news(
                cast("DefenderPage", self),
                to_fill,
                exclude=[*targets, *news],
                exclude_keys=chosen_keys,
                output=output,
            )
        return news

    #: True on a profile read from the database to be served
    #: (``DefenderIndexPage.route``): its themes are then read in one query when
    #: first shown. A preview's come from its revision, in memory.
    relations_from_database = False

    def shown_themes(self) -> list[Theme]:
        """:attr:`themes`, read in one query (and in this profile's language,
        :func:`~..listing_loading.show_terms_in_own_language`) when not loaded yet."""
        if self.relations_from_database and getattr(self, THEMES_ATTR, None) is None:
            attach_themes([self])
            show_terms_in_own_language([self])
        return self.themes
