"""Wagtail API v2 endpoints: defenders, themes, countries, cities and statuses.

A site registers the viewsets on its own router::

    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail_defenders.api.v2 import register_endpoints

    api_router = WagtailAPIRouter("wagtailapi")
    register_endpoints(api_router)  # defenders/, themes/, countries/, cities/, statuses/

What the endpoints promise (README, "Headless API"):

- only what the visibility rule lets a visitor see
  (:mod:`wagtail_defenders.models.visibility`): live, public profiles (no drafts,
  no unpublished changes, nothing below a login, password or group restriction,
  nor an alias of such a page), of the request's site, or of ``?site=``, not kept
  out of the API; the same for a logged-in session;
- the filters of the index page (``theme``, ``country``, ``city``, ``status``,
  ``year``, ``search``) and ``order`` (``last_updated``) plus ``locale``; a malformed value is a 400 whose message names each
  bad parameter and what it accepts, an unknown slug an empty result;
- a fixed number of queries per request, whatever the number of profiles;
- portraits and body images only as renditions, never the original file.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping
from typing import Any

from django.apps import apps
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import cached_property, classproperty
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError, get_full_url, parse_fields_parameter
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.models import Site

from .. import blocks as body_blocks
from .. import cache
from ..conf import wagtail_setting
from ..models import (
    City,
    Country,
    DefenderPage,
    Output,
    Status,
    Theme,
    visible_pages,
)
from ..models.pagination import ListingPaginator
from ..request_guard import is_unsafe_text
from ..response_cache import mark_cacheable
from . import registry, serializers
from .inputs import (
    InputError,
    RequestReader,
    find_site,
    is_possible_id,
    refuse_unsafe_parameters,
)
from .language import speaking_requested_language
from .wagtail_messages import translate_wagtail_message

#: Parameters every endpoint accepts besides its own (as Wagtail's own v2 API).
COMMON_PARAMETERS = frozenset(["fields", "format", "_"])
LISTING_PARAMETERS = COMMON_PARAMETERS | {"limit", "offset", "locale", "site"}

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


class RequestedLanguageMixin(BaseAPIViewSet):
    """Answers in the language the request asks for (:mod:`.language`).

    The whole request is handled, and its response rendered, in that language;
    Wagtail's own English messages are translated on the way out.
    """

    def dispatch(self, request, *args, **kwargs):
        with speaking_requested_language(request):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            return response

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, BadRequestError) and exc.args:
            exc = BadRequestError(translate_wagtail_message(str(exc.args[0])))
        elif isinstance(exc, Http404) and exc.args:
            # Django's "No Page matches the given query." on Wagtail's pages/.
            exc = Http404(translate_wagtail_message(str(exc.args[0])))
        return super().handle_exception(exc)


class InputErrorResponseMixin(BaseAPIViewSet):
    """Answers an :class:`InputError` with a 400 naming each bad parameter."""

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, InputError):
            return Response(
                {"message": str(exc), "errors": exc.errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return super().handle_exception(exc)


class DefendersBaseViewSet(
    RequestedLanguageMixin, InputErrorResponseMixin, BaseAPIViewSet
):
    """What the package's endpoints share: JSON output and strict parameters."""

    @classproperty
    def renderer_classes(cls) -> list:
        # The browsable renderer needs rest_framework's templates; without them
        # ?format=api would be a 500 (Wagtail 7 always offers it).
        if apps.is_installed("rest_framework"):
            return [JSONRenderer, BrowsableAPIRenderer]
        return [JSONRenderer]

    def perform_content_negotiation(self, request, force: bool = False):
        # REST framework answers an unknown ?format= with a 404, which reads as
        # "no such profile"; say what is wrong instead.
        try:
            return super().perform_content_negotiation(request, force)
        except Http404 as error:
            raise BadRequestError(
                _("format: unknown format. Use one of: %(names)s.")
                % {"names": ", ".join(r.format for r in self.get_renderers())}
            ) from error

    listing_parameters: frozenset[str] = LISTING_PARAMETERS
    detail_parameters: frozenset[str] = COMMON_PARAMETERS

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # A name holding a control character is refused as such (named escaped)
        # before the unknown-parameter check would echo it raw; values are checked
        # with the other errors of the request, where each parameter is read.
        refuse_unsafe_parameters(
            {name: "" for name in request.GET if is_unsafe_text(name)}
        )

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    def check_parameters(self, accepted: frozenset[str]) -> None:
        unknown = set(self.request.GET.keys()) - accepted
        if unknown:
            raise BadRequestError(
                _(
                    "query parameter is not an operation or a recognised field: %(names)s"
                )
                % {"names": ", ".join(sorted(unknown))}
                + ". "
                + _("Accepted: %(names)s.")
                % {"names": ", ".join(sorted(accepted - {"_"}))}
            )

    def select_fields(
        self, available: list[str], forbidden: Collection[str] = ()
    ) -> list[str]:
        """The body fields ``?fields=`` asks for, in Wagtail v2's syntax.

        ``fields=a,b`` adds to the defaults, ``fields=-a`` removes one, ``fields=*``
        starts from every field and ``fields=_`` from none. ``id`` and ``meta``
        are always there.
        """
        raw = self.request.GET.get("fields")
        if not raw:
            return list(available)
        try:
            config = parse_fields_parameter(raw)
        except ValueError as error:
            raise BadRequestError(f"fields error: {error}") from error
        selected = set(available)
        if config and config[0][0] == "*":
            config = config[1:]
        elif config and config[0][0] == "_":
            selected = set()
            config = config[1:]
        for name, negated, sub_fields in config:
            if name in forbidden:
                raise BadRequestError(
                    _("'%(name)s' is only in a profile's detail, at %(url)s.")
                    % {"name": name, "url": "<id>/"}
                )
            if name not in available:
                raise BadRequestError(
                    _("fields: unknown field “%(name)s”. Use any of: %(names)s.")
                    % {"name": name, "names": ", ".join(available)}
                )
            if sub_fields:
                raise BadRequestError(
                    _("'%(name)s' does not support nested fields") % {"name": name}
                )
            if negated:
                selected.discard(name)
            else:
                selected.add(name)
        return [name for name in available if name in selected]

    def paginate(self, queryset) -> tuple[list, int]:
        """One page of ``queryset`` by ``limit`` and ``offset``, and the total count.

        Wagtail v2's rules and messages, except that an offset past the end gives
        an empty page without asking the database (SQLite fails on a huge OFFSET).
        """
        limit_max = wagtail_setting("WAGTAILAPI_LIMIT_MAX")
        try:
            offset = int(self.request.GET.get("offset", 0))
            if offset < 0:
                raise ValueError
        except ValueError as error:
            raise BadRequestError("offset must be a positive integer") from error
        try:
            limit = int(self.request.GET.get("limit", min(20, limit_max or 20)))
            if limit < 0:
                raise ValueError
        except ValueError as error:
            raise BadRequestError("limit must be a positive integer") from error
        if limit_max and limit > limit_max:
            raise BadRequestError(f"limit cannot be higher than {limit_max}")
        paginator = ListingPaginator(queryset, max(limit, 1))
        return paginator.rows(offset, offset + limit), paginator.count

    def cached(self, build: Callable[[], Any]) -> Any:
        """``build()``'s data, from the cache if this request was answered before.

        Anonymous and the same for everyone: what the API sends depends only on
        the site serving the request, the path, the query string and, for
        labels, the language; every edit that can change it starts a new cache
        generation (:func:`wagtail_defenders.cache.cached_data`). A spike of
        requests for the same listing then costs one database read.
        """
        request = self.request
        site = Site.find_for_request(request)
        key = (
            request.path,
            sorted(request.GET.lists()),
            site.pk if site is not None else None,
            get_language(),
            # A call to action closes at its deadline: no answer outlives its day.
            body_blocks.today().isoformat(),
        )
        return cache.cached_data("api-v2", key, build, tags=[cache.API_TAG])

    @staticmethod
    def cacheable(response: Response) -> Response:
        """``response``, for the whole-response cache
        (:mod:`wagtail_defenders.response_cache`): the same for every
        anonymous visitor, under the API's cache tag."""
        return mark_cacheable(response, [cache.API_TAG])

    def detail_url(self, pk: int) -> str:
        # This endpoint's own detail view, even when the router also has a
        # "pages" endpoint that would claim the model first. The detail URL is
        # the listing's plus "<pk>/" (get_urlpatterns): one reverse per request.
        return f"{self._listing_url}{pk}/"

    @cached_property
    def _listing_url(self) -> str:
        namespace = self.request.resolver_match.namespace
        return get_full_url(self.request, reverse(f"{namespace}:listing"))

    def get_renderer_context(self) -> dict[str, Any]:
        # Wagtail indents its JSON for people; an indent makes Python's json
        # module fall back from its C encoder to the pure-Python one, several
        # times slower on a listing. Machines read this output: keep it compact
        # (the browsable ?format=api still indents).
        context = super().get_renderer_context()
        if not isinstance(
            getattr(self.request, "accepted_renderer", None), BrowsableAPIRenderer
        ):
            context.pop("indent", None)
        return context


