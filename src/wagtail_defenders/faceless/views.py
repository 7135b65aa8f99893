"""The admin's faceless tool: choose regions over a portrait, preview, apply.

Three views, each behind the same permission check (:func:`check_permission`):
the tool itself (:func:`faceless_view`: GET shows the picture with detected
faces proposed, POST applies :func:`~.replacement.make_faceless`), the picture
as the tool shows it (:func:`picture_view`) and a preview of the result
(:func:`preview_view`). The picture and preview are made in memory and sent
with ``Cache-Control: no-store``: no rendition of the original is stored for
the tool, and nothing of a preview is kept.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_POST
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model

from ..images.forms import READ_ERRORS
from ..models import DefenderPage
from . import detection
from .regions import (
    DEFAULT_BLOCK_SIZE,
    MAX_BLOCK_SIZE,
    MAX_REGIONS,
    MIN_BLOCK_SIZE,
    RegionError,
    parse_regions,
)
from .rendering import BLUR, PIXELATE, encode, read_picture, render_faceless, thumbnail
from .replacement import make_faceless, other_uses, profiles_using

#: The longest side of the picture and the preview the tool shows, in pixels.
DISPLAY_SIZE = 1200


class FacelessForm(forms.Form):
    """The editor's choices: the regions (JSON, kept up to date by the tool's
    script), the block size, the style, and whether the original goes."""

    regions = forms.CharField(widget=forms.HiddenInput, required=False)
    block_size = forms.IntegerField(
        label=gettext_lazy("Block size"),
        min_value=MIN_BLOCK_SIZE,
        max_value=MAX_BLOCK_SIZE,
        initial=DEFAULT_BLOCK_SIZE,
        help_text=gettext_lazy(
            "In pixels of the original. Larger regions get larger blocks, so that "
            "none is more than 8 blocks across."
        ),
    )
    style = forms.ChoiceField(
        label=pgettext_lazy("faceless", "Style"),
        choices=[
            (PIXELATE, gettext_lazy("Pixelate")),
            (BLUR, gettext_lazy("Pixelate, then blur")),
        ],
        initial=PIXELATE,
    )
    delete_original = forms.BooleanField(
        label=gettext_lazy("Delete the original image (recommended)"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "The original shows what the faceless image hides. Kept, it stays in "
            "the image library, where anyone with access to the admin can see it."
        ),
    )

    def __init__(self, *args: Any, size: tuple[int, int], can_delete: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.size = size
        if not can_delete:
            field = self.fields["delete_original"]
            field.disabled = True
            field.initial = False
            field.help_text = _("You may not delete images in this collection.")

    def clean_regions(self):
        try:
            return parse_regions(self.cleaned_data["regions"], *self.size)
        except RegionError as error:
            raise forms.ValidationError(str(error)) from None


def image_permission_policy() -> Any:
    """The image model's permission policy: from Wagtail's policy registry where
    it has one (it deprecates ``wagtail.images.permissions.permission_policy``),
    else that module's (Wagtail 7.0)."""
    try:
        from wagtail.permissions import policy_registry
    except ImportError:  # Wagtail 7.0
        from wagtail.images.permissions import permission_policy

        return permission_policy
    return policy_registry.get_by_type(get_image_model())


def check_permission(user: Any, image: Any) -> list[DefenderPage]:
    """The profiles the tool will change; ``PermissionDenied`` unless ``user``
    may change ``image``, add images, and edit every one of those profiles
    (publish, for a live one: the change reaches the live page at once)."""
    permission_policy = image_permission_policy()
    if not permission_policy.user_has_permission_for_instance(user, "change", image):
        raise PermissionDenied
    if not permission_policy.user_has_permission(user, "add"):
        raise PermissionDenied
    pages = profiles_using(image)
    for page in pages:
        permissions = page.permissions_for_user(user)
        allowed = permissions.can_publish() if page.live else permissions.can_edit()
        if not allowed:
            raise PermissionDenied
    return pages


def _load(request, image_id: int):
    image = get_object_or_404(get_image_model(), pk=image_id)
    pages = check_permission(request.user, image)
    try:
        with image.open_file() as stored:
            picture, source_format = read_picture(stored)
    except (FileNotFoundError, UnidentifiedImageError, *READ_ERRORS):
        picture, source_format = None, ""
    return image, pages, picture, source_format


