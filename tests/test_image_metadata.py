"""No image that can appear on a profile keeps its location, camera or author
metadata: the cleaning function (``wagtail_defenders.images.metadata``), format by
format.

The admin's uploads and code that saves images: ``test_image_uploads.py``; the
command that cleans stored originals: ``test_strip_image_metadata.py``."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image, ImageSequence

from tests.image_samples import (
    BACKGROUND,
    CITY,
    COMMENT,
    HEIGHT,
    MARKER,
    WIDTH,
    XMP,
    assert_no_metadata,
    gps_exif,
    jpeg_with_metadata,
    orientation_marker_corner,
    picture,
    png_with_metadata,
    saved,
    similar_colour,
)
from wagtail_defenders.images.metadata import (
    find_image_metadata,
    strip_image_metadata,
)

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
    assert all(
        similar_colour(*pair) for pair in zip(corner_colours, colours, strict=True)
    )


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
