"""Stored originals keep only what rendering needs, wherever the rest was hidden:
the cleaning itself.

Each file (``tests/dirty_images.py``) carries a payload where its format lets an
application hide one; cleaned, it must not contain the payload's bytes, and what
rendering needs (pixels, frames, durations, loop, transparency) must survive.
What is stored on upload and save is ``tests/test_image_allow_list_storage.py``.
"""

from __future__ import annotations

import io
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.dirty_images import (
    DIRTY_FILES,
    DIRTY_SVG,
    ENTITY_SVG,
    PAYLOAD,
    SVG_NS,
    animated_gif,
    assert_none_of,
    frames_and_timing,
    gif_application_extension,
    gif_comment,
    gif_plain_text,
    gif_with,
    jpeg_segment_boundaries,
    make_picture,
    png_chunk_boundaries,
    png_with_private_chunk,
    saved_as,
    sub_blocks,
    tiff_with_exif,
    webp_with_unknown_chunk,
)
from wagtail_defenders.images import containers
from wagtail_defenders.images.metadata import (
    UNPARSABLE_SVG,
    ImageMetadataError,
    find_image_metadata,
    strip_image_metadata,
)
from wagtail_defenders.images.svg import sanitise_svg

pytestmark = pytest.mark.usefixtures("media_root")


@pytest.mark.parametrize(("kind", "name", "build", "payloads"), DIRTY_FILES)
def test_every_hiding_place_is_emptied(kind, name, build, payloads):
    content = build()
    assert all(payload in content for payload in payloads[:1])
    result = strip_image_metadata(io.BytesIO(content))
    assert result.changed, kind
    assert_none_of(payloads, result.content)
    assert find_image_metadata(io.BytesIO(content)) == result.removed
    again = strip_image_metadata(io.BytesIO(result.content))
    assert not again.changed and again.content == result.content


def test_gif_keeps_its_frames_timing_and_loop():
    original = animated_gif()
    dirty = gif_with(
        [(0, gif_application_extension()), (3, gif_comment()), (2, gif_plain_text())]
    )
    result = strip_image_metadata(io.BytesIO(dirty))
    assert frames_and_timing(result.content) == frames_and_timing(original)
    assert frames_and_timing(original)[-1] == 3
    assert set(result.removed) == {
        "GIF application extension (ZZLOCATE1.0)",
        "comment",
        "GIF plain-text extension",
    }


def test_gif_loop_extension_keeps_only_the_loop_count():
    content = animated_gif()
    loop = content.index(b"NETSCAPE2.0")
    # A second sub-block after the loop count, inside the NETSCAPE2.0 extension.
    at = loop + 11 + 4
    dirty = content[:at] + sub_blocks(PAYLOAD)[:-1] + content[at:]
    result = strip_image_metadata(io.BytesIO(dirty))
    assert PAYLOAD not in result.content
    assert frames_and_timing(result.content) == frames_and_timing(content)


def test_jpeg_trailer_is_dropped_without_re_encoding():
    clean = saved_as(make_picture(), "JPEG", quality=90)
    result = strip_image_metadata(io.BytesIO(clean + PAYLOAD))
    assert result.content == clean
    assert result.removed == (containers.AFTER_END,)


def test_jfif_thumbnail_is_dropped():
    clean = saved_as(make_picture(), "JPEG", quality=90)
    length = struct.unpack(">H", clean[4:6])[0]
    assert clean[6:11] == b"JFIF\x00" and length == 16
    thumbnail = bytes([2, 1]) + PAYLOAD[:6]  # 2x1 pixels of RGB
    app0 = clean[6:18] + thumbnail
    dirty = (
        clean[:2] + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + clean[20:]
    )
    result = strip_image_metadata(io.BytesIO(dirty))
    assert PAYLOAD[:6] not in result.content
    assert "JFIF thumbnail" in result.removed


def test_png_keeps_transparency_and_colour_chunks():
    original = saved_as(make_picture().convert("RGBA"), "PNG")
    result = strip_image_metadata(io.BytesIO(png_with_private_chunk()))
    assert result.content == original
    assert result.removed == ("PNG chunk prVt",)


def test_bytes_after_the_end_of_png_gif_and_webp_are_dropped():
    for content in (
        saved_as(make_picture(), "PNG"),
        animated_gif(),
        saved_as(make_picture(), "WEBP", lossless=True),
    ):
        result = strip_image_metadata(io.BytesIO(content + PAYLOAD))
        assert result.content == content
        assert containers.AFTER_END in result.removed


def test_lossy_webp_unknown_chunk_dropped_without_re_encoding():
    dirty = webp_with_unknown_chunk(lossless=False)
    result = strip_image_metadata(io.BytesIO(dirty))
    assert PAYLOAD not in result.content
    assert result.content == saved_as(make_picture(), "WEBP", lossless=False)


