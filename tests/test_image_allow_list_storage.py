"""Only what an image needs is stored: an original uploaded as an editor uploads
it (Wagtail's admin form) or saved as code saves it (``Image.objects.create``),
read back through the storage, holds none of the payload (``tests/dirty_images.py``);
an SVG's original and every rendition are sanitised; ``strip_image_metadata
--dry-run`` names each hiding place."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from wagtail.images import get_image_model

from tests.dirty_images import (
    DIRTY_FILES,
    DIRTY_SVG,
    ENTITY_SVG,
    SVG_SECRETS,
    assert_none_of,
)
from wagtail_defenders.images import containers
from wagtail_defenders.images.metadata import (
    ImageMetadataError,
)

pytestmark = pytest.mark.usefixtures("media_root")


def stored(image) -> bytes:
    with default_storage.open(image.file.name, "rb") as file:
        return file.read()


UPLOADABLE = [case for case in DIRTY_FILES if case[0] not in ("tiff", "svg")]


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "name", "build", "payloads"), UPLOADABLE)
def test_uploaded_in_the_admin_stores_none_of_the_payload(
    admin_client, kind, name, build, payloads
):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": kind, "file": SimpleUploadedFile(name, build())},
    )
    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get(title=kind)
    assert_none_of(payloads, stored(image))
    assert_none_of(payloads, image.get_rendition("width-20").file.read())


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "name", "build", "payloads"), DIRTY_FILES)
def test_saved_in_code_stores_none_of_the_payload(kind, name, build, payloads):
    image = get_image_model().objects.create(
        title=kind, file=ContentFile(build(), name=name)
    )
    content = stored(image)
    assert_none_of(payloads, content)
    assert image.file_size == len(content)


@pytest.mark.django_db
def test_svg_original_and_every_rendition_are_sanitised():
    image = get_image_model().objects.create(
        title="Logo", file=ContentFile(DIRTY_SVG, name="logo.svg")
    )
    assert_none_of(SVG_SECRETS, stored(image))
    for spec in ("original", "width-60", "fill-40x40", "max-100x100"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as file:
            content = file.read()
        assert b"<svg" in content
        assert_none_of(SVG_SECRETS, content)


@pytest.mark.django_db
def test_dry_run_reports_every_hiding_place():
    with override_settings(WAGTAIL_DEFENDERS={"STRIP_IMAGE_METADATA": False}):
        images = {
            kind: get_image_model().objects.create(
                title=kind, file=ContentFile(build(), name=name)
            )
            for kind, name, build, payloads in DIRTY_FILES
        }
    before = {kind: stored(image) for kind, image in images.items()}
    output = io.StringIO()
    call_command("strip_image_metadata", "--dry-run", stdout=output)
    report = output.getvalue()
    expected = {
        "tiff": "would remove EXIF (with GPS), TIFF tags (Artist, Make, Model)",
        "gif app before loop": "would remove GIF application extension (ZZLOCATE1.0)",
        "gif comment before frame 2": "would remove comment",
        "gif plain text": "would remove GIF plain-text extension",
        "png private chunk": "would remove PNG chunk prVt",
        "webp unknown chunk": "would remove WebP chunk ZZZZ",
        "jpeg trailer": f"would remove {containers.AFTER_END}",
        "jpeg private segment": "would remove APP15 segment",
        "svg": "would remove comments",
    }
    for kind, image in images.items():
        line = next(line for line in report.splitlines() if image.file.name in line)
        assert expected[kind] in line, (kind, line)
    assert f"{len(images)} of {len(images)} images would be cleaned." in report
    assert {kind: stored(image) for kind, image in images.items()} == before


@pytest.mark.django_db
def test_svg_that_cannot_be_parsed_safely_is_not_stored():
    # Wagtail (Willow, with defusedxml) or the package refuses it, whichever reads
    # it first.
    with pytest.raises((ImageMetadataError, ValueError)):
        get_image_model().objects.create(
            title="Entity", file=ContentFile(ENTITY_SVG, name="entity.svg")
        )
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
@override_settings(WAGTAILIMAGES_EXTENSIONS=["jpg", "png", "gif", "webp", "svg"])
def test_svg_uploaded_in_the_admin_is_stored_sanitised(admin_client):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Logo", "file": SimpleUploadedFile("logo.svg", DIRTY_SVG)},
    )
    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get(title="Logo")
    content = stored(image)
    assert_none_of(SVG_SECRETS, content)
    assert b"<rect" in content and b"Shelter" in content
    with image.get_rendition("width-60").file.open("rb") as file:
        assert_none_of(SVG_SECRETS, file.read())
