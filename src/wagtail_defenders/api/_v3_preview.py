"""API v3 ``defenders/preview/``: the draft profile a headless front end previews.

The v3 side of :mod:`wagtail_defenders.headless_preview` (API v2's is
:mod:`.v2_preview`, GraphQL's :mod:`.graphql_preview`), Wagtail 8 only: imported
by :mod:`._v3_routes`, which Wagtail 7 never loads. The admin sends the editor to
the front end with ``?content_type=wagtail_defenders.defenderpage&token=...``; a
front end that reads API v3 passes both on::

    GET /api/v3/defenders/preview/?content_type=wagtail_defenders.defenderpage&token=...

and gets the draft in the shape of ``defenders/{profile_id}/`` (``ProfileData``,
the same presenter, :func:`~.serializers.profile_data`): no editors' note,
consent field or withheld portrait (the consent records applied as publishing
would), images as renditions only. A profile not saved yet has ``id`` 0, as
GraphQL's ``defenderPreview`` gives it, and so has an update added in the draft
(API v2 gives ``null``; v3's schema types each id as an integer). Only
profiles are previewed here (an index page's preview is API v2's).

The checks are :func:`~wagtail_defenders.headless_preview.previewed_page`'s,
with API v2's statuses and messages, as a v3 problem (``application/problem+json``,
one ``errors`` entry whose ``loc`` is ``["query", parameter]``): 400 for a missing
parameter or an unknown page type, 403 for a token that is not valid, has
expired or was made for another page, and for a profile kept out of the API,
404 while ``WAGTAIL_DEFENDERS["HEADLESS_PREVIEW"]`` is off. The route is always
mounted, so turning the setting on or off needs no change to the URLs (v2's
``page_preview/`` is registered only when the URLs are loaded with it on); the
schema lists it only while the setting is on (:mod:`._v3_openapi`). Unknown
query parameters are ignored, as on the other v3 routes. Every answer, a
refusal included, is ``Cache-Control: private, no-store``: a token expires, and
the draft is for the editor's front end only.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from wagtail.api.v3.errors import problem_response

from .. import headless_preview
from ..models import DefenderPage
from . import serializers
from .language import speaking_requested_language
from .serializers import ProfileData

#: The route's ``operationId`` and URL name.
OPERATION_ID = "defenders_preview"

#: The page types this route previews, by the name a preview URL gives them.
PREVIEWED_MODELS: dict[str, type] = {
    headless_preview.content_type_name(DefenderPage): DefenderPage
}

#: What every answer of the route carries, as API v2's ``page_preview/``.
PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex, nofollow",
}


def build_router() -> Router:
    """The router of ``preview/``, mounted under ``defenders/`` before the
    profiles' router, whose ``{profile_id}/`` would otherwise take the path."""
    router = Router(tags=["defenders"])

    @router.get(
        "/",
        response=ProfileData,
        url_name=OPERATION_ID,
        operation_id=OPERATION_ID,
        summary="A draft profile an editor previews in a headless front end",
    )
    def defender_preview(
        request: HttpRequest,
        response: HttpResponse,
        content_type: str | None = Query(
            None,
            description="The page type of the preview URL the admin sent the "
            "editor to: wagtail_defenders.defenderpage.",
        ),
        token: str | None = Query(
            None, description="The token of the preview URL the admin sent."
        ),
    ):
        for name, value in PRIVATE_HEADERS.items():
            response[name] = value
        with speaking_requested_language(request):
            return _preview(request, content_type or "", token or "")

    return router


def _preview(request: HttpRequest, content_type: str, token: str):
    try:
        profile = headless_preview.previewed_page(
            headless_preview.PreviewRequest(content_type=content_type, token=token),
            PREVIEWED_MODELS,
        )
    except headless_preview.PreviewRefused as refused:
        return _refusal(refused)
    data = serializers.profile_data(profile, request)
    # Not saved yet (the profile, an update added in the draft): 0, as the
    # library's preview URLs name such a page; the schema's ids are integers.
    data["id"] = data["id"] or 0
    data["updates"] = serializers.unsaved_as_zero(data["updates"])
    return data


def _refusal(refused: headless_preview.PreviewRefused) -> HttpResponse:
    """``refused`` as v3's other errors are: a problem naming the parameter."""
    message = str(refused)
    answer = problem_response(
        status=refused.status,
        detail=message,
        errors=[
            {
                "type": "invalid_parameter",
                "loc": ["query", refused.parameter],
                "msg": message,
            }
        ],
    )
    for name, value in PRIVATE_HEADERS.items():
        answer[name] = value
    return answer
