"""``manage.py strip_image_metadata`` cleans the originals stored before the
package was installed, and drops their renditions."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from wagtail.images import get_image_model

from tests.image_samples import (
    FOCAL_POINT,
    assert_consistent,
    jpeg_with_metadata,
    orientation_marker_corner,
    picture,
    saved,
    stored_bytes,
)

pytestmark = pytest.mark.usefixtures("media_root")


# --- the management command ------------------------------------------------------


def image_with_metadata(title: str = "Old portrait", content: bytes | None = None):
    """An image stored before the package was installed: no cleaning on save."""
    with override_settings(WAGTAIL_DEFENDERS={"STRIP_IMAGE_METADATA": False}):
        image = get_image_model().objects.create(
            title=title,
            file=ContentFile(content or jpeg_with_metadata(6), name="old.jpg"),
        )
        image.get_rendition("width-30")
    image._set_image_file_metadata()
    get_image_model().objects.filter(pk=image.pk).update(
        file_size=image.file_size, file_hash=image.file_hash
    )
    return image


def run_command(*args: str) -> str:
    output = io.StringIO()
    call_command("strip_image_metadata", *args, stdout=output)
    return output.getvalue()


@pytest.mark.django_db
def test_command_cleans_stored_originals_and_drops_their_renditions(
    django_capture_on_commit_callbacks,
):
    dirty = image_with_metadata()
    dirty_name = dirty.file.name
    rendition_name = dirty.renditions.get().file.name
    dirty.focal_point_x, dirty.focal_point_y = 10, 5
    dirty.focal_point_width = dirty.focal_point_height = 4
    dirty.save(update_fields=[f"focal_point_{field}" for field in FOCAL_POINT])
    clean = get_image_model().objects.create(
        title="Clean", file=ContentFile(saved(picture(), "PNG"), name="clean.png")
    )
    clean_name = clean.file.name
    assert dirty.renditions.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        output = run_command()

    assert "[1/2]" in output and "EXIF (with GPS), XMP, comment" in output
    assert "focal point" in output
    assert "1 of 2 images cleaned." in output
    dirty.refresh_from_db()
    content = assert_consistent(dirty)
    assert orientation_marker_corner(content) == "top-right"
    assert dirty.renditions.count() == 0
    assert not default_storage.exists(dirty_name)
    assert not default_storage.exists(rendition_name)
    assert not dirty.has_focal_point()
    clean.refresh_from_db()
    assert clean.file.name == clean_name


@pytest.mark.django_db
def test_command_dry_run_changes_nothing():
    dirty = image_with_metadata()
    before = stored_bytes(dirty.file.name)

    output = run_command("--dry-run")

    assert "would remove EXIF (with GPS), XMP, comment" in output
    assert "1 of 1 images would be cleaned." in output
    dirty.refresh_from_db()
    assert stored_bytes(dirty.file.name) == before
    assert dirty.renditions.count() == 1


@pytest.mark.django_db
def test_command_is_idempotent():
    image_with_metadata()
    run_command()
    image = get_image_model().objects.get()
    name, file_hash = image.file.name, image.file_hash

    output = run_command()

    assert "0 of 1 images cleaned." in output
    image.refresh_from_db()
    assert (image.file.name, image.file_hash) == (name, file_hash)