class DefendersAPIViewSet(DefendersBaseViewSet):
    """``defenders/``: the profiles, filtered like the index page; ``<id>/``: one profile."""

    model = DefenderPage
    listing_parameters = LISTING_PARAMETERS | {
        "theme",
        "country",
        "city",
        "status",
        "year",
        "search",
        "order",
    }

    def listing_view(self, request) -> Response:
        self.check_parameters(self.listing_parameters)
        fields = self.select_fields(CARD_FIELDS, forbidden=DETAIL_ONLY_FIELDS)
        return self.cacheable(
            Response(self.cached(lambda: self.listing_data(request, fields)))
        )

    def listing_data(self, request, fields: list[str]) -> OrderedDict:
        reader = RequestReader(request)
        spec, site, locale = reader.spec(), reader.site, reader.locale
        reader.check()
        listing = (
            DefenderPage.objects.visible(site=site, locale=locale, output=Output.API)
            .filtered(spec, locale)
            .for_listing()
        )
        profiles, total_count = self.paginate(listing)
        items = [
            self.present(serializers.profile_card_data(profile, request), fields)
            for profile in profiles
        ]
        return OrderedDict(
            [
                ("meta", {"total_count": total_count, "locale": locale.language_code}),
                ("items", items),
            ]
        )

    def detail_view(self, request, pk: int) -> Response:
        self.check_parameters(self.detail_parameters | {"site"})
        fields = self.select_fields(CARD_FIELDS + DETAIL_ONLY_FIELDS)
        return self.cacheable(
            Response(self.cached(lambda: self.detail_data(request, pk, fields)))
        )

    def detail_data(self, request, pk: int, fields: list[str]) -> dict[str, Any]:
        reader = RequestReader(request)
        site = reader.site
        reader.check()
        profile = DefenderPage.objects.visible(site=site, output=Output.API).detail(pk)
        if profile is None:
            raise Http404(_("No profile matches the given query."))
        return self.present(serializers.profile_data(profile, request), fields)

    def present(self, profile: Mapping[str, Any], fields: list[str]) -> dict[str, Any]:
        """Wagtail v2's shape: ``id``, a ``meta`` object, then the chosen fields."""
        data: dict[str, Any] = {
            "id": profile["id"],
            "meta": {
                "type": DefenderPage._meta.label,
                "detail_url": self.detail_url(profile["id"]),
                **{name: profile[name] for name in META_FIELDS},
            },
        }
        data.update((name, profile[name]) for name in fields)
        return data


