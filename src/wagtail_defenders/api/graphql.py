"""GraphQL for wagtail-grapple: profile and term types and the ``defenders`` query.

Installed with the ``graphql`` extra (``pip install wagtail-defenders[graphql]``)
and loaded by the package's ``wagtail_hooks`` only when ``grapple`` is in
``INSTALLED_APPS``; it adds these fields to grapple's root query::

    defenders(theme, country, city, status, year, search, order, locale, site, page, perPage)
        -> DefenderList { items: [Defender], pagination }
    defender(id, site) -> Defender
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
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import graphene
from django.utils.translation import gettext as _
from graphql import GraphQLError
from wagtail import hooks
from wagtail.models import Page, Site

from ..models import City, Country, DefenderPage, Output, Status, Theme, visible_pages
from ..models.detail_loading import load_public_updates
from ..models.pagination import ListingPaginator
from ..models.profile_details import load_link_targets
from . import serializers
from .grapple_pages import (
    content_types_q,
    find_page,
    follow_visibility_rule,
    visible_api_pages,
)
from .inputs import InputError, RequestReader
from .language import speaking_requested_language


def _in_requested_language(resolver: Callable) -> Callable:
    """Run a root field's resolver in the language asked for (:mod:`.language`):
    the field's ``locale`` argument, else ``?locale=``, else ``Accept-Language``."""

    @functools.wraps(resolver)
    def resolve(root, info, **arguments):
        with speaking_requested_language(info.context, arguments.get("locale")):
            return resolver(root, info, **arguments)

    return resolve


def _input_error(error: InputError) -> GraphQLError:
    return GraphQLError(str(error), extensions={"errors": error.errors})


class DefenderRendition(graphene.ObjectType):
    """An image rendition: never the original file."""

    name = graphene.String(required=True)
    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


def _renditions(renditions: dict[str, dict] | None) -> list[dict] | None:
    if renditions is None:
        return None
    return [{"name": name, **rendition} for name, rendition in renditions.items()]


class DefenderPortrait(graphene.ObjectType):
    alt = graphene.String(required=True)
    renditions = graphene.List(graphene.NonNull(DefenderRendition), required=True)

    @staticmethod
    def resolve_renditions(parent: dict, info) -> list[dict] | None:
        return _renditions(parent["renditions"])


