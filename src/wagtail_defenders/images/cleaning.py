"""Clean image files on their way into the storage, and in it.

:func:`clean_before_save` is what the ``pre_save`` receiver on every image model
(:mod:`wagtail_defenders.signal_handlers`) calls: it strips the file with
:func:`~wagtail_defenders.images.metadata.strip_image_metadata` and keeps
``width``, ``height``, ``file_size`` and ``file_hash`` true to the cleaned file.
It covers the admin's single and multiple upload, the edit form's "change image
file", the images API and code that saves an image. A new upload is cleaned
before it reaches the storage; a file that code wrote to the storage first is
rewritten there through the storage API, so the same holds on S3 as on disk.
Renditions are made from the cleaned original and so carry nothing either.

The multiple uploader parks a file in ``wagtail.models.UploadedFile`` when a custom
image model needs more fields; that file is cleaned too, before it is stored.

Writes that send no signal (``QuerySet.update``, ``bulk_create``, fixtures loaded as
raw) are not covered: run ``manage.py strip_image_metadata`` (which uses
:func:`clean_stored_file`) after them.
Set ``WAGTAIL_DEFENDERS["STRIP_IMAGE_METADATA"] = False`` to turn this off.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from wagtail.images.models import AbstractImage
from wagtail.models import UploadedFile
from wagtail.utils.file import hash_filelike

from ..private_api import is_new_upload
from .metadata import StrippedImage, strip_image_metadata


def clean_before_save(sender: type, instance: Any) -> None:
    """Clean the file of an image (or a parked image upload) that is about to be saved."""
    if issubclass(sender, AbstractImage):
        _clean_image(sender, instance)
    elif issubclass(sender, UploadedFile) and _is_image_upload(instance):
        _clean_new_upload(instance.file)


def clean_stored_file(storage: Storage, name: str) -> tuple[str, StrippedImage]:
    """Write a clean copy of the file ``name`` in ``storage``; return its name and the result.

    On a storage that overwrites (S3 by default) the name stays the same; on one that
    does not (the file system) the storage picks a new name, and the caller deletes
    ``name`` once nothing points to it any more. The original is never deleted first,
    so a failure never loses the image.
    """
    with storage.open(name, "rb") as stored:
        result = strip_image_metadata(stored)
    if not result.changed:
        return name, result
    return storage.save(name, ContentFile(result.content)), result


def apply_result(image: AbstractImage, result: StrippedImage) -> None:
    """Make the image's dimensions, size and hash describe the cleaned file."""
    if result.width is not None:
        image.width, image.height = result.width, result.height
    image.file_size = len(result.content)
    image.file_hash = hash_filelike(io.BytesIO(result.content))


def _clean_image(sender: type, image: AbstractImage) -> None:
    field_file = image.file
    if not field_file:
        return
    if is_new_upload(field_file):
        result = _clean_new_upload(field_file)
        if result is not None:
            apply_result(image, result)
        return
    if not _stored_file_is_new(sender, image):
        return
    dirty_name = field_file.name
    new_name, result = clean_stored_file(field_file.storage, dirty_name)
    if result.changed:
        field_file.name = new_name
        apply_result(image, result)
    if new_name != dirty_name:
        # No saved row points to this new file yet: the row keeps its old file until
        # this save completes.
        field_file.storage.delete(dirty_name)


def _clean_new_upload(field_file: Any) -> StrippedImage | None:
    if not is_new_upload(field_file):
        return None
    result = strip_image_metadata(field_file.file)
    if not result.changed:
        field_file.file.seek(0)
        return None
    field_file.file = ContentFile(result.content, name=field_file.name)
    return result


def _stored_file_is_new(sender: Any, image: AbstractImage) -> bool:
    # A file written to the storage before the image was saved (as the multiple
    # uploader does with a parked upload). A plain re-save of an image is not read.
    if image._state.adding or image.pk is None:
        return True
    stored_name = (
        sender._default_manager.filter(pk=image.pk)
        .values_list("file", flat=True)
        .first()
    )
    return stored_name != image.file.name


def _is_image_upload(upload: UploadedFile) -> bool:
    content_type = upload.for_content_type
    model = content_type.model_class() if content_type is not None else None
    return model is not None and issubclass(model, AbstractImage)
