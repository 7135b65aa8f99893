"""GraphQL for wagtail-grapple: profile and term types and the ``defenders`` query.

Installed with the ``graphql`` extra (``pip install wagtail-defenders[graphql]``)
and loaded by the package's ``wagtail_hooks`` only when ``grapple`` is in
``INSTALLED_APPS``; it adds these fields to grapple's root query::

    defenders(theme, country, city, status, year, search, order, locale, site, page, perPage)
        -> DefenderList { items: [Defender], pagination }
    defender(id, site) -> Defender
    defenderPreview(contentType, token) -> Defender  (a draft: :mod:`.graphql_preview`)
    defenderThemes(locale, site, includeUnused) -> [DefenderThemeEntry]
    defenderCountries(...) -> [DefenderCountryEntry]
    defenderCities(...) -> [DefenderCityEntry]
    defenderStatuses(...) -> [DefenderStatusEntry]

grapple's own ``image``, ``images``, ``imageType``, ``document``, ``documents``,
``documentType`` and ``redirects`` are taken out of the root query: they list every
original (a withheld portrait's title, file name and URL included) and the old paths
of renamed profiles to anyone. Images stay reachable only as renditions through the
types that show them.

The filters take the same values as the index page's query string (a comma means
OR). Like API v2, everything goes through :mod:`wagtail_defenders.api.inputs`,
the model layer's querysets and :mod:`wagtail_defenders.api.serializers`: only live, public profiles of the
request's site (or ``site``), never a draft, a private page, a profile kept out of
the API or an original image file. Malformed input is a GraphQL error whose
``extensions.errors`` names each bad argument, in the language of the field's
``locale`` argument, else of ``Accept-Language`` (:mod:`.language`).

A card's fields cost nothing per profile, and ``updates`` and ``lastUpdated``
one query for the whole page of a listing; ``body``, ``relatedNews`` and
``translations`` cost a few queries per profile, so ask for them on ``defender``.

This is the public module: the package's ``wagtail_hooks`` imports it, which
registers the two ``register_schema_query`` hooks below. The types live in
:mod:`.graphql_types` and the root fields and their resolvers in
:mod:`.graphql_queries`; every name importable from here before that split
still is.
"""

from __future__ import annotations

from wagtail import hooks

from ..models import City as City
from ..models import Country as Country
from ..models import DefenderPage as DefenderPage
from ..models import Output as Output
from ..models import Status as Status
from ..models import Theme as Theme
from ..models import visible_pages as visible_pages
from ..models.detail_loading import load_public_updates as load_public_updates
from ..models.pagination import ListingPaginator as ListingPaginator
from ..models.profile_details import load_link_targets as load_link_targets
from . import serializers as serializers
from .graphql_queries import (
    DefendersQuery,
    VisiblePagesQuery,
    VisibleSearchQuery,
)
from .graphql_queries import _checked as _checked
from .graphql_queries import _in_requested_language as _in_requested_language
from .graphql_queries import _input_error as _input_error
from .graphql_queries import _page_size as _page_size
from .graphql_queries import _searchable as _searchable
from .graphql_queries import _term_arguments as _term_arguments
from .graphql_queries import _term_list as _term_list
from .graphql_queries import _term_resolver as _term_resolver
from .graphql_types import (
    BLOCK_TYPES,
    Defender,
    DefenderActionBlock,
    DefenderBodyBlockUnion,
    DefenderCityEntry,
    DefenderCountry,
    DefenderCountryEntry,
    DefenderEmbedBlock,
    DefenderImageBlock,
    DefenderList,
    DefenderNews,
    DefenderPagination,
    DefenderPortrait,
    DefenderQuoteBlock,
    DefenderRendition,
    DefenderSectionBlock,
    DefenderStatus,
    DefenderStatusEntry,
    DefenderStay,
    DefenderTerm,
    DefenderTermEntryFields,
    DefenderTermFields,
    DefenderThemeEntry,
    DefenderTranslation,
    DefenderUpdate,
    ListedProfiles,
    ProfileNode,
)
from .graphql_types import _card_resolver as _card_resolver
from .graphql_types import _renditions as _renditions
from .grapple_pages import content_types_q as content_types_q
from .grapple_pages import find_page as find_page
from .grapple_pages import follow_visibility_rule
from .grapple_pages import visible_api_pages as visible_api_pages
from .inputs import InputError as InputError
from .inputs import RequestReader as RequestReader
from .language import speaking_requested_language as speaking_requested_language

# Besides __all__, every name of the package this module held before the split
# (its private helpers, what it imported) is still importable from it; each
# ``x as x`` marks such a re-export.
__all__ = [
    "BLOCK_TYPES",
    "LEFT_OUT_ROOT_FIELDS",
    "Defender",
    "DefenderActionBlock",
    "DefenderBodyBlockUnion",
    "DefenderCityEntry",
    "DefenderCountry",
    "DefenderCountryEntry",
    "DefenderEmbedBlock",
    "DefenderImageBlock",
    "DefenderList",
    "DefenderNews",
    "DefenderPagination",
    "DefenderPortrait",
    "DefenderQuoteBlock",
    "DefenderRendition",
    "DefenderSectionBlock",
    "DefenderStatus",
    "DefenderStatusEntry",
    "DefenderStay",
    "DefenderTerm",
    "DefenderTermEntryFields",
    "DefenderTermFields",
    "DefenderThemeEntry",
    "DefenderTranslation",
    "DefenderUpdate",
    "DefendersQuery",
    "ListedProfiles",
    "ProfileNode",
    "VisiblePagesQuery",
    "VisibleSearchQuery",
    "leave_out_media_queries",
    "register_defenders_query",
]


#: grapple's root query fields that enumerate files and paths: the mixins that
#: define them are taken out of the schema.
LEFT_OUT_ROOT_FIELDS = frozenset(
    {"image", "images", "document", "documents", "redirects"}
)


@hooks.register("register_schema_query", order=100)
def leave_out_media_queries(query_mixins: list) -> None:
    """Take grapple's image, document and redirect queries out of the root query,
    and make grapple's page fields follow the visibility rule
    (:mod:`.grapple_pages`).

    Runs after grapple's own hook (``order=100``), which adds those mixins.
    """
    follow_visibility_rule(query_mixins)
    query_mixins[:] = [
        mixin
        for mixin in query_mixins
        if not LEFT_OUT_ROOT_FIELDS.intersection(vars(mixin))
    ]


@hooks.register("register_schema_query")
def register_defenders_query(query_mixins: list) -> None:
    """Grapple builds its root query from these mixins; the first one wins."""
    if DefendersQuery not in query_mixins:
        query_mixins.append(DefendersQuery)
    for mixin in (VisiblePagesQuery, VisibleSearchQuery):
        if mixin not in query_mixins:
            query_mixins.insert(0, mixin)
