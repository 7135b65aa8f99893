"""API v2 ``page_preview/``: the draft a headless front end previews.

Registered by :func:`wagtail_defenders.api.v2.register_endpoints` when
``WAGTAIL_DEFENDERS["HEADLESS_PREVIEW"]`` is on (:mod:`wagtail_defenders.headless_preview`).
The front end the admin sent the editor to asks::

    GET /api/v2/page_preview/?content_type=wagtail_defenders.defenderpage&token=...

(or ``page_preview/<id>/?...``, the form of the library's README, where ``id``
must be the previewed page's, ``0`` for one not saved yet) and gets the draft
in the shape of the ``defenders/<id>/`` detail: the same presenter
(:func:`~.serializers.profile_data`), so no hidden field, non-public update,
withheld portrait, original image file or consent field is in it. An index page
gives its title and introduction. Never cached: a token expires, and the
answer is for the editor's front end only.

The checks of the token are :func:`~wagtail_defenders.headless_preview.previewed_page`'s,
the ones GraphQL's ``defenderPreview`` makes too (:mod:`.graphql_preview`), with
the same messages; this endpoint adds the query parameters it accepts.

A missing or unknown ``content_type`` or a missing ``token`` is a 400; a token
that is not valid, has expired or was made for another page is a 403; a
profile kept out of the API is a 403 too (a front end reading the API would
not show it once published). Each answer is ``{"message": ..., "errors":
{parameter: message}}``.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext as _
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.rich_text import expand_db_html

from .. import headless_preview
from ..models import DefenderIndexPage, DefenderPage, Output
from . import serializers
from .timestamps import TimestampJSONRenderer
from .v2_base import RequestedLanguageMixin

#: The page types this endpoint previews, by the name a preview URL gives them.
PREVIEWED_MODELS: dict[str, type] = headless_preview.previewed_models()

ACCEPTED_PARAMETERS = frozenset(["content_type", "token", "format", "_"])

#: Profile fields the detail keeps in ``meta`` (as ``defenders/<id>/``).
META_FIELDS = ["slug", "locale", "html_url", "first_published_at"]


class _NoModel:
    """No model: Wagtail's router finds no object's endpoint here."""


class PagePreviewAPIViewSet(RequestedLanguageMixin, BaseAPIViewSet):
    """``page_preview/``: one draft, by its token (module docstring)."""

    model = _NoModel
    renderer_classes = [TimestampJSONRenderer]

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    def listing_view(self, request) -> Response:
        return self.preview(None)

    def detail_view(self, request, pk) -> Response:
        return self.preview(int(pk))

    def preview(self, pk: int | None) -> Response:
        try:
            page = self.previewed_page(pk)
        except headless_preview.PreviewRefused as refused:
            return self.no_store(
                Response(
                    {
                        "message": str(refused),
                        "errors": {refused.parameter: str(refused)},
                    },
                    status=refused.status,
                )
            )
        return self.no_store(Response(self.present(page)))

    def previewed_page(self, pk: int | None):
        """The page the request's token holds (``PreviewRefused`` otherwise):
        :func:`~wagtail_defenders.headless_preview.previewed_page`'s checks,
        after the ones of this endpoint's query string."""
        if not headless_preview.enabled():
            raise headless_preview.preview_off()
        unknown = sorted(set(self.request.GET) - ACCEPTED_PARAMETERS)
        if unknown:
            raise headless_preview.PreviewRefused(
                _(
                    "query parameter is not an operation or a recognised field: %(names)s"
                )
                % {"names": ", ".join(unknown)},
                status=400,
                parameter=unknown[0],
            )
        return headless_preview.previewed_page(
            headless_preview.PreviewRequest(
                content_type=self.request.GET.get("content_type", ""),
                token=self.request.GET.get("token", ""),
                page_id=pk,
            ),
            PREVIEWED_MODELS,
        )

    def present(self, page) -> dict[str, Any]:
        """The draft as the package's detail presents it, in Wagtail's v2 shape."""
        if isinstance(page, DefenderPage):
            entry: dict[str, Any] = dict(serializers.profile_data(page, self.request))
        else:
            entry = index_page_data(page, self.request)
        meta = {
            "type": page._meta.label,
            **{name: entry.pop(name) for name in META_FIELDS},
        }
        return {"id": entry.pop("id"), "meta": meta, **entry}

    @staticmethod
    def no_store(response: Response) -> Response:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


def index_page_data(index: DefenderIndexPage, request) -> dict[str, Any]:
    """An index page's draft: its title and introduction (links expanded for
    the API: a link to a page the API may not show is plain text)."""
    from django.utils import translation

    from ..links import links_for

    with (
        translation.override(index.locale.language_code),
        links_for(Output.API, rich_text=[index.introduction]),
    ):
        introduction = expand_db_html(index.introduction or "")
    return {
        "id": index.pk,
        "title": index.title,
        "slug": index.slug,
        "locale": index.locale.language_code,
        "html_url": index.get_full_url(request),
        "first_published_at": index.first_published_at,
        "introduction": introduction,
    }
