"""Wagtail API v2 endpoints: defenders, themes, countries, cities and statuses.

A site registers the viewsets on its own router::

    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail_defenders.api.v2 import register_endpoints

    api_router = WagtailAPIRouter("wagtailapi")
    register_endpoints(api_router)  # defenders/, themes/, countries/, cities/, statuses/

What the endpoints promise (docs/reference/api.md, "API v2"):

- only what the visibility rule lets a visitor see
  (:mod:`wagtail_defenders.models.visibility`): live, public profiles (no drafts,
  no unpublished changes, nothing below a login, password or group restriction,
  nor an alias of such a page), of the request's site, or of ``?site=``, not kept
  out of the API; the same for a logged-in session;
- the filters of the index page (``theme``, ``country``, ``city``, ``status``,
  ``year``, ``search``) and ``order`` (``last_updated``) plus ``locale``; a
  malformed value is a 400 whose message names each bad parameter and what it
  accepts, an unknown slug an empty result;
- Wagtail's own ``limit``, ``offset`` and ``fields=``, with Wagtail's messages;
- a fixed number of queries per request, whatever the number of profiles;
- portraits and body images only as renditions, never the original file.

Built on Wagtail's extension points (:mod:`.v2_base`, :mod:`.v2_extensions`):
each viewset says which objects (``get_queryset``, ``find``), how a listing is
narrowed (``filter_backends``) and how an object is presented (``present``).
:class:`PagesAPIViewSet` (:mod:`.v2_pages`) is Wagtail's own ``pages`` endpoint
under the same visibility rule.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from .. import cache, headless_preview
from ..models import City, Country, DefenderPage, Status, Theme
from . import registry, serializers
from .v2_base import COMMON_PARAMETERS, LISTING_PARAMETERS, DefendersBaseViewSet
from .v2_extensions import ProfileFilter, TermFilter
from .v2_pages import PagesAPIViewSet

#: The fields of a listed profile, and those only a profile's detail carries.
CARD_FIELDS = [
    "title",
    "introduction",
    "portrait",
    "country",
    "city",
    "status",
    "themes",
    "stay",
]
DETAIL_ONLY_FIELDS = ["body", "updates", "last_updated", "related_news", "translations"]
META_FIELDS = ["slug", "locale", "html_url", "first_published_at"]


class DefendersAPIViewSet(DefendersBaseViewSet):
    """``defenders/``: the profiles, filtered like the index page; ``<id>/``: one profile."""

    model = DefenderPage
    body_fields = ["id", *CARD_FIELDS, *DETAIL_ONLY_FIELDS]
    listing_default_fields = ["id", *CARD_FIELDS]
    detail_only_fields = DETAIL_ONLY_FIELDS
    filter_backends = [ProfileFilter]
    known_query_parameters = LISTING_PARAMETERS | {
        "theme",
        "country",
        "city",
        "status",
        "year",
        "search",
        "order",
    }
    not_found = gettext_lazy("No profile matches the given query.")

    def get_queryset(self):
        # The requested language's profiles: a malformed locale= is reported
        # with the filters' errors (ProfileFilter).
        return self.visible_profiles(self.reader.locale)

    def find(self, pk: int) -> Any:
        return self.visible_profiles().detail(pk)

    def cache_tags(self) -> list[str]:
        # A profile's detail shows that profile only: publishing it, one of its
        # translations or aliases, or a profile it names as related news bumps
        # its page tag (cache_tags.profile_tags); terms, privacy, takedowns and
        # other pages start a new generation. Publishing another profile leaves
        # it warm.
        if self.action == "detail_view":
            return [cache.page_tag(int(self.kwargs["pk"]))]
        return super().cache_tags()

    def present(self, profile: DefenderPage) -> dict[str, Any]:
        if self.action == "listing_view":
            return dict(serializers.profile_card_data(profile, self.request))
        return dict(serializers.profile_data(profile, self.request))

    def meta(self, entry: dict[str, Any]) -> dict[str, Any]:
        return {**super().meta(entry), **{name: entry[name] for name in META_FIELDS}}


class TaxonomyAPIViewSet(DefendersBaseViewSet):
    """A read-only list of one kind of term, in one language, with profile counts.

    By default only the terms that at least one live, public profile of the site
    uses in that language are listed (what the index page's filters offer);
    ``?include_unused=true`` lists every term of the language.
    """

    body_fields = [
        "id",
        "name",
        "slug",
        "translation_key",
        "locale",
        "description",
        "sort_order",
        "profile_count",
    ]
    filter_backends = [TermFilter]
    known_query_parameters = LISTING_PARAMETERS | {"include_unused"}
    not_found = gettext_lazy("No term matches the given query.")

    @classmethod
    def get_listing_default_fields(cls, model) -> list[str]:
        return list(cls.body_fields)

    def get_queryset(self):
        return self.model.objects.all()

    def find(self, pk: int) -> Any:
        profiles = self.visible_profiles()
        return self.model.objects.entries(profiles, include_unused=True).detail(pk)

    def present(self, term) -> dict[str, Any]:
        return dict(serializers.term_entry_data(term, term.profile_count))


class ThemesAPIViewSet(TaxonomyAPIViewSet):
    model = Theme


class CountriesAPIViewSet(TaxonomyAPIViewSet):
    model = Country
    body_fields = TaxonomyAPIViewSet.body_fields + ["code"]


class CitiesAPIViewSet(TaxonomyAPIViewSet):
    model = City
    body_fields = TaxonomyAPIViewSet.body_fields + ["country"]


class StatusesAPIViewSet(TaxonomyAPIViewSet):
    model = Status
    body_fields = TaxonomyAPIViewSet.body_fields + ["code"]


#: The endpoints by name. (Not a ``name`` on each class: REST framework's
#: ``as_view()`` sets a viewset's ``name`` to ``None``.)
ENDPOINTS = {
    "defenders": DefendersAPIViewSet,
    "themes": ThemesAPIViewSet,
    "countries": CountriesAPIViewSet,
    "cities": CitiesAPIViewSet,
    "statuses": StatusesAPIViewSet,
}

__all__ = [
    "CARD_FIELDS",
    "COMMON_PARAMETERS",
    "DETAIL_ONLY_FIELDS",
    "ENDPOINTS",
    "PagesAPIViewSet",
    "register_endpoints",
]


def register_endpoints(router, prefix: str = "") -> None:
    """Register the five endpoints on ``router`` (a ``WagtailAPIRouter``), and,
    with ``WAGTAIL_DEFENDERS["HEADLESS_PREVIEW"]`` on, ``page_preview``
    (:mod:`.v2_preview`).

    ``prefix`` is put before each name, such as ``"defenders-"`` if the site's
    router already has a ``themes`` endpoint.
    """
    for endpoint, viewset in ENDPOINTS.items():
        name = prefix + endpoint
        router.register_endpoint(name, viewset)
        registry.add_listing(f"{router.url_namespace}:{name}:listing")
    if headless_preview.enabled():
        from .v2_preview import PagePreviewAPIViewSet

        router.register_endpoint(prefix + "page_preview", PagePreviewAPIViewSet)
