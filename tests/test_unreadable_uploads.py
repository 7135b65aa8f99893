"""An upload that is not a readable image is a form error, never a server error.

Through the admin's views, as an editor uploads: the add view, the multiple
uploader and the edit form's "change image file". Wagtail's own field lets
Pillow's errors through (a 500); the package's ``ImageForm``
(``WAGTAILIMAGES_IMAGE_FORM_BASE``, set in the test settings as the README says)
decodes the upload and says the file is not a readable image.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from wagtail.images import get_image_model

from wagtail_defenders.images.forms import check_readable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

ENGLISH = "The file is not a readable image."
# The test site's admin speaks its default language, Dutch: the error is translated.
MESSAGE = "Het bestand is geen leesbare afbeelding."


def _jpeg(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


JPEG = _jpeg()
UNREADABLE = {
    "truncated": JPEG[:400],
    "header then garbage": JPEG[:160] + b"\x13\x37garbage" * 40,
    "no pixels": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01"
    b"\x00\x00\xff\xd9",
}


def _add(client, content: bytes, name: str = "portrait.jpg"):
    return client.post(
        "/admin/images/add/",
        {"title": "Portrait", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize("kind", UNREADABLE)
def test_add_view_says_the_file_is_not_readable(admin_client, kind):
    response = _add(admin_client, UNREADABLE[kind])
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [MESSAGE]
    assert not get_image_model().objects.exists()


def test_a_readable_jpeg_is_still_added(admin_client):
    assert _add(admin_client, JPEG).status_code == 302
    assert get_image_model().objects.get().title == "Portrait"


def test_garbage_is_wagtails_invalid_image_error(admin_client):
    response = _add(admin_client, b"not an image at all " * 20)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("kind", UNREADABLE)
def test_multiple_uploader_says_the_file_is_not_readable(admin_client, kind):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile("portrait.jpg", UNREADABLE[kind])},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["success"] is False
    assert MESSAGE in data["error_message"]
    assert not get_image_model().objects.exists()


def test_replacing_the_file_with_an_unreadable_one(admin_client):
    assert _add(admin_client, JPEG).status_code == 302
    image = get_image_model().objects.get()
    # Its stored name: on a storage that other tests wrote to too (S3, one bucket
    # a process), a second "portrait.jpg" gets a suffix.
    stored_name = image.file.name
    response = admin_client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": "Portrait",
            "file": SimpleUploadedFile("other.jpg", UNREADABLE["truncated"]),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [MESSAGE]
    image.refresh_from_db()
    assert image.file.name == stored_name


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(cut=st.integers(min_value=2, max_value=len(JPEG) - 3))
def test_any_truncation_is_rejected_or_readable(cut):
    """Cut anywhere, a JPEG is either refused as unreadable or decodes whole."""
    from django.core.exceptions import ValidationError

    content = JPEG[:cut]
    try:
        with translation.override("en"):
            check_readable(content)
    except ValidationError as error:
        with translation.override("en"):
            assert error.messages == [ENGLISH]
        return
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
    except Image.UnidentifiedImageError:
        return  # not an image at all: Wagtail's own check refuses it


def test_system_check_warns_without_the_form(settings):
    del settings.WAGTAILIMAGES_IMAGE_FORM_BASE
    with pytest.raises(SystemCheckError, match="wagtail_defenders.W010"):
        call_command("check", fail_level="WARNING")
    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = "wagtail_defenders.images.forms.ImageForm"
    call_command("check", fail_level="WARNING")