def _image_response(content: bytes, extension: str) -> HttpResponse:
    response = HttpResponse(
        content, content_type="image/jpeg" if extension == "jpg" else "image/png"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _form(request, image, picture, data=None) -> FacelessForm:
    can_delete = image_permission_policy().user_has_permission_for_instance(
        request.user, "delete", image
    )
    return FacelessForm(data, size=picture.size, can_delete=can_delete)


def faceless_view(request, image_id: int):
    """GET: the tool, faces proposed. POST: make the image faceless."""
    image, pages, picture, _format = _load(request, image_id)
    profile_id = request.GET.get("profile", "")
    back_url = _back_url(profile_id, pages, image)
    if picture is None:
        messages.error(
            request, _("This image cannot be made faceless: its file cannot be read.")
        )
        return redirect(back_url)
    if request.method == "POST":
        form = _form(request, image, picture, request.POST)
        if form.is_valid():
            result = make_faceless(
                image,
                form.cleaned_data["regions"],
                block_size=form.cleaned_data["block_size"],
                style=form.cleaned_data["style"],
                delete_original=form.cleaned_data["delete_original"],
                user=request.user,
            )
            _tell_result(request, result)
            if profile_id and any(str(page.pk) == profile_id for page in pages):
                return redirect("wagtailadmin_pages:edit", int(profile_id))
            return redirect("wagtailimages:edit", result.image.pk)
        status = 400
    else:
        proposals = detection.detect_faces(picture)
        form = _form(request, image, picture)
        form.initial["regions"] = json.dumps([region.as_dict() for region in proposals])
        status = 200
    return TemplateResponse(
        request,
        "wagtail_defenders/admin/faceless.html",
        {
            "page_title": _("Make faceless"),
            "image": image,
            "pages": pages,
            "form": form,
            "width": picture.width,
            "height": picture.height,
            "max_regions": MAX_REGIONS,
            "detection_available": detection.available(),
            "other_uses": other_uses(image, pages),
            "back_url": back_url,
        },
        status=status,
    )


def _back_url(profile_id: str, pages: list[DefenderPage], image) -> str:
    for page in pages:
        if str(page.pk) == profile_id:
            return reverse("wagtailadmin_pages:edit", args=[page.pk])
    return reverse("wagtailimages:edit", args=[image.pk])


def _tell_result(request, result) -> None:
    messages.success(
        request,
        ngettext(
            "The faceless image is now the portrait of %(count)s page.",
            "The faceless image is now the portrait of %(count)s pages.",
            len(result.pages),
        )
        % {"count": len(result.pages)},
    )
    if result.original_deleted:
        messages.success(request, _("The original image was deleted."))
    elif result.original_kept_for:
        messages.warning(
            request,
            _("The original image was kept: it is still used by %(uses)s.")
            % {"uses": ", ".join(result.original_kept_for)},
        )
    else:
        messages.warning(
            request,
            _(
                "The original image is still in the image library. Delete it as "
                "soon as nothing needs it."
            ),
        )


@require_GET
def picture_view(request, image_id: int):
    """The original as the tool shows it, at most :data:`DISPLAY_SIZE` pixels."""
    _image, _pages, picture, source_format = _load(request, image_id)
    if picture is None:
        return HttpResponse(status=404)
    return _image_response(*encode(thumbnail(picture, DISPLAY_SIZE), source_format))


@require_POST
def preview_view(request, image_id: int):
    """The faceless result for the posted choices, at the tool's size; a 400
    with ``{"errors": [...]}`` for bad choices. Nothing is stored."""
    image, _pages, picture, source_format = _load(request, image_id)
    if picture is None:
        return JsonResponse({"errors": [_("The file cannot be read.")]}, status=400)
    form = _form(request, image, picture, request.POST)
    if not form.is_valid():
        errors = [str(error) for field in form.errors.values() for error in field]
        return JsonResponse({"errors": errors}, status=400)
    result = render_faceless(
        picture,
        form.cleaned_data["regions"],
        form.cleaned_data["block_size"],
        form.cleaned_data["style"],
    )
    return _image_response(*encode(thumbnail(result, DISPLAY_SIZE), source_format))