class TaxonomyAPIViewSet(DefendersBaseViewSet):
    """A read-only list of one kind of term, in one language, with profile counts.

    By default only the terms that at least one live, public profile of the site
    uses in that language are listed (what the index page's filters offer);
    ``?include_unused=true`` lists every term of the language.
    """

    relation = ""  # "theme", "country", "city" or "status", set on subclasses
    listing_parameters = LISTING_PARAMETERS | {"include_unused"}
    detail_parameters = COMMON_PARAMETERS | {"site"}
    fields = [
        "name",
        "slug",
        "translation_key",
        "locale",
        "description",
        "sort_order",
        "profile_count",
    ]

    def listing_view(self, request) -> Response:
        self.check_parameters(self.listing_parameters)
        fields = self.select_fields(self.fields)
        return self.cacheable(
            Response(self.cached(lambda: self.listing_data(request, fields)))
        )

    def listing_data(self, request, fields: list[str]) -> OrderedDict:
        reader = RequestReader(request)
        include_unused = reader.boolean("include_unused")
        locale = reader.locale
        reader.check()
        profiles = DefenderPage.objects.visible(site=reader.site, output=Output.API)
        terms = self.model.objects.in_locale(locale).entries(
            profiles, include_unused=include_unused
        )
        shown, total_count = self.paginate(terms)
        items = [
            self.present(serializers.term_entry_data(term, term.profile_count), fields)
            for term in shown
        ]
        return OrderedDict(
            [
                ("meta", {"total_count": total_count, "locale": locale.language_code}),
                ("items", items),
            ]
        )

    def detail_view(self, request, pk: int) -> Response:
        self.check_parameters(self.detail_parameters)
        fields = self.select_fields(self.fields)
        return self.cacheable(
            Response(self.cached(lambda: self.detail_data(request, pk, fields)))
        )

    def detail_data(self, request, pk: int, fields: list[str]) -> dict[str, Any]:
        reader = RequestReader(request)
        site = reader.site
        reader.check()
        profiles = DefenderPage.objects.visible(site=site, output=Output.API)
        term = self.model.objects.entries(profiles, include_unused=True).detail(pk)
        if term is None:
            raise Http404(_("No term matches the given query."))
        return self.present(
            serializers.term_entry_data(term, term.profile_count), fields
        )

    def present(self, term: Mapping[str, Any], fields: list[str]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": term["id"],
            "meta": {
                "type": self.model._meta.label,
                "detail_url": self.detail_url(term["id"]),
            },
        }
        data.update((name, term[name]) for name in fields)
        return data


