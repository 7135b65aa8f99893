"""No image that can appear on a profile keeps its location, camera or author metadata.

The checks here read files back with Pillow and as bytes, independently of the
package's own detection, so a leak fails the test even if the detector misses it.
"""

from __future__ import annotations

import io
import json
import struct

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from PIL import ExifTags, Image, ImageSequence, PngImagePlugin
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from wagtail_defenders.images.metadata import (
    find_image_metadata,
    strip_image_metadata,
)

CITY = "Bamako"
CAMERA = "Secret Phone 12"
COMMENT = b"taken at the safe house"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    f'photoshop:City="{CITY}"/></rdf:RDF></x:xmpmeta>'
).encode()
MARKER = (0, 0, 255)  # a blue square in the top-left corner, to follow orientation
BACKGROUND = (200, 80, 40)
WIDTH, HEIGHT = 64, 32

# Every output format Wagtail's ``format-*`` filter accepts.
RENDITION_FORMATS = ["jpeg", "png", "gif", "webp", "avif", "heic", "ico"]
FOCAL_POINT = ("x", "y", "width", "height")


# --- sample files ----------------------------------------------------------------


def gps_exif(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = CAMERA
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (12.0, 38.0, 21.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (8.0, 0.0, 10.0)
    return exif.tobytes()


def picture(mode: str = "RGB", marker=MARKER) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    image.paste(marker, (0, 0, 8, 8))
    return image.convert(mode)


def jpeg_with_metadata(orientation: int | None = 6, **options) -> bytes:
    output = io.BytesIO()
    picture().save(
        output,
        "JPEG",
        exif=gps_exif(orientation),
        xmp=XMP,
        comment=COMMENT,
        quality=90,
        **options,
    )
    return output.getvalue()


def png_with_metadata(orientation: int | None = None) -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Location", f"{CITY} safe house")
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    text.add_text("Comment", COMMENT.decode(), zip=True)
    output = io.BytesIO()
    picture().save(output, "PNG", exif=gps_exif(orientation), pnginfo=text)
    return output.getvalue()


def saved(image: Image.Image, image_format: str, **options) -> bytes:
    output = io.BytesIO()
    image.save(output, image_format, **options)
    return output.getvalue()


def assert_no_metadata(content: bytes) -> None:
    """Independent of the package: what Pillow sees and what the bytes contain."""
    for secret in (CITY.encode(), CAMERA.encode(), COMMENT, b"PhoneMaker"):
        assert secret not in content
    with Image.open(io.BytesIO(content)) as image:
        for frame in ImageSequence.Iterator(image):
            frame.load()
            exif = frame.getexif()
            assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
            assert len(exif) == 0, dict(exif)
            for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop"):
                assert not frame.info.get(key), key
            if image.format == "PNG":
                assert image.text == {}
    for chunk in (b"Exif\x00\x00", b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"XMP "):
        assert chunk not in content


def orientation_marker_corner(content: bytes) -> str:
    with Image.open(io.BytesIO(content)) as image:
        rgb = image.convert("RGB")
        corners = {
            "top-left": (1, 1),
            "top-right": (rgb.width - 2, 1),
            "bottom-left": (1, rgb.height - 2),
            "bottom-right": (rgb.width - 2, rgb.height - 2),
        }
        for name, xy in corners.items():
            if _close(rgb.getpixel(xy), MARKER):
                return name
    return "none"


def _close(pixel, colour, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def stored_bytes(name: str) -> bytes:
    with default_storage.open(name, "rb") as stored:
        return stored.read()


# --- fixtures --------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True)
def empty_caches():
    # Wagtail caches renditions by image id; ids repeat from one test to the next.
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password="password"
    )
    client.force_login(user)
    return client


def upload(admin_client, title: str, name: str, content: bytes):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302, response.content[:2000]
    return get_image_model().objects.get(title=title)


def assert_consistent(image) -> bytes:
    """The stored file is clean and the image's fields describe it."""
    content = stored_bytes(image.file.name)
    assert_no_metadata(content)
    with Image.open(io.BytesIO(content)) as stored:
        assert (image.width, image.height) == stored.size
    assert image.file_size == len(content) == default_storage.size(image.file.name)
    assert image.file_hash == hash_filelike(io.BytesIO(content))
    return content


# --- the pure function -----------------------------------------------------------


def test_jpeg_loses_gps_xmp_comment_and_stays_upright():
    original = jpeg_with_metadata(orientation=6)
    assert find_image_metadata(io.BytesIO(original)) == (
        "EXIF (with GPS)",
        "XMP",
        "comment",
    )
    # Orientation 6: the camera was turned a quarter; viewers turn the picture
    # clockwise, so the top-left marker shows at the top right.
    result = strip_image_metadata(io.BytesIO(original))

    assert result.changed and result.format == "JPEG" and result.orientation == 6
    assert (result.width, result.height) == (HEIGHT, WIDTH)
    assert_no_metadata(result.content)
    assert orientation_marker_corner(result.content) == "top-right"
    with Image.open(io.BytesIO(result.content)) as cleaned:
        assert cleaned.format == "JPEG"
        assert cleaned.info.get("dpi")  # display information survives


def test_every_orientation_is_applied_to_the_pixels():
    expected = {
        1: "top-left",
        2: "top-right",
        3: "bottom-right",
        4: "bottom-left",
        5: "top-left",
        6: "top-right",
        7: "bottom-right",
        8: "bottom-left",
    }
    for orientation, corner in expected.items():
        original = saved(picture(), "PNG", exif=gps_exif(orientation))
        result = strip_image_metadata(io.BytesIO(original))
        assert orientation_marker_corner(result.content) == corner, orientation
        quarter_turn = orientation >= 5
        assert result.width == (HEIGHT if quarter_turn else WIDTH)


def test_png_loses_exif_xmp_and_text_chunks_losslessly():
    original = png_with_metadata()
    result = strip_image_metadata(io.BytesIO(original))

    assert "PNG text chunks (Comment, Location)" in result.removed
    assert_no_metadata(result.content)
    with (
        Image.open(io.BytesIO(original)) as before,
        Image.open(io.BytesIO(result.content)) as after,
    ):
        assert before.convert("RGB").tobytes() == after.convert("RGB").tobytes()


def test_palette_png_keeps_its_transparency():
    palette = picture().convert("P")
    original = saved(palette, "PNG", transparency=0, exif=gps_exif())
    result = strip_image_metadata(io.BytesIO(original))
    assert_no_metadata(result.content)
    with Image.open(io.BytesIO(result.content)) as cleaned:
        assert cleaned.mode == "P" and cleaned.info["transparency"] == 0


def test_icc_profile_is_kept():
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = saved(picture(), "JPEG", exif=gps_exif(), icc_profile=profile)
    result = strip_image_metadata(io.BytesIO(original))
    assert_no_metadata(result.content)
    with Image.open(io.BytesIO(result.content)) as cleaned:
        assert cleaned.info["icc_profile"] == profile


def test_jpeg_keeps_its_quality_tables_and_subsampling():
    from PIL import JpegImagePlugin

    original = jpeg_with_metadata(orientation=None, subsampling="4:4:4")
    result = strip_image_metadata(io.BytesIO(original))
    with (
        Image.open(io.BytesIO(original)) as before,
        Image.open(io.BytesIO(result.content)) as after,
    ):
        assert after.quantization == before.quantization
        assert JpegImagePlugin.get_sampling(after) == JpegImagePlugin.get_sampling(
            before
        )


def test_iptc_and_multi_picture_jpegs_are_cleaned():
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x5a\x00\x06"
    iptc += CITY.encode()
    segment = b"\xff\xed" + struct.pack(">H", len(iptc) + 2) + iptc
    with_iptc = saved(picture(), "JPEG", extra=segment)
    result = strip_image_metadata(io.BytesIO(with_iptc))
    assert result.removed == ("IPTC (Photoshop APP13)",)
    assert_no_metadata(result.content)

    # Phones write MPO: a JPEG with more pictures, each with its own EXIF.
    mpo = saved(
        picture(), "MPO", save_all=True, append_images=[picture()], exif=gps_exif()
    )
    result = strip_image_metadata(io.BytesIO(mpo))
    assert "extra frames (MPO)" in result.removed
    assert result.format == "JPEG"
    assert_no_metadata(result.content)
    with Image.open(io.BytesIO(result.content)) as cleaned:
        assert cleaned.format == "JPEG" and getattr(cleaned, "n_frames", 1) == 1


@pytest.mark.parametrize(
    ("image_format", "options"),
    [
        ("WEBP", {"quality": 85}),
        ("WEBP", {"lossless": True}),
        ("AVIF", {}),
        ("HEIF", {}),
    ],
)
def test_webp_avif_and_heic_lose_exif_and_xmp(image_format, options):
    if image_format not in Image.SAVE:
        pytest.skip(f"Pillow cannot write {image_format} here")
    original = saved(
        picture(), image_format, exif=gps_exif(orientation=6), xmp=XMP, **options
    )
    assert "EXIF (with GPS)" in find_image_metadata(io.BytesIO(original))

    result = strip_image_metadata(io.BytesIO(original))

    assert result.format == image_format
    assert_no_metadata(result.content)
    assert orientation_marker_corner(result.content) == "top-right"
    if options.get("lossless"):
        with Image.open(io.BytesIO(result.content)) as cleaned:
            # Lossless stays lossless: the background is exactly what it was.
            assert cleaned.convert("RGB").getpixel((4, WIDTH - 4)) == BACKGROUND


def test_gif_comment_is_removed():
    original = saved(picture("P"), "GIF", comment=COMMENT)
    result = strip_image_metadata(io.BytesIO(original))
    assert result.removed == ("comment",)
    assert_no_metadata(result.content)


@pytest.mark.parametrize(
    ("image_format", "metadata"),
    [
        ("GIF", {"comment": COMMENT}),
        ("WEBP", {"exif": gps_exif(), "xmp": XMP, "lossless": True}),
        ("PNG", {"exif": gps_exif()}),
        ("AVIF", {"xmp": XMP}),
    ],
)
def test_animations_keep_their_frames_and_timing(image_format, metadata):
    colours = [MARKER, (0, 255, 0), (255, 255, 0)]
    frames = [picture(marker=colour) for colour in colours]
    original = saved(
        frames[0],
        image_format,
        save_all=True,
        append_images=frames[1:],
        duration=[100, 300, 500],
        loop=0,
        **metadata,
    )
    result = strip_image_metadata(io.BytesIO(original))

    assert result.changed
    assert_no_metadata(result.content)
    with Image.open(io.BytesIO(result.content)) as cleaned:
        timing, corner_colours = [], []
        for frame in ImageSequence.Iterator(cleaned):
            frame.load()
            timing.append(frame.info.get("duration"))
            corner_colours.append(frame.convert("RGB").getpixel((1, 1)))
    assert timing == [100, 300, 500]
    assert all(_close(*pair) for pair in zip(corner_colours, colours, strict=True))


def test_a_clean_file_is_returned_byte_for_byte():
    for original in (
        saved(picture(), "JPEG", quality=80),
        saved(picture(), "PNG"),
        saved(picture(), "WEBP"),
    ):
        result = strip_image_metadata(io.BytesIO(original))
        assert not result.changed and result.content == original


def test_cleaning_twice_changes_nothing():
    once = strip_image_metadata(io.BytesIO(jpeg_with_metadata())).content
    twice = strip_image_metadata(io.BytesIO(once))
    assert not twice.changed and twice.content == once


def test_files_pillow_cannot_read_pass_through_unchanged():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
    result = strip_image_metadata(io.BytesIO(svg))
    assert result.content == svg and not result.changed


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
