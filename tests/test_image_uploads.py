"""Every way an image gets in is stored clean: the admin's single and multiple upload,
replacing the file, renditions, and code that saves an image (``wagtail_defenders.images``)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import ExifTags, Image
from wagtail.images import get_image_model

from tests.image_samples import (
    HEIGHT,
    RENDITION_FORMATS,
    WIDTH,
    assert_consistent,
    assert_no_metadata,
    jpeg_with_metadata,
    orientation_marker_corner,
    picture,
    png_with_metadata,
    saved,
    stored_bytes,
    upload,
)
from wagtail_defenders.images.metadata import (
    find_image_metadata,
)

pytestmark = pytest.mark.usefixtures("media_root")


# --- uploads through the admin ---------------------------------------------------


@pytest.mark.django_db
def test_jpeg_uploaded_in_the_admin_is_stored_clean_and_upright(admin_client):
    image = upload(admin_client, "Portrait", "portrait.jpg", jpeg_with_metadata(6))

    content = assert_consistent(image)
    assert (image.width, image.height) == (HEIGHT, WIDTH)
    assert orientation_marker_corner(content) == "top-right"
    assert image.file.name.endswith(".jpg")


@pytest.mark.django_db
def test_png_uploaded_in_the_admin_is_stored_clean(admin_client):
    image = upload(admin_client, "Banner", "banner.png", png_with_metadata())
    assert_consistent(image)
    assert (image.width, image.height) == (WIDTH, HEIGHT)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [("portrait.jpg", jpeg_with_metadata(6)), ("banner.png", png_with_metadata(6))],
)
def test_multiple_upload_stores_clean_files(admin_client, name, content):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, content)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["success"], data
    image = get_image_model().objects.get(pk=data["image_id"])
    stored = assert_consistent(image)
    assert (image.width, image.height) == (HEIGHT, WIDTH)
    assert orientation_marker_corner(stored) == "top-right"


@pytest.mark.django_db
def test_replacing_the_file_in_the_edit_form_stores_it_clean(admin_client):
    image = upload(admin_client, "Portrait", "portrait.png", saved(picture(), "PNG"))
    response = admin_client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": "Portrait",
            "file": SimpleUploadedFile("new.jpg", jpeg_with_metadata(6)),
            "collection": image.collection_id,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    image.refresh_from_db()
    assert image.file.name.endswith(".jpg")
    assert_consistent(image)


@pytest.mark.django_db
@pytest.mark.parametrize("output_format", RENDITION_FORMATS)
@pytest.mark.parametrize(
    ("name", "original"),
    [("portrait.jpg", jpeg_with_metadata(6)), ("portrait.png", png_with_metadata())],
    ids=["jpeg", "png"],
)
def test_every_rendition_format_is_clean(admin_client, output_format, name, original):
    image = upload(admin_client, "Portrait", name, original)
    spec = f"fill-20x20|format-{output_format}"

    rendition = image.get_rendition(spec)

    assert_no_metadata(stored_bytes(rendition.file.name))


@pytest.mark.django_db
def test_renditions_made_together_are_clean(admin_client):
    """``get_renditions`` with several filters uses ``bulk_create`` (no signals)."""
    image = upload(admin_client, "Portrait", "portrait.jpg", jpeg_with_metadata(6))
    specs = [f"width-30|format-{output_format}" for output_format in RENDITION_FORMATS]

    renditions = image.get_renditions(*specs)

    assert len(renditions) == len(specs)
    for rendition in renditions.values():
        assert_no_metadata(stored_bytes(rendition.file.name))


@pytest.mark.django_db
def test_without_the_package_the_location_leaks(admin_client):
    """The control: stock Wagtail stores GPS and passes it to JPEG renditions."""
    with override_settings(WAGTAIL_DEFENDERS={"STRIP_IMAGE_METADATA": False}):
        image = upload(admin_client, "Portrait", "portrait.jpg", jpeg_with_metadata())
        rendition = image.get_rendition("width-30|format-jpeg")
    for content in (stored_bytes(image.file.name), stored_bytes(rendition.file.name)):
        with Image.open(io.BytesIO(content)) as leaked:
            assert leaked.getexif().get_ifd(ExifTags.IFD.GPSInfo)


# --- code that saves images ------------------------------------------------------


@pytest.mark.django_db
def test_image_created_in_code_is_stored_clean():
    image = get_image_model().objects.create(
        title="Imported", file=ContentFile(png_with_metadata(6), name="imported.png")
    )
    image.refresh_from_db()
    assert_consistent(image)
    assert (image.width, image.height) == (HEIGHT, WIDTH)


@pytest.mark.django_db
def test_file_written_to_the_storage_before_saving_is_cleaned_there():
    image = get_image_model()(title="Written first")
    image.file.save("first.jpg", ContentFile(jpeg_with_metadata(6)), save=False)
    dirty_name = image.file.name
    assert find_image_metadata(io.BytesIO(stored_bytes(dirty_name)))

    image.save()

    image.refresh_from_db()
    assert_consistent(image)
    assert image.file.name != dirty_name
    assert not default_storage.exists(dirty_name)


@pytest.mark.django_db
def test_saving_an_image_again_reads_no_file():
    image = get_image_model().objects.create(
        title="Saved", file=ContentFile(jpeg_with_metadata(), name="saved.jpg")
    )
    name = image.file.name
    default_storage.delete(name)  # a read would now fail
    image.title = "Renamed"
    image.save()
    image.focal_point_x = 3
    image.save(update_fields=["focal_point_x"])
    assert image.file.name == name


@pytest.mark.django_db
def test_parked_multiple_upload_is_stored_clean():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import UploadedFile

    upload_record = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        file=SimpleUploadedFile("parked.jpg", jpeg_with_metadata()),
    )
    assert_no_metadata(stored_bytes(upload_record.file.name))
