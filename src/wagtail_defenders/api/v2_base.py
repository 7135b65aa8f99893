"""The base of the package's API v2 endpoints, on Wagtail's ``BaseAPIViewSet``.

Wagtail's flow and extension points do the work
(:mod:`wagtail_defenders.api.v2_extensions`); this class adds what every
endpoint of the package promises besides:

- answers in the language asked for (:mod:`.language`), Wagtail's own English
  messages translated on the way out (:mod:`.wagtail_messages`);
- a malformed value is a 400 whose ``errors`` name every bad parameter;
- strict parameters: an unknown one, an unknown ``format``, a control character
  in a name are 400s that say what is accepted;
- the request read once (:class:`~.inputs.RequestReader`: the site is looked up
  once), the data cached per site, path, query and language, and the response
  marked for the whole-response cache;
- compact JSON for machines (the browsable ``?format=api`` still indents),
  timestamps in UTC with ``Z`` (:mod:`.timestamps`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.http import Http404
from django.urls import path, reverse
from django.utils.functional import Promise, classproperty
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.utils import BadRequestError, get_full_url, parse_fields_parameter
from wagtail.api.v2.views import BaseAPIViewSet

from .. import blocks as body_blocks
from .. import cache
from ..models import DefenderPage, Output
from ..request_guard import is_unsafe_text
from ..response_cache import mark_cacheable
from .inputs import InputError, RequestReader, refuse_unsafe_parameters
from .language import speaking_requested_language
from .timestamps import TimestampJSONRenderer
from .v2_extensions import EntrySerializer, ListingPagination
from .wagtail_messages import translate_wagtail_message

if TYPE_CHECKING:
    from wagtail.models import Locale

#: Parameters every endpoint accepts besides its own (as Wagtail's own v2 API).
COMMON_PARAMETERS = frozenset(["fields", "format", "_"])
LISTING_PARAMETERS = COMMON_PARAMETERS | {"limit", "offset", "locale", "site"}


class RequestedLanguageMixin(BaseAPIViewSet):
    """Handles the request, and renders its response, in the language it asks
    for; Wagtail's own English messages are translated on the way out."""

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
        elif isinstance(exc, MethodNotAllowed):
            # REST framework's own words, from the package's catalogue: REST
            # framework's is not loaded when rest_framework is not an installed
            # app, and API v3 says the same.
            exc = MethodNotAllowed(
                self.request.method,
                detail=_('Method "%(method)s" not allowed.')
                % {"method": self.request.method},
            )
        return super().handle_exception(exc)


