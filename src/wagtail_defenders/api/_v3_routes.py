"""The django-ninja routers behind :mod:`wagtail_defenders.api.v3` (Wagtail 8 only).

Imported only by :func:`wagtail_defenders.api.v3.register_routes`, so Wagtail 7
never loads it. Every route reads its request with
:class:`~wagtail_defenders.api.inputs.RequestReader`, lists with the model
layer's querysets and :class:`~wagtail_defenders.models.pagination.ListingPaginator`
and presents with :mod:`wagtail_defenders.api.serializers`, like API v2.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router
from wagtail.api.v3.errors import problem_response

from ..conf import wagtail_setting
from ..models import City, Country, DefenderPage, Output, Status, Theme
from ..models.pagination import ListingPaginator
from . import serializers
from .inputs import InputError, RequestReader, UnknownSiteError
from .language import speaking_requested_language
from .serializers import (
    CityEntryData,
    CountryEntryData,
    ProfileCardData,
    ProfileData,
    StatusEntryData,
    TermEntryData,
)

try:
    from typing_extensions import TypedDict
except ImportError:  # pragma: no cover
    from typing import TypedDict


class ProfileListData(TypedDict):
    count: int
    locale: str
    items: list[ProfileCardData]


class ThemeListData(TypedDict):
    count: int
    locale: str
    items: list[TermEntryData]


class CountryListData(TypedDict):
    count: int
    locale: str
    items: list[CountryEntryData]


class CityListData(TypedDict):
    count: int
    locale: str
    items: list[CityEntryData]


class StatusListData(TypedDict):
    count: int
    locale: str
    items: list[StatusEntryData]


def _bad_request(error: InputError) -> HttpResponse:
    return problem_response(
        status=400,
        detail=str(error),
        errors=[
            {"type": "invalid_parameter", "loc": ["query", name], "msg": message}
            for name, message in error.errors.items()
        ],
    )


def _checked(reader: RequestReader) -> HttpResponse | None:
    """A 400 naming every bad parameter the reader found, or ``None``; a 404
    when an unknown site is the only one (the schema lets a client send any
    hostname)."""
    try:
        reader.check()
    except UnknownSiteError as error:
        raise Http404(error.errors["site"]) from None
    except InputError as error:
        return _bad_request(error)
    return None


def _check_limit(reader: RequestReader, limit: int) -> None:
    limit_max = wagtail_setting("WAGTAILAPI_LIMIT_MAX")
    if limit_max and limit > limit_max:
        reader.errors["limit"] = _("Use at most %(max)d.") % {"max": limit_max}


LIMIT = Query(20, ge=1, description="How many items to return.")
OFFSET = Query(0, ge=0, description="How many items to skip.")
LOCALE = Query(
    None, description="A language code such as nl or en; default: the site's."
)
SITE = Query(
    None, description="hostname or hostname:port; default: the requested site."
)


def _defenders_router() -> Router:
    router = Router(tags=["defenders"])

    @router.get(
        "/",
        response=ProfileListData,
        url_name="defenders_list",
        operation_id="defenders_list",
        summary="List defenders, filtered like the index page",
    )
    def list_defenders(
        request: HttpRequest,
        theme: str | None = Query(None, description="Theme slugs; a comma means OR."),
        country: str | None = Query(
            None, description="Country slugs or ISO codes; a comma means OR."
        ),
        city: str | None = Query(None, description="City slugs; a comma means OR."),
        status: str | None = Query(None, description="Status slugs; a comma means OR."),
        year: str | None = Query(
            None, description="Years such as 2024; a comma means OR."
        ),
        search: str | None = Query(None, description="Words to search for."),
        order: str | None = Query(
            None,
            description="last_updated: the newest public update first; "
            "default: by relevance when searching, else the most recent stay.",
        ),
        locale: str | None = LOCALE,
        site: str | None = SITE,
        limit: int = LIMIT,
        offset: int = OFFSET,
    ):
        with speaking_requested_language(request):
            return _list_defenders(request, limit, offset)

    def _list_defenders(request: HttpRequest, limit: int, offset: int):
        reader = RequestReader(request)
        _check_limit(reader, limit)
        spec, site, locale = reader.spec(), reader.site, reader.locale
        if (bad_request := _checked(reader)) is not None:
            return bad_request
        profiles = (
            DefenderPage.objects.visible(site=site, locale=locale, output=Output.API)
            .filtered(spec, locale)
            .for_listing()
        )
        paginator = ListingPaginator(profiles, limit)
        return {
            "count": paginator.count,
            "locale": locale.language_code,
            "items": [
                serializers.profile_card_data(profile, request)
                for profile in paginator.rows(offset, offset + limit)
            ],
        }

    @router.get(
        "/{profile_id}/",
        response=ProfileData,
        url_name="defenders_detail",
        operation_id="defenders_detail",
        summary="A defender's whole profile",
    )
    def defender_detail(request: HttpRequest, profile_id: int, site: str | None = SITE):
        with speaking_requested_language(request):
            return _defender_detail(request, profile_id, site)

    def _defender_detail(request: HttpRequest, profile_id: int, site: str | None):
        reader = RequestReader(request, {"site": site})
        found_site = reader.site
        if (bad_request := _checked(reader)) is not None:
            return bad_request
        profile = DefenderPage.objects.visible(
            site=found_site, output=Output.API
        ).detail(profile_id)
        if profile is None:
            raise Http404(_("No profile matches the given query."))
        return serializers.profile_data(profile, request)

    return router


def _terms_router(model, relation: str, response: type) -> Router:
    plural = str(model._meta.verbose_name_plural)
    router = Router(tags=["defenders"])

    @router.get(
        "/",
        response=response,
        url_name=f"defenders_{relation}_list",
        operation_id=f"defenders_{relation}_list",
        summary=f"List {plural} with their profile counts",
    )
    def list_terms(
        request: HttpRequest,
        locale: str | None = LOCALE,
        site: str | None = SITE,
        include_unused: bool = Query(
            False, description="Also list terms that no visible profile uses."
        ),
        limit: int = LIMIT,
        offset: int = OFFSET,
    ):
        with speaking_requested_language(request, locale):
            return _list_terms(request, locale, site, include_unused, limit, offset)

    def _list_terms(request, locale, site, include_unused, limit, offset):
        reader = RequestReader(request, {"site": site, "locale": locale})
        _check_limit(reader, limit)
        found_locale = reader.locale
        if (bad_request := _checked(reader)) is not None:
            return bad_request
        profiles = DefenderPage.objects.visible(site=reader.site, output=Output.API)
        terms = model.objects.in_locale(found_locale).entries(
            profiles, include_unused=include_unused
        )
        paginator = ListingPaginator(terms, limit)
        return {
            "count": paginator.count,
            "locale": found_locale.language_code,
            "items": [
                serializers.term_entry_data(term, term.profile_count)
                for term in paginator.rows(offset, offset + limit)
            ],
        }

    return router


def build_routers() -> list[tuple[str, Router]]:
    """The routers to mount, with their paths (without slashes); the draft's
    ``defenders/preview/`` before ``defenders/``, whose ``{profile_id}/`` would
    otherwise take it (:mod:`._v3_preview`)."""
    from ._v3_preview import build_router as preview_router

    return [
        ("defenders/preview", preview_router()),
        ("defenders", _defenders_router()),
        ("themes", _terms_router(Theme, "theme", ThemeListData)),
        ("countries", _terms_router(Country, "country", CountryListData)),
        ("cities", _terms_router(City, "city", CityListData)),
        ("statuses", _terms_router(Status, "status", StatusListData)),
    ]
