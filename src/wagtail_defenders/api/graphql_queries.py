"""GraphQL root fields of the package and the grapple queries it answers itself.

- :class:`DefendersQuery`: ``defenders``, ``defender``, ``defenderPreview``
  (:mod:`.graphql_preview`) and the term lists
  (``defenderThemes``, ``defenderCountries``, ``defenderCities``,
  ``defenderStatuses``);
- :class:`VisibleSearchQuery` and :class:`VisiblePagesQuery`: grapple's
  ``search``, ``pages`` and ``page``, limited to what the visibility rule shows.

Each resolver only parses its arguments (:mod:`wagtail_defenders.api.inputs`,
a bad one is a ``GraphQLError`` whose ``extensions.errors`` names it), asks the
model layer's querysets for the live, public profiles of the request's site
(``Output.API``), and presents them through the types of :mod:`.graphql_types`.
Every root field runs in the language asked for (:mod:`.language`).

Importing this module registers nothing; :mod:`wagtail_defenders.api.graphql`
(the public module, which re-exports every name here) adds these mixins to
grapple's root query.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import graphene
from django.utils.translation import gettext as _
from graphql import GraphQLError
from wagtail.models import Page, Site

from ..models import City, Country, DefenderPage, Output, Status, Theme, visible_pages
from ..models.pagination import ListingPaginator
from . import serializers
from .graphql_preview import resolve_defender_preview
from .graphql_types import (
    Defender,
    DefenderCityEntry,
    DefenderCountryEntry,
    DefenderList,
    DefenderStatusEntry,
    DefenderThemeEntry,
    ListedProfiles,
    ProfileNode,
)
from .grapple_pages import content_types_q, find_page, visible_api_pages
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
    defender_preview = graphene.Field(
        Defender,
        content_type=graphene.String(
            required=True,
            description="The preview URL's content_type: wagtail_defenders.defenderpage.",
        ),
        token=graphene.String(required=True, description="The preview URL's token."),
        description="The draft profile of a headless preview (the token the "
        "admin's preview gives the front end).",
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

    resolve_defender_preview = staticmethod(resolve_defender_preview)
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
