"""The image form: a file that is not a readable image is a form error, not a 500.

Wagtail's ``WagtailImageField`` asks Willow for an upload's size, which lets
Pillow's errors through (a truncated JPEG, a JPEG header followed by garbage): the
admin's add view, the multiple uploader and the edit form's "change image file"
answer 500. Every original is also decoded whole when it is cleaned
(:mod:`~wagtail_defenders.images.cleaning`), which a file whose pixels cannot be
read would fail later, at save.

:class:`ImageForm` is Wagtail's ``BaseImageForm`` whose file field decodes every
frame of an upload and turns any failure into the form error "The file is not a
readable image.". A site makes it the base of every image form with::

    WAGTAILIMAGES_IMAGE_FORM_BASE = "wagtail_defenders.images.forms.ImageForm"

(or a subclass of it); the system check ``wagtail_defenders.W010`` says when the
setting names another form.
"""

from __future__ import annotations

import io
import struct
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageSequence
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

#: What Pillow and Willow raise on a file they cannot read (Willow's own errors
#: derive from these, or from ``Exception`` for an unknown format).
READ_ERRORS = (OSError, SyntaxError, ValueError, struct.error, IndexError, TypeError)

UNREADABLE_MESSAGE = _("The file is not a readable image.")


def check_readable(content: bytes) -> None:
    """Raise ``ValidationError`` unless Pillow can decode every frame of ``content``.

    A file Pillow does not know at all (such as an SVG) passes: Wagtail's own
    checks decide whether its format is allowed.
    """
    try:
        image = Image.open(io.BytesIO(content))
    except Image.UnidentifiedImageError:
        return
    except READ_ERRORS as error:
        raise _unreadable() from error
    try:
        with image:
            for frame in ImageSequence.Iterator(image):
                frame.load()
    except READ_ERRORS as error:
        raise _unreadable() from error


def _unreadable() -> ValidationError:
    return ValidationError(UNREADABLE_MESSAGE, code="unreadable_image")


class ReadableImageField(WagtailImageField):
    """Wagtail's image field, which also decodes the upload and reports failure."""

    def to_python(self, data: Any) -> Any:
        try:
            upload = super().to_python(data)
        except ValidationError:
            raise
        except READ_ERRORS as error:
            raise _unreadable() from error
        if upload is None:
            return None
        content = _read(upload)
        check_readable(content)
        return upload


def _read(upload: Any) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else None
    upload.seek(0)
    content = upload.read()
    upload.seek(position or 0)
    return content


class ImageForm(BaseImageForm):
    """Wagtail's image form, where an unreadable file is a form error, and whose
    file field links an existing image to the faceless tool
    (:mod:`wagtail_defenders.faceless`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            # Wagtail builds this field itself (``formfield_for_dbfield``), with
            # its label, widget and limits: keep all of it, and only add the check.
            field.__class__ = ReadableImageField
        if field is not None and self.instance.pk and not self.instance.is_svg():
            # The way to the faceless tool from the image (Wagtail's image edit
            # view has no hook for a button of its own).
            url = reverse("wagtail_defenders_faceless", args=[self.instance.pk])
            field.help_text = format_html(
                '{} <a href="{}">{}</a>',
                field.help_text or "",
                url,
                _("Make this image faceless"),
            )
