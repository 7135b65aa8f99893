"""Wagtail's own API v2 ``pages`` endpoint, under the package's visibility rule.

Importable as ``wagtail_defenders.api.v2.PagesAPIViewSet``.
"""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.serializers import PageSerializer as WagtailPageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet

from ..filters import clean_search_parameter
from ..models import Output, visible_pages
from ..models.lookups import is_possible_id
from .inputs import InputError, RequestReader, refuse_unsafe_parameters
from .timestamps import TimestampField, TimestampJSONRenderer
from .v2_base import InputErrorResponseMixin, RequestedLanguageMixin

#: The operators Wagtail's search backends know (``search_operator``).
SEARCH_OPERATORS = ("and", "or")


class PageSerializer(WagtailPageSerializer):
    """Wagtail's page serializer, writing every datetime field (``meta``'s
    ``first_published_at``, a page type's datetime ``api_fields``) in UTC with
    ``Z`` (:mod:`.timestamps`), as the package's endpoints and API v3 do."""

    serializer_field_mapping = {
        **WagtailPageSerializer.serializer_field_mapping,
        models.DateTimeField: TimestampField,
    }


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

    Its timestamps are in UTC with ``Z`` (Wagtail's are in the current time
    zone), as in the package's endpoints, API v3 and GraphQL.
    """

    base_serializer_class = PageSerializer
    renderer_classes = [
        TimestampJSONRenderer if renderer is JSONRenderer else renderer
        for renderer in WagtailPagesAPIViewSet.renderer_classes
    ]

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # Before Wagtail's filters read anything: they hand text to the
        # database unchecked, and a NUL byte there is a 500 on PostgreSQL.
        refuse_unsafe_parameters(request.GET, pagination=True)
        clean_search_parameter(request._request)
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            # Wagtail hands it to the search backend, which raises ValueError.
            raise BadRequestError(
                _("search_operator: use one of: %(names)s.")
                % {"names": ", ".join(SEARCH_OPERATORS)}
            )

    def detail_view(self, request, pk):
        if not is_possible_id(int(pk)):
            # As Django's 404 for an id that could be one (wagtail_messages).
            raise Http404(
                _("No %(model)s matches the given query.")
                % {"model": self.model._meta.verbose_name}
            )
        return super().detail_view(request, pk)

    def get_base_queryset(self):
        """The visible pages of the site of ``?site=`` (else of the request)."""
        reader = RequestReader(self.request)
        site = reader.site
        try:
            reader.check()
        except InputError as error:
            raise BadRequestError(str(error)) from error
        visible = visible_pages(
            self.model._default_manager.all(), site=site, output=Output.API
        )
        # Chosen first, then filtered and searched: the search backends cannot
        # read the rule's Exists() clauses (``?search=`` was a 500 on them).
        return self.model._default_manager.filter(pk__in=visible.values("pk"))
