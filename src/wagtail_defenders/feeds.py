"""RSS 2.0 and Atom feeds of an index page's profiles, on Django's syndication framework.

An index page answers ``feed/`` (RSS 2.0) and ``feed/atom/`` (Atom 1.0) below its
own address, with the index page's filters in the query string
(``/defenders/feed/?theme=lgbti&country=ML``), in the index page's language.
Entries are newest first (by the newest public update once a profile has one,
else by first publication) and carry the introduction, the portrait's card
rendition unless it is withheld, and the profile's themes, country, city and
status as categories.

Which profiles: the visibility rule (:mod:`wagtail_defenders.models.visibility`)
for :attr:`~wagtail_defenders.models.Output.FEEDS`: live, public profiles below
the index that are neither kept out of search engines nor out of the API (feed
readers and aggregators are services like the API's consumers, and search
engines read feeds). A malformed filter is a 400 that says what is accepted.

A feed is kept in Django's cache under the cache generation
(:func:`wagtail_defenders.cache.cached_data`) and purged from a front-end cache
with the index page (``DefenderIndexPage.get_cached_paths``). A fixed number of
queries for any number of profiles.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.db.models.functions import Coalesce, TruncDate
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape
from django.utils.http import urlencode

from . import cache
from .conf import defenders_settings
from .filters import parse_filters
from .images.renditions import portrait_filter_spec
from .models.visibility import Output
from .request_guard import plain_bad_request

if TYPE_CHECKING:
    from .models import DefenderIndexPage, DefenderPage

#: The feeds below an index page, by the path after the index page's address.
FEED_PATHS = {("feed",): "rss", ("feed", "atom"): "atom"}

#: The filter parameters a feed follows (``page`` is the index page's own).
FEED_PARAMETERS = ("theme", "country", "city", "status", "year", "q")


def feed_query(params: Any) -> str:
    """The query string of a feed that follows the filters in ``params``."""
    return urlencode(
        [(name, value) for name in FEED_PARAMETERS for value in params.getlist(name)]
    )


class DefendersRssFeed(Feed):
    """An index page's profiles as RSS 2.0; ``get_object`` is the index page."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, index: DefenderIndexPage) -> Any:
        return index

    def title(self, index: DefenderIndexPage) -> str:
        return index.seo_title or index.title

    def link(self, index: DefenderIndexPage) -> str:
        url = index.get_full_url(self.request) or ""
        query = feed_query(self.request.GET)
        return f"{url}?{query}" if query else url

    def feed_url(self, index: DefenderIndexPage) -> str:
        # The feed's own address (RSS atom:link and Atom rel="self") with the
        # filters it follows: without them a reader that follows "self" gets
        # every profile instead of the ones subscribed to.
        query = feed_query(self.request.GET)
        return f"{self.request.path}?{query}" if query else self.request.path

    def description(self, index: DefenderIndexPage) -> str:
        return index.search_description or ""

    def items(self, index: DefenderIndexPage) -> list[DefenderPage]:
        spec = parse_filters(self.request.GET)
        profiles = index.get_profiles(output=Output.FEEDS).apply_filters(
            spec, index.locale_id
        )
        # Newest first: by the newest public update once a profile has one,
        # else by its first publication.
        newest = profiles.with_last_update().order_by(
            Coalesce("last_update_date", TruncDate("first_published_at")).desc(
                nulls_last=True
            ),
            F("first_published_at").desc(nulls_last=True),
            "-pk",
        )
        return list(newest.for_listing()[: defenders_settings.FEED_ITEMS])

    def item_title(self, profile: DefenderPage) -> str:
        return profile.title

    def item_link(self, profile: DefenderPage) -> str:
        return profile.get_full_url(self.request) or ""

    def item_guid(self, profile: DefenderPage) -> str:
        return self.item_link(profile)

    def item_description(self, profile: DefenderPage) -> str:
        parts = []
        portrait = profile.shown_portrait  # None when withheld
        if portrait is not None:
            from .images.renditions import get_renditions

            spec = portrait_filter_spec("card")
            rendition = get_renditions(portrait, [spec]).get(spec)
            if rendition is not None:
                src = self.request.build_absolute_uri(rendition.url)
                parts.append(
                    f'<p><img src="{escape(src)}" width="{rendition.width}" '
                    f'height="{rendition.height}" alt="{escape(profile.portrait_alt)}"></p>'
                )
        parts.append(f"<p>{escape(profile.introduction)}</p>")
        return "".join(parts)

    def item_pubdate(self, profile: DefenderPage) -> Any:
        return profile.first_published_at

    def item_updateddate(self, profile: DefenderPage) -> Any:
        """The last publication, or the day of the newest public update if later."""
        published = profile.last_published_at
        update_day = getattr(profile, "last_update_date", None)
        if update_day is None:
            return published
        updated = datetime.datetime.combine(
            update_day, datetime.time(), tzinfo=datetime.timezone.utc
        )
        return max(updated, published) if published else updated

    def item_categories(self, profile: DefenderPage) -> list[str]:
        facets = [theme.name for theme in profile.themes]
        terms = (profile.country, profile.city, profile.status)
        facets += [term.name for term in terms if term]
        return facets


class DefendersAtomFeed(DefendersRssFeed):
    """An index page's profiles as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self, index: DefenderIndexPage) -> str:
        return self.description(index)


FEEDS = {"rss": DefendersRssFeed, "atom": DefendersAtomFeed}


def serve_feed(
    index: DefenderIndexPage, request: HttpRequest, kind: str
) -> HttpResponse:
    """The ``kind`` feed (``"rss"`` or ``"atom"``) of ``index`` for ``request``."""
    spec = parse_filters(request.GET)
    if not spec.is_valid:
        return plain_bad_request(spec.errors)

    def build() -> tuple[bytes, str]:
        # The syndication framework gives a feed the active language.
        with translation.override(index.locale.language_code):
            response = FEEDS[kind]()(request, index=index)
        return response.content, response["Content-Type"]

    key = (index.pk, kind, request.get_host(), request.scheme, feed_query(request.GET))
    content, content_type = cache.cached_data("feed", key, build)
    return HttpResponse(content, content_type=content_type)