class DefenderTermFields:
    id = graphene.Int(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    translation_key = graphene.UUID(
        required=True, description="The same in every language: match terms with it."
    )


class DefenderTerm(DefenderTermFields, graphene.ObjectType):
    """A theme or city as a profile carries it."""


class DefenderCountry(DefenderTermFields, graphene.ObjectType):
    code = graphene.String(required=True, description="ISO 3166-1 alpha-2.")


class DefenderStatus(DefenderTermFields, graphene.ObjectType):
    """A defender's situation, such as detained or released."""

    code = graphene.String(
        required=True, description="The same in every language, such as detained."
    )


class DefenderTermEntryFields(DefenderTermFields):
    locale = graphene.String(required=True)
    description = graphene.String(required=True)
    sort_order = graphene.Int(required=True)
    profile_count = graphene.Int(
        required=True, description="Live, public profiles of the site and language."
    )


class DefenderThemeEntry(DefenderTermEntryFields, graphene.ObjectType):
    pass


class DefenderCountryEntry(DefenderTermEntryFields, graphene.ObjectType):
    code = graphene.String(required=True)


class DefenderCityEntry(DefenderTermEntryFields, graphene.ObjectType):
    country = graphene.Field(DefenderCountry)


class DefenderStatusEntry(DefenderTermEntryFields, graphene.ObjectType):
    code = graphene.String(required=True)


class DefenderStay(graphene.ObjectType):
    year = graphene.Int()
    start_date = graphene.Date()
    end_date = graphene.Date()


class DefenderSectionBlock(graphene.ObjectType):
    id = graphene.String()
    kind = graphene.String(required=True)
    kind_label = graphene.String(required=True)
    heading = graphene.String(required=True)
    text = graphene.String(required=True, description="HTML with links expanded.")


class DefenderQuoteBlock(graphene.ObjectType):
    id = graphene.String()
    quote = graphene.String(required=True)
    attribution = graphene.String(required=True)


class DefenderImageBlock(graphene.ObjectType):
    id = graphene.String()
    alt = graphene.String(required=True)
    caption = graphene.String(required=True)
    renditions = graphene.List(graphene.NonNull(DefenderRendition))

    @staticmethod
    def resolve_renditions(parent: dict, info) -> list[dict] | None:
        return _renditions(parent["renditions"])


class DefenderEmbedBlock(graphene.ObjectType):
    id = graphene.String()
    url = graphene.String(required=True)


class DefenderActionBlock(graphene.ObjectType):
    """A call to action; after its deadline ``isOpen`` is false and only the
    heading and deadline are given (the action has closed)."""

    id = graphene.String()
    heading = graphene.String(required=True)
    deadline = graphene.Date()
    is_open = graphene.Boolean(required=True)
    text = graphene.String(required=True, description="HTML with links expanded.")
    addressee = graphene.String(required=True)
    link = graphene.String()
    email = graphene.String()
    link_text = graphene.String(required=True)


BLOCK_TYPES = {
    "section": DefenderSectionBlock,
    "quote": DefenderQuoteBlock,
    "image": DefenderImageBlock,
    "embed": DefenderEmbedBlock,
    "action": DefenderActionBlock,
}


class DefenderBodyBlockUnion(graphene.Union):
    """One block of a profile's body: the GraphQL union ``DefenderBodyBlock``."""

    class Meta:
        name = "DefenderBodyBlock"
        types = tuple(BLOCK_TYPES.values())

    @classmethod
    def resolve_type(cls, instance: dict, info):
        return BLOCK_TYPES[instance["block_type"]]


class DefenderNews(graphene.ObjectType):
    id = graphene.Int(required=True)
    title = graphene.String(required=True)
    html_url = graphene.String()
    date = graphene.Date()


class DefenderUpdate(graphene.ObjectType):
    """A public dated update of a profile, newest first."""

    id = graphene.Int(required=True)
    date = graphene.Date(required=True)
    heading = graphene.String(required=True)
    text = graphene.String(required=True, description="HTML with links expanded.")
    status = graphene.Field(DefenderStatus)


class DefenderTranslation(graphene.ObjectType):
    id = graphene.Int(required=True)
    locale = graphene.String(required=True)
    html_url = graphene.String()


class ListedProfiles:
    """The page of profiles a listing gives: what one of its nodes needs beyond
    its card (its updates) is loaded and rendered for the whole page at once,
    only when a query asks for it."""

    def __init__(self, profiles: list, request) -> None:
        self.profiles = profiles
        self.request = request
        self._updates: dict[int, list[serializers.UpdateData]] | None = None

    def updates_of(self, profile) -> list[serializers.UpdateData]:
        """``profile``'s public updates: one query for the whole page, and one
        for the pages their texts link to."""
        if self._updates is None:
            load_public_updates(self.profiles)
            load_link_targets(self.profiles, Output.API)
            self._updates = {
                p.pk: serializers.updates_data(p, self.request) for p in self.profiles
            }
        return self._updates[profile.pk]


class ProfileNode:
    """A profile and the request, with its card computed once (and, in a
    listing, the page of profiles it came with)."""

    def __init__(self, profile, request, listed: ListedProfiles | None = None) -> None:
        self.profile = profile
        self.request = request
        self.listed = listed
        self.card: Mapping[str, Any] = serializers.profile_card_data(profile, request)

    def updates(self) -> list[serializers.UpdateData]:
        if self.listed is not None:
            return self.listed.updates_of(self.profile)
        return serializers.updates_data(self.profile, self.request)

    @property
    def last_updated(self):
        if self.listed is not None:
            load_public_updates(self.listed.profiles)
        return self.profile.last_updated


class Defender(graphene.ObjectType):
    """A human rights defender's profile."""

    id = graphene.Int(required=True)
    title = graphene.String(required=True, description="The public name.")
    slug = graphene.String(required=True)
    locale = graphene.String(required=True)
    html_url = graphene.String()
    first_published_at = graphene.DateTime()
    introduction = graphene.String(required=True)
    portrait = graphene.Field(DefenderPortrait)
    country = graphene.Field(DefenderCountry)
    city = graphene.Field(DefenderTerm)
    status = graphene.Field(DefenderStatus)
    themes = graphene.List(graphene.NonNull(DefenderTerm), required=True)
    stay = graphene.Field(DefenderStay, required=True)
    body = graphene.List(graphene.NonNull(DefenderBodyBlockUnion), required=True)
    updates = graphene.List(graphene.NonNull(DefenderUpdate), required=True)
    last_updated = graphene.Date(description="The date of the newest public update.")
    related_news = graphene.List(graphene.NonNull(DefenderNews), required=True)
    translations = graphene.List(graphene.NonNull(DefenderTranslation), required=True)

    @staticmethod
    def resolve_body(parent: ProfileNode, info) -> list[dict]:
        return [
            {**block["value"], "id": block["id"], "block_type": block["type"]}
            for block in serializers.body_data(parent.profile, parent.request)
        ]

    @staticmethod
    def resolve_updates(parent: ProfileNode, info) -> list[serializers.UpdateData]:
        return parent.updates()

    @staticmethod
    def resolve_last_updated(parent: ProfileNode, info):
        return parent.last_updated

    @staticmethod
    def resolve_related_news(parent: ProfileNode, info) -> list[serializers.NewsData]:
        return serializers.related_news_data(parent.profile, parent.request)

    @staticmethod
    def resolve_translations(
        parent: ProfileNode, info
    ) -> list[serializers.TranslationData]:
        return serializers.translations_data(parent.profile, parent.request)


def _card_resolver(name: str):
    def resolve(parent: ProfileNode, info) -> Any:
        return parent.card[name]

    return staticmethod(resolve)


for _name in serializers.ProfileCardData.__annotations__:
    setattr(Defender, f"resolve_{_name}", _card_resolver(_name))


class DefenderPagination(graphene.ObjectType):
    total = graphene.Int(required=True)
    count = graphene.Int(required=True)
    per_page = graphene.Int(required=True)
    current_page = graphene.Int(required=True)
    prev_page = graphene.Int()
    next_page = graphene.Int()
    total_pages = graphene.Int(required=True)


class DefenderList(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(Defender), required=True)
    pagination = graphene.Field(DefenderPagination, required=True)


def _page_size(per_page: int | None, errors: dict[str, str]) -> int:
    from grapple.settings import grapple_settings

    size = grapple_settings.PAGE_SIZE if per_page is None else per_page
    if not 1 <= size <= grapple_settings.MAX_PAGE_SIZE:
        errors["perPage"] = _("Use a number from 1 to %(max)d.") % {
            "max": grapple_settings.MAX_PAGE_SIZE
        }
    return size


def _checked(reader: RequestReader) -> None:
    try:
        reader.check()
    except InputError as error:
        raise _input_error(error) from error


def _term_list(
    model, info, locale, site, include_unused
) -> list[serializers.TermEntryData]:
    reader = RequestReader(info.context, {"site": site, "locale": locale})
    found_locale = reader.locale
    _checked(reader)
    profiles = DefenderPage.objects.visible(site=reader.site, output=Output.API)
    terms = model.objects.in_locale(found_locale).entries(
        profiles, include_unused=include_unused
    )
    return [serializers.term_entry_data(term, term.profile_count) for term in terms]


def _term_resolver(model) -> staticmethod:
    """The resolver of the list of ``model``'s terms (``defenderThemes`` ...)."""

    @_in_requested_language
    def resolve(root, info, locale=None, site=None, include_unused=False):
        return _term_list(model, info, locale, site, include_unused)

    return staticmethod(resolve)


def _term_arguments() -> dict:
    return {
        "locale": graphene.String(description="A language code; default: the site's."),
        "site": graphene.String(description="hostname or hostname:port."),
        "include_unused": graphene.Boolean(default_value=False),
    }


class DefendersQuery:
    """The fields this package adds to grapple's root query.

    A plain mixin like grapple's own: the root query class subclasses every
    mixin and ``graphene.ObjectType`` last.
    """

    defenders = graphene.Field(
        DefenderList,
        required=True,
        theme=graphene.String(description="Theme slugs; a comma means OR."),
        country=graphene.String(
            description="Country slugs or ISO codes; a comma means OR."
        ),
        city=graphene.String(description="City slugs; a comma means OR."),
        status=graphene.String(description="Status slugs; a comma means OR."),
        year=graphene.String(description="Years such as 2024; a comma means OR."),
        search=graphene.String(),
        order=graphene.String(
            description="last_updated: the newest public update first."
        ),
        locale=graphene.String(description="A language code; default: the site's."),
        site=graphene.String(description="hostname or hostname:port."),
        page=graphene.Int(default_value=1),
        per_page=graphene.Int(),
    )
    defender = graphene.Field(
        Defender, id=graphene.Int(required=True), site=graphene.String()
    )
    defender_themes = graphene.List(
        graphene.NonNull(DefenderThemeEntry), required=True, **_term_arguments()
    )
    defender_countries = graphene.List(
        graphene.NonNull(DefenderCountryEntry), required=True, **_term_arguments()
    )
    defender_cities = graphene.List(
        graphene.NonNull(DefenderCityEntry), required=True, **_term_arguments()
    )
    defender_statuses = graphene.List(
        graphene.NonNull(DefenderStatusEntry), required=True, **_term_arguments()
    )

    @staticmethod
    @_in_requested_language
    def resolve_defenders(
        root, info, page: int = 1, per_page: int | None = None, **filters
    ):
        request = info.context
        params = {name: value for name, value in filters.items() if value is not None}
        reader = RequestReader(request, params)
        size = _page_size(per_page, reader.errors)
        if page < 1:
            reader.errors["page"] = _("Use a page number from 1.")
        spec, site, locale = reader.spec(), reader.site, reader.locale
        _checked(reader)
        profiles = (
            DefenderPage.objects.visible(site=site, locale=locale, output=Output.API)
            .filtered(spec, locale)
            .for_listing()
        )
        paginator = ListingPaginator(profiles, size)
        shown = paginator.rows((page - 1) * size, page * size)
        listed = ListedProfiles(shown, request)
        return {
            "items": [ProfileNode(profile, request, listed) for profile in shown],
            "pagination": {
                "total": paginator.count,
                "count": len(shown),
                "per_page": size,
                "current_page": page,
                "prev_page": page - 1 if page > 1 else None,
                "next_page": page + 1 if page < paginator.num_pages else None,
                "total_pages": paginator.num_pages,
            },
        }

    @staticmethod
    @_in_requested_language
    def resolve_defender(root, info, id: int, site: str | None = None):
        reader = RequestReader(info.context, {"site": site})
        found_site = reader.site
        _checked(reader)
        # Only what the query asks for is loaded, when its fields are resolved.
        profile = DefenderPage.objects.visible(
            site=found_site, output=Output.API
        ).detail(id, complete=False)
        return ProfileNode(profile, info.context) if profile is not None else None

    resolve_defender_themes = _term_resolver(Theme)
    resolve_defender_countries = _term_resolver(Country)
    resolve_defender_cities = _term_resolver(City)
    resolve_defender_statuses = _term_resolver(Status)


class VisibleSearchQuery:
    """Grapple's ``search`` query, limited to what the visibility rule shows.

    Grapple's own ``search`` searches every model of ``GRAPPLE["APPS"]`` with no
    filter at all: drafts, private pages, aliases of private pages, every image
    and document. This resolver keeps grapple's field and arguments and answers
    with the pages a visitor may see in the request's site
    (:mod:`wagtail_defenders.models.visibility`, for ``Output.API``) and the
    published objects of other searchable models of those apps. Images and
    documents are left out: they carry no visibility of their own.

    Registered first among the root query's mixins, so its resolver takes the
    place of grapple's whatever the order of ``INSTALLED_APPS``.
    """

    @staticmethod
    def resolve_search(root, info, query: str | None = None, **kwargs) -> list | None:
        from django.apps import apps
        from grapple.registry import registry
        from wagtail.search.backends import get_search_backend
        from wagtail.search.index import class_is_indexed

        if not query:
            return None
        site = Site.find_for_request(info.context)
        backend = get_search_backend()
        results: list = []
        for app in registry.apps:
            for model in apps.get_app_config(app).get_models():
                if not class_is_indexed(model):
                    continue
                results += backend.search(query, _searchable(model, site))
        return results


class VisiblePagesQuery:
    """Grapple's ``pages`` and ``page`` queries, limited to what the visibility rule shows.

    Grapple's own resolvers start from ``Page.objects.live().public()``, and
    Wagtail's ``public()`` matches view restrictions by path only: an alias of a
    login-restricted profile (the one locale synchronisation makes) is listed,
    and found by ``id``, ``slug`` and ``urlPath``. These resolvers keep grapple's
    fields, arguments and meaning (``parent``, ``ancestor``, ``inSite``,
    ``site``, ``contentType``, search, ordering and paging) and start from the
    pages the rule shows for ``Output.API`` instead (so a profile kept out of
    the API is left out too). A preview ``token`` is still grapple's (it
    validates the token itself).

    Registered first among the root query's mixins, like :class:`VisibleSearchQuery`.
    """

    @staticmethod
    def resolve_pages(root, info, **kwargs):
        from grapple.types.pages import get_site_filter
        from grapple.utils import resolve_queryset

        pages = visible_api_pages().filter(depth__gt=1)
        parent, ancestor = kwargs.get("parent"), kwargs.get("ancestor")
        if parent or ancestor:
            above = Page.objects.filter(pk=parent or ancestor).first()
            if above is None:
                return Page.objects.none()
            pages = pages.child_of(above) if parent else pages.descendant_of(above)
        site = get_site_filter(info, **kwargs)
        if site is not None:
            pages = pages.in_site(site)
        elif kwargs.get("site") is not None or kwargs.get("in_site"):
            # A site was asked for and none matches: nothing, as grapple.
            return Page.objects.none()
        content_type = kwargs.pop("content_type", None)
        if content_type:
            pages = pages.filter(content_types_q(content_type.split(",")))
        return resolve_queryset(pages.specific(), info, **kwargs)

    @staticmethod
    def resolve_page(root, info, **kwargs):
        from grapple.types.pages import get_preview_page, get_site_filter

        if kwargs.get("token"):
            return get_preview_page(kwargs["token"])
        site = get_site_filter(info, **kwargs)
        return find_page(visible_api_pages().filter(depth__gt=1), site, kwargs)


def _searchable(model, site: Site | None):
    """What ``search`` may find of ``model``: visible pages, published objects."""
    if issubclass(model, Page):
        visible = visible_pages(model.objects.all(), site=site, output=Output.API)
        # The ids first, then the search: search backends filter on fields only.
        return model.objects.filter(pk__in=visible.values("pk"))
    objects = model._default_manager.all()
    if any(field.name == "live" for field in model._meta.get_fields()):
        objects = objects.filter(live=True)
    return objects


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