def test_tiff_is_rebuilt_from_its_pixels():
    result = strip_image_metadata(io.BytesIO(tiff_with_exif()))
    assert result.format == "TIFF"
    assert result.removed[0] == "EXIF (with GPS)"
    assert "Artist" in result.removed[1] and "Make" in result.removed[1]
    with Image.open(io.BytesIO(result.content)) as image:
        assert not {271, 272, 315, 34665, 34853} & set(image.tag_v2)
        assert image.convert("RGB").getpixel((1, 1)) == (0, 0, 255)


def test_clean_svg_is_kept_byte_for_byte():
    svg = f'<svg xmlns="{SVG_NS}" viewBox="0 0 4 4"><path d="M0 0h4v4z" fill="#000"/></svg>'
    content, removed = sanitise_svg(svg.encode())
    assert content == svg.encode() and removed == ()


def test_svg_keeps_its_drawing():
    content, removed = sanitise_svg(DIRTY_SVG)
    for kept in (
        b"<rect",
        b"<circle",
        b"<linearGradient",
        b'fill="url(#g)"',
        b"Shelter",
    ):
        assert kept in content
    assert {"comments", "<metadata>", "<script>", "event attributes"} <= set(removed)


_boundary = st.integers(min_value=0, max_value=20)


_gif_block = st.sampled_from([gif_application_extension, gif_comment, gif_plain_text])


@settings(max_examples=30, deadline=None)
@given(blocks=st.lists(st.tuples(_boundary, _gif_block), min_size=1, max_size=4))
def test_gif_payload_anywhere_is_dropped(blocks):
    dirty = gif_with([(index, build()) for index, build in blocks])
    result = strip_image_metadata(io.BytesIO(dirty))
    assert PAYLOAD not in result.content
    assert frames_and_timing(result.content) == frames_and_timing(animated_gif())


@settings(max_examples=30, deadline=None)
@given(
    boundary=st.integers(min_value=0, max_value=10),
    kind=st.sampled_from([b"prVt", b"zzPl", b"tEXt", b"eXIf", b"ZzZz", b"vpAg"]),
)
def test_png_chunk_anywhere_is_dropped(boundary, kind):
    content = saved_as(make_picture().convert("RGBA"), "PNG")
    boundaries = png_chunk_boundaries(content)
    dirty = png_with_private_chunk(boundary % len(boundaries), kind)
    result = strip_image_metadata(io.BytesIO(dirty))
    assert PAYLOAD not in result.content
    assert result.content == content


def test_svg_that_cannot_be_parsed_safely_is_refused():
    with pytest.raises(ImageMetadataError):
        strip_image_metadata(io.BytesIO(ENTITY_SVG))
    assert find_image_metadata(io.BytesIO(ENTITY_SVG)) == (UNPARSABLE_SVG,)


@settings(max_examples=30, deadline=None)
@given(
    segments=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10),
            st.sampled_from([0xE1, 0xE3, 0xE7, 0xEC, 0xED, 0xEF, 0xFE]),
        ),
        min_size=1,
        max_size=4,
    ),
    trailer=st.booleans(),
)
def test_jpeg_payload_anywhere_is_dropped_without_re_encoding(segments, trailer):
    clean = saved_as(make_picture(), "JPEG", quality=90)
    boundaries = jpeg_segment_boundaries(clean)
    dirty = clean
    placed = [
        (boundaries[index % len(boundaries)], marker) for index, marker in segments
    ]
    for at, marker in sorted(placed, reverse=True):
        segment = bytes([0xFF, marker]) + struct.pack(">H", len(PAYLOAD) + 2) + PAYLOAD
        dirty = dirty[:at] + segment + dirty[at:]
    if trailer:
        dirty += PAYLOAD
    result = strip_image_metadata(io.BytesIO(dirty))
    assert result.content == clean


@pytest.mark.parametrize("image_format", ["AVIF", "HEIF"])
@pytest.mark.parametrize("where", ["box", "after the end"])
def test_avif_and_heic_unknown_boxes_and_trailers_are_dropped(image_format, where):
    content = saved_as(make_picture(), image_format, quality=90)
    if where == "box":
        dirty = content + struct.pack(">I4s", 8 + len(PAYLOAD), b"zzbx") + PAYLOAD
    else:
        dirty = content + PAYLOAD
    result = strip_image_metadata(io.BytesIO(dirty))
    assert result.changed
    assert PAYLOAD not in result.content
    assert result.removed == (
        ("box zzbx",) if where == "box" else (containers.AFTER_END,)
    )
    assert not strip_image_metadata(io.BytesIO(result.content)).changed
