"""GraphQL ``defenderPreview``: the draft profile a headless front end previews.

The GraphQL side of :mod:`wagtail_defenders.headless_preview` (the API v2 side
is :mod:`.v2_preview`). The admin sends the editor to the front end with
``?content_type=wagtail_defenders.defenderpage&token=...``; a front end that
reads GraphQL passes both on::

    defenderPreview(contentType: String!, token: String!) -> Defender

A field of its own, rather than a ``token`` argument on ``defender(id:)``,
because wagtail-headless-preview's contract is those two values and nothing
else: a profile not saved yet has no id to ask ``defender`` for, and
``defender`` keeps answering published profiles only, with no token in the
queries a front end sends for them.

The token is checked by the same code as API v2's
(:func:`~wagtail_defenders.headless_preview.previewed_page`), and the draft is
presented by the same ``Defender`` type as a published profile (the presenters
of :mod:`.serializers`): no editors' note, consent field or withheld portrait
(the consent records applied as publishing would), images as renditions only,
links to pages a visitor may not see as plain text. A profile not saved yet
has ``id`` 0 (``Defender.id`` is non-null; API v2 gives ``null``, and its
``page_preview/0/`` names such a page), and so has an update added in the
draft. Only profiles are previewed here (an index page's preview is API v2's
``page_preview/``).

A refusal is a GraphQL error with API v2's message, in the requested language,
and ``extensions.errors`` naming the argument (``contentType`` or ``token``):
a missing argument, an unknown page type, a token that is not valid, has
expired or was made for another page, a profile kept out of the API, and
every token while ``WAGTAIL_DEFENDERS["HEADLESS_PREVIEW"]`` is off. A response
that resolved the field is sent with ``Cache-Control: private, no-store``
(:func:`keep_previews_out_of_caches`), as API v2's is.
"""

from __future__ import annotations

import functools

from graphql import GraphQLError

from .. import headless_preview
from . import serializers
from .graphql_types import ProfileNode
from .language import speaking_requested_language

__all__ = ["keep_previews_out_of_caches", "resolve_defender_preview"]

#: The attribute of the request that marks it as having served a preview.
SERVED_PREVIEW = "_defenders_served_preview"

#: The GraphQL argument of each parameter of the preview URL.
ARGUMENTS = {"content_type": "contentType", "token": "token"}


def resolve_defender_preview(root, info, content_type: str, token: str) -> ProfileNode:
    """The draft profile the token holds, or a GraphQL error (module docstring)."""
    from ..models import DefenderPage

    request = info.context
    setattr(request, SERVED_PREVIEW, True)
    with speaking_requested_language(request):
        try:
            page = headless_preview.previewed_page(
                headless_preview.PreviewRequest(content_type=content_type, token=token),
                {headless_preview.content_type_name(DefenderPage): DefenderPage},
            )
        except headless_preview.PreviewRefused as refused:
            argument = ARGUMENTS.get(refused.parameter, refused.parameter)
            raise GraphQLError(
                str(refused), extensions={"errors": {argument: str(refused)}}
            ) from None
        node = PreviewNode(page, request)
        if page.pk is None:
            # Not saved yet: 0 for ``Defender.id`` (non-null), as the
            # library's preview URLs name such a page.
            node.card = {**node.card, "id": 0}
        return node


class PreviewNode(ProfileNode):
    """A draft's node: an update added in the draft has ``id`` 0, as
    ``DefenderUpdate.id`` is non-null (``null`` would fail the whole field)."""

    def updates(self) -> list[serializers.UpdateData]:
        return serializers.unsaved_as_zero(super().updates())


def keep_previews_out_of_caches() -> None:
    """Wrap graphene-django's ``GraphQLView.dispatch`` (once) so a response
    that resolved ``defenderPreview`` is marked ``private, no-store``: a token
    expires, and the draft is for the editor's front end only (a ``GET``
    request to ``/graphql/`` is otherwise as cacheable as any other)."""
    from graphene_django.views import GraphQLView

    if getattr(GraphQLView.dispatch, "_defenders_no_store", False):
        return
    dispatch = GraphQLView.dispatch

    @functools.wraps(dispatch)
    def dispatch_keeping_previews_private(self, request, *args, **kwargs):
        response = dispatch(self, request, *args, **kwargs)
        if getattr(request, SERVED_PREVIEW, False):
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    dispatch_keeping_previews_private._defenders_no_store = True  # type: ignore[attr-defined]
    GraphQLView.dispatch = dispatch_keeping_previews_private