class ThemesAPIViewSet(TaxonomyAPIViewSet):
    model = Theme
    relation = "theme"


class CountriesAPIViewSet(TaxonomyAPIViewSet):
    model = Country
    relation = "country"
    fields = TaxonomyAPIViewSet.fields + ["code"]


class CitiesAPIViewSet(TaxonomyAPIViewSet):
    model = City
    relation = "city"
    fields = TaxonomyAPIViewSet.fields + ["country"]


class StatusesAPIViewSet(TaxonomyAPIViewSet):
    model = Status
    relation = "status"
    fields = TaxonomyAPIViewSet.fields + ["code"]


#: The operators Wagtail's search backends know (``search_operator``).
SEARCH_OPERATORS = ("and", "or")


class PagesAPIViewSet(
    RequestedLanguageMixin, InputErrorResponseMixin, WagtailPagesAPIViewSet
):
    """Wagtail's own ``pages`` endpoint, showing only what a visitor may see.

    Wagtail's endpoint lets a logged-in session see pages behind a login or
    group restriction, shows an alias of a private page and does not know
    ``DefenderPage.hide_from_api``. This one lists the pages of the package's
    visibility rule (:mod:`wagtail_defenders.models.visibility`, for
    :attr:`~wagtail_defenders.models.Output.API`), whoever asks: a site that
    offers ``pages/`` should register this class instead of Wagtail's. It also
    answers in the language asked for (:mod:`wagtail_defenders.api.language`).

    Wagtail's endpoint answers some input with a 500; this one with a 400: a
    control character in any parameter (``search``, ``locale``, ``html_path``...,
    which PostgreSQL refuses), an ``offset`` beyond what the database can count,
    an unknown ``search_operator``, a malformed ``site``.
    """

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # Before Wagtail's filters read anything: they hand text to the
        # database unchecked, and a NUL byte there is a 500 on PostgreSQL.
        refuse_unsafe_parameters(request.GET, pagination=True)
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            # Wagtail hands it to the search backend, which raises ValueError.
            raise BadRequestError(
                _("search_operator: use one of: %(names)s.")
                % {"names": ", ".join(SEARCH_OPERATORS)}
            )

    def detail_view(self, request, pk):
        if not is_possible_id(int(pk)):
            raise Http404(_("No page matches the given query."))
        return super().detail_view(request, pk)

    def get_base_queryset(self):
        """The visible pages of the site of ``?site=`` (else of the request)."""
        try:
            site = find_site(self.request, self.request.GET.get("site"))
        except InputError as error:
            raise BadRequestError(str(error)) from error
        visible = visible_pages(
            self.model._default_manager.all(), site=site, output=Output.API
        )
        # Chosen first, then filtered and searched: the search backends cannot
        # read the rule's Exists() clauses (``?search=`` was a 500 on them).
        return self.model._default_manager.filter(pk__in=visible.values("pk"))


#: The endpoints by name. (Not a ``name`` on each class: REST framework's
#: ``as_view()`` sets a viewset's ``name`` to ``None``.)
ENDPOINTS = {
    "defenders": DefendersAPIViewSet,
    "themes": ThemesAPIViewSet,
    "countries": CountriesAPIViewSet,
    "cities": CitiesAPIViewSet,
    "statuses": StatusesAPIViewSet,
}


def register_endpoints(router, prefix: str = "") -> None:
    """Register the five endpoints on ``router`` (a ``WagtailAPIRouter``).

    ``prefix`` is put before each name, such as ``"defenders-"`` if the site's
    router already has a ``themes`` endpoint.
    """
    for endpoint, viewset in ENDPOINTS.items():
        name = prefix + endpoint
        router.register_endpoint(name, viewset)
        registry.add_listing(f"{router.url_namespace}:{name}:listing")
