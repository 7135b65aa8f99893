"""Headless preview: the admin's preview of a draft, shown by a separate front end.

An optional integration (the ``headless-preview`` extra) with
wagtail-headless-preview, switched on by ``WAGTAIL_DEFENDERS["HEADLESS_PREVIEW"]``.
The library asks a site to put its ``HeadlessPreviewMixin`` on each page model;
``DefenderPage`` and ``DefenderIndexPage`` are the package's, so they carry
:class:`HeadlessPreviewSupport` instead, which does what the mixin does when
the setting is on and nothing at all when it is off:

- the preview stores the draft in the library's ``PagePreview`` table under a
  token signed as the library signs it (Django's ``TimestampSigner``, the
  library's salt), sends the library's ``preview_update`` signal and sends the
  editor to the front end of ``WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]`` with
  ``?content_type=...&token=...`` (a redirect with ``REDIRECT_ON_PREVIEW``,
  else the library's page with the front end in a frame);
- the front end fetches the draft from the API's ``page_preview`` endpoint
  (:mod:`wagtail_defenders.api.v2_preview`), which presents it as the
  profile's detail is presented (:mod:`wagtail_defenders.api.serializers`),
  never the stored JSON.

A token is taken only when its signature holds, its preview row exists for the
page type asked for and is no older than the library keeps rows (created
yesterday or today: what ``PagePreview.garbage_collect`` deletes is refused
whether or not it has run yet), and the page it holds is the page the token
was signed for. The setting is explicit rather than read from
``INSTALLED_APPS``: wagtail-grapple installs the library, and a site may use it
for page types of its own without wanting the profiles previewed elsewhere.

Nothing here imports the library at import time: without it installed, the
package imports and previews as before.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse

from .conf import defenders_settings

if TYPE_CHECKING:
    from wagtail.models import Page

#: The library's salt: its tokens and ours are the same kind, and grapple reads
#: the page's identity from either.
SIGNER_SALT = "headlesspreview.token"

#: The distribution and the Django app the setting needs.
LIBRARY = "wagtail_headless_preview"


def enabled() -> bool:
    """Whether previews go to the headless front end."""
    return bool(defenders_settings.HEADLESS_PREVIEW)


def library_available() -> bool:
    """Whether wagtail-headless-preview can be imported."""
    try:
        import wagtail_headless_preview  # noqa: F401
    except ImportError:
        return False
    return True


def signer():
    """The signer of preview tokens (the library's)."""
    from django.core.signing import TimestampSigner

    return TimestampSigner(salt=SIGNER_SALT)


def content_type_name(model: Any) -> str:
    """``app_label.modelname``, as the library names a page type in a preview URL."""
    return f"{model._meta.app_label}.{model.__name__.lower()}"


def identifier(page: Page) -> str:
    """What a token signs: the page's id, or, for a page not saved yet, its
    parent and type (the library's two forms, which grapple parses too)."""
    if page.pk is None:
        return f"parent_id={page.get_parent().pk};page_type={page._meta.label}"
    return f"id={page.pk}"


def oldest_kept_day() -> datetime.date:
    """The oldest ``created_at`` of a preview the library has not collected:
    ``PagePreview.garbage_collect`` deletes the rows created before yesterday."""
    return datetime.date.today() - datetime.timedelta(days=1)


class PreviewRefused(Exception):
    """A preview request the endpoint answers with an error: ``status`` and a
    message for the front end, ``parameter`` the query parameter at fault."""

    def __init__(self, message: str, *, status: int, parameter: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.parameter = parameter


@dataclass(frozen=True)
class PreviewRequest:
    """What a front end asks for: a page type and a token."""

    content_type: str
    token: str


def page_from_token(asked: PreviewRequest, models: dict[str, type]) -> Page:
    """The draft a token was made for, if it is one of ``models`` (by
    :func:`content_type_name`); raises :class:`PreviewRefused` otherwise.

    The page is built in memory from the stored draft (the library's
    ``PagePreview.as_page``); nothing is saved.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.signing import BadSignature
    from django.utils.translation import gettext as _
    from wagtail_headless_preview.models import PagePreview

    model = models.get(asked.content_type)
    if model is None:
        raise PreviewRefused(
            _("content_type: use one of: %(names)s.") % {"names": ", ".join(models)},
            status=400,
            parameter="content_type",
        )
    refused = PreviewRefused(
        _(
            "This preview token is not valid or has expired. Preview the page "
            "again in the admin."
        ),
        status=403,
        parameter="token",
    )
    try:
        signed = signer().unsign(asked.token)
    except BadSignature:
        raise refused from None
    preview = PagePreview.objects.filter(
        token=asked.token,
        content_type=ContentType.objects.get_for_model(model),
        created_at__gte=oldest_kept_day(),
    ).first()
    if preview is None:
        raise refused
    page = preview.as_page()
    # Signed for this page: its id, or (not saved yet) its parent and type.
    if type(page) is not model or identifier(page) != signed:
        raise refused
    return page


def serve_headless_preview(page: Page, request: HttpRequest) -> HttpResponse:
    """Store ``page`` (the editor's draft) for the front end and send the
    editor there, as the library's ``HeadlessPreviewMixin.serve_preview`` does."""
    from django.shortcuts import redirect, render
    from django.utils.http import urlencode
    from wagtail.models import Site
    from wagtail_headless_preview.models import (
        HeadlessPreviewMixin,
        PagePreview,
        get_client_root_url_from_site,
    )
    from wagtail_headless_preview.settings import headless_preview_settings
    from wagtail_headless_preview.signals import preview_update

    PagePreview.garbage_collect()
    token = signer().sign(identifier(page))
    PagePreview.objects.update_or_create(
        token=token,
        defaults={"content_type": page.content_type, "content_json": page.to_json()},
    )
    # The library's sender, so a site's receivers for its own pages hear ours.
    preview_update.send(sender=HeadlessPreviewMixin, token=token)
    preview_url = (
        get_client_root_url_from_site(Site.find_for_request(request))
        + "?"
        + urlencode({"content_type": content_type_name(type(page)), "token": token})
    )
    if headless_preview_settings.REDIRECT_ON_PREVIEW:
        return redirect(preview_url)
    return render(
        request,
        "wagtail_headless_preview/preview.html",
        {"preview_url": preview_url},
    )


class HeadlessPreviewSupport:
    """What the library's ``HeadlessPreviewMixin`` gives a page model, behind
    ``WAGTAIL_DEFENDERS["HEADLESS_PREVIEW"]``; with it off, Wagtail's preview.

    Deliberately no ``get_page_from_preview_token``: grapple's ``page(token:)``
    would hand the stored page to grapple's generic page type, outside the
    package's presenters, so it keeps answering ``null`` for the profiles.
    """

    def serve_preview(self, request: HttpRequest, mode_name: str) -> Any:
        if enabled():
            return serve_headless_preview(self, request)
        return super().serve_preview(request, mode_name)  # type: ignore[misc]