class InputErrorResponseMixin(BaseAPIViewSet):
    """Answers an :class:`~.inputs.InputError` with a 400 naming each bad parameter."""

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
    """What the package's endpoints share (the module's list).

    A subclass sets ``model``, ``body_fields`` (``id`` and the fields of an
    item, in order), ``filter_backends`` and ``present()`` (an object in the
    package's representation); it may add to ``known_query_parameters`` (a
    listing's) and ``detail_query_parameters``.
    """

    pagination_class = ListingPagination
    base_serializer_class = EntrySerializer
    #: ``meta`` is the same for every item (``meta()``): not chosen with ``fields=``.
    meta_fields: list[str] = []
    known_query_parameters = LISTING_PARAMETERS
    detail_query_parameters = COMMON_PARAMETERS | {"site"}
    #: The message of a detail's 404.
    not_found: str | Promise = ""

    @classproperty
    def renderer_classes(cls) -> list:
        # The browsable renderer needs rest_framework's templates; without them
        # ?format=api would be a 500 (Wagtail 7 always offers it).
        if apps.is_installed("rest_framework"):
            return [TimestampJSONRenderer, BrowsableAPIRenderer]
        return [TimestampJSONRenderer]

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    @classmethod
    def get_body_fields(cls, model) -> list[APIField]:
        return [APIField(name) for name in cls.body_fields]

    @cached_property
    def reader(self) -> RequestReader:
        return RequestReader(self.request)

    def visible_profiles(self, locale: Locale | None = None):
        """What an API may show of the requested site, in ``locale``'s language
        (every language when ``None``)."""
        return DefenderPage.objects.visible(
            site=self.reader.site, locale=locale, output=Output.API
        )

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # A name holding a control character is refused as such (named escaped)
        # before the unknown-parameter check would echo it raw.
        refuse_unsafe_parameters(
            {name: "" for name in request.GET if is_unsafe_text(name)}
        )

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

    def check_query_parameters(self, queryset=None) -> None:
        """Wagtail's check, against this endpoint's own parameters (Wagtail's
        also lets every database field through), saying which are accepted."""
        accepted = (
            self.known_query_parameters
            if self.action == "listing_view"
            else self.detail_query_parameters
        )
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

    def get_serializer_class(self):
        """Wagtail's, which reads ``fields=``, refusing nested fields (no item
        has any) and, in a listing, a field only a detail has."""
        try:
            config = parse_fields_parameter(self.request.GET.get("fields", ""))
        except ValueError:
            config = []  # Wagtail says what is wrong with it
        for name, _negated, sub_fields in config:
            if sub_fields:
                raise BadRequestError(f"'{name}' does not support nested fields")
            if self.action == "listing_view" and name in self.detail_only_fields:
                raise BadRequestError(
                    _("'%(name)s' is only in a profile's detail, at %(url)s.")
                    % {"name": name, "url": "<id>/"}
                )
        return super().get_serializer_class()

    @cached_property
    def _found(self) -> Any:
        self.reader.check()  # a malformed site= is a 400, not "no such object"
        return self.find(int(self.kwargs["pk"]))

    def get_object(self):
        """The detail's object, looked up once; a 404 when there is none."""
        if self._found is None:
            raise Http404(self.not_found)
        return self._found

    def find(self, pk: int) -> Any:
        """The object ``pk`` a detail shows, or ``None`` (the model layer's lookup)."""
        raise NotImplementedError

    def listing_view(self, request) -> Response:
        listing_view = super().listing_view
        return self.cached_response(lambda: listing_view(request).data)

    def detail_view(self, request, pk) -> Response:
        self.check_query_parameters()
        detail_view = super().detail_view
        return self.cached_response(lambda: detail_view(request, pk).data)

    def cached_response(self, build: Callable[[], Any]) -> Response:
        """``build()``'s data, from the cache if this request was answered before.

        Anonymous and the same for everyone: what the API sends depends only on
        the site, the path, the query string and, for labels, the language;
        every edit that can change it starts a new cache generation
        (:func:`wagtail_defenders.cache.cached_data`). The response is marked
        for the whole-response cache (:mod:`wagtail_defenders.response_cache`).
        """
        site = self.reader.site
        key = (
            self.request.path,
            sorted(self.request.GET.lists()),
            site.pk if site is not None else None,
            get_language(),
            # A call to action closes at its deadline: no answer outlives its day.
            body_blocks.today().isoformat(),
        )
        tags = self.cache_tags()
        data = cache.cached_data("api-v2", key, build, tags=tags)
        return mark_cacheable(Response(data), tags)

    def cache_tags(self) -> list[str]:
        """The cache tags this request's answer depends on: every API answer's
        (``api``, which publishing any profile bumps), unless a subclass knows
        better."""
        return [cache.API_TAG]

    def meta(self, entry: dict[str, Any]) -> dict[str, Any]:
        """An item's ``meta``: its type and its detail URL on this endpoint (not
        on a ``pages`` endpoint that would claim the model first)."""
        return {
            "type": self.model._meta.label,
            "detail_url": f"{self._listing_url}{entry['id']}/",
        }

    @cached_property
    def _listing_url(self) -> str:
        namespace = self.request.resolver_match.namespace
        return get_full_url(self.request, reverse(f"{namespace}:listing"))

    def get_renderer_context(self) -> dict[str, Any]:
        # Wagtail indents its JSON for people; an indent makes Python's json
        # module fall back from its C encoder to the pure-Python one, several
        # times slower on a listing. Machines read this output: keep it compact.
        context = super().get_renderer_context()
        if not isinstance(
            getattr(self.request, "accepted_renderer", None), BrowsableAPIRenderer
        ):
            context.pop("indent", None)
        return context
