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
  (:mod:`wagtail_defenders.api.v2_preview`), API v3's ``defenders/preview/``
  (:mod:`wagtail_defenders.api._v3_preview`) or GraphQL's ``defenderPreview``
  (:mod:`wagtail_defenders.api.graphql_preview`), which present it as the
  profile's detail is presented (:mod:`wagtail_defenders.api.serializers`),
  never the stored JSON.

:func:`previewed_page` is the one check every surface makes: each only reads
its request into a :class:`PreviewRequest`, and turns a :class:`PreviewRefused`
into its own error format (v2's status code, v3's problem, a GraphQL error) with
the same message.

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
    """A preview request an API refuses: the message for the front end,
    ``status`` the HTTP status API v2 answers with, ``parameter`` the preview
    URL's parameter at fault (each surface names it in its own terms)."""

    def __init__(self, message: str, *, status: int, parameter: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.parameter = parameter


@dataclass(frozen=True)
class PreviewRequest:
    """What a front end asks for: a page type and a token (the two parameters
    of the preview URL), and, when it names one, the id of the page it
    expects (``0`` for a page not saved yet)."""

    content_type: str
    token: str
    page_id: int | None = None


def previewed_models() -> dict[str, type]:
    """The page types a front end may preview, by :func:`content_type_name`."""
    from .models import DefenderIndexPage, DefenderPage  # the models import us

    return {
        content_type_name(model): model for model in (DefenderPage, DefenderIndexPage)
    }


def preview_off() -> PreviewRefused:
    """The refusal of every preview while ``HEADLESS_PREVIEW`` is off."""
    from django.utils.translation import gettext as _

    return PreviewRefused(_("Headless preview is off."), status=404, parameter="token")


def token_refused() -> PreviewRefused:
    """The refusal of a token that is not valid, has expired or is another page's."""
    from django.utils.translation import gettext as _

    return PreviewRefused(
        _(
            "This preview token is not valid or has expired. Preview the page "
            "again in the admin."
        ),
        status=403,
        parameter="token",
    )


def previewed_page(
    asked: PreviewRequest, models: dict[str, type] | None = None
) -> Page:
    """The draft an API may show for ``asked``, checked as every API checks it;
    raises :class:`PreviewRefused` otherwise.

    In order: the setting is on (404); ``content_type`` and ``token`` are given
    (400); the token holds for a page of ``models`` (default:
    :func:`previewed_models`) no older than the library keeps
    (:func:`page_from_token`: 400 for an unknown type, 403 otherwise); the page
    is ``asked.page_id`` when one is named (403). A profile's draft then gets
    what publishing would set from its consent records
    (``DefenderPage.apply_consent``: a portrait they do not cover is withheld),
    and one kept out of the API is refused (403): a front end reading the API
    would not show it once published.
    """
    from django.utils.translation import gettext as _

    from .models import DefenderPage  # the models import this module

    if not enabled():
        raise preview_off()
    for name in ("content_type", "token"):
        if not getattr(asked, name):
            raise PreviewRefused(
                _("%(name)s: this parameter is required.") % {"name": name},
                status=400,
                parameter=name,
            )
    page = page_from_token(asked, previewed_models() if models is None else models)
    if asked.page_id is not None and asked.page_id != (page.pk or 0):
        raise token_refused()
    if isinstance(page, DefenderPage):
        # What publishing would set from the consent records (never unsets).
        page.apply_consent()
        if page.hide_from_api:
            raise PreviewRefused(
                _(
                    "This profile is kept out of the API: a front end that "
                    "reads the API does not show it."
                ),
                status=403,
                parameter="token",
            )
    return page


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
    refused = token_refused()
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
    editor there, as the library's ``HeadlessPreviewMixin.serve_preview`` does.

    The front end is ``WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]`` for the
    hostname of the page's site (``"default"`` when it has none), not of the
    site the admin is reached through."""
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
    # The front end of the page's own site: the library asks the admin
    # request's site, which on a site whose admin lives on one domain sends
    # every editor to that domain's front end. A new page has its site from
    # the parent the add form placed it under.
    site = page.get_site() or Site.find_for_request(request)
    preview_url = (
        get_client_root_url_from_site(site)
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
    package's presenters, so it keeps answering ``null`` for the profiles
    (GraphQL's ``defenderPreview`` is the package's way).
    """

    def serve_preview(self, request: HttpRequest, mode_name: str) -> Any:
        if enabled():
            return serve_headless_preview(self, request)
        return super().serve_preview(request, mode_name)  # type: ignore[misc]
