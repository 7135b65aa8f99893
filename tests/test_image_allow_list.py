"""Stored originals keep only what rendering needs, wherever the rest was hidden.

Each file is built here as bytes, with a payload where a format lets an
application hide one (an EXIF IFD of a TIFF, a GIF application extension before
NETSCAPE2.0, a GIF comment before a later frame, a GIF plain-text extension, a
private PNG chunk, an unknown WebP chunk, bytes after a JPEG's end marker, XMP,
comments, script and foreign namespaces in an SVG). It is uploaded as an editor
uploads (Wagtail's admin form) or saved as code saves (``Image.objects.create``),
and the stored original, read back through the storage, must not contain the
payload's bytes; what rendering needs (pixels, frames, durations, loop,
transparency) must survive. ``strip_image_metadata --dry-run`` names each one.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageSequence, TiffImagePlugin
from wagtail.images import get_image_model

from wagtail_defenders.images import containers
from wagtail_defenders.images.metadata import (
    UNPARSABLE_SVG,
    ImageMetadataError,
    find_image_metadata,
    strip_image_metadata,
)
from wagtail_defenders.images.svg import sanitise_svg

pytestmark = pytest.mark.usefixtures("media_root")

PAYLOAD = b"zzPAYLOAD-52.0907N-5.1214Ezz"


def _picture(size=(24, 16), colour=(200, 80, 40)) -> Image.Image:
    image = Image.new("RGB", size, colour)
    image.paste((0, 0, 255), (0, 0, 6, 6))
    return image


def _saved(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


# --- files with payloads ------------------------------------------------------------


def tiff_with_exif() -> bytes:
    """A TIFF as code saves one: camera tags, an EXIF IFD and a GPS IFD."""
    tags = TiffImagePlugin.ImageFileDirectory_v2()
    tags[ExifTags.Base.Make] = PAYLOAD.decode()
    tags[ExifTags.Base.Model] = "zzCAMERAzz"
    tags[ExifTags.Base.Artist] = "zzARTISTzz"
    tags[ExifTags.IFD.Exif] = {ExifTags.Base.BodySerialNumber: "zzSERIALzz"}
    tags[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSMapDatum: "zzGPSzz",
    }
    content = _saved(_picture(), "TIFF", tiffinfo=tags)
    assert b"zzGPSzz" in content and b"zzSERIALzz" in content
    return content


def animated_gif() -> bytes:
    frames = [_picture(colour=c) for c in ((200, 80, 40), (40, 200, 80), (80, 40, 200))]
    return _saved(
        frames[0],
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[70, 120, 200],
        loop=3,
    )


def _sub_blocks(data: bytes) -> bytes:
    out = bytearray()
    for start in range(0, len(data), 255):
        piece = data[start : start + 255]
        out += bytes([len(piece)]) + piece
    return bytes(out + b"\x00")


def gif_application_extension(identifier: bytes = b"ZZLOCATE1.0") -> bytes:
    return b"\x21\xff\x0b" + identifier[:11].ljust(11, b" ") + _sub_blocks(PAYLOAD)


def gif_comment() -> bytes:
    return b"\x21\xfe" + _sub_blocks(PAYLOAD)


def gif_plain_text() -> bytes:
    return b"\x21\x01\x0c" + bytes(12) + _sub_blocks(PAYLOAD)


def gif_block_boundaries(content: bytes) -> list[int]:
    """Offsets where a block may start: after the header and each block."""
    flags = content[10]
    position = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    boundaries = [position]
    while content[position] != 0x3B:
        if content[position] == 0x2C:
            local = content[position + 9]
            position += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
        else:
            position += 2
        while content[position]:
            position += 1 + content[position]
        position += 1
        boundaries.append(position)
    return boundaries


def gif_with(blocks: list[tuple[int, bytes]]) -> bytes:
    """The animated GIF with each block inserted at the boundary of that index."""
    content = animated_gif()
    boundaries = gif_block_boundaries(content)
    placed = [(boundaries[index % len(boundaries)], block) for index, block in blocks]
    # From the end backwards, so each offset still points where it did.
    for at, block in sorted(placed, key=lambda item: item[0], reverse=True):
        content = content[:at] + block + content[at:]
    return content


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data))
    )


def png_chunk_boundaries(content: bytes) -> list[int]:
    position, boundaries = 8, []
    while position < len(content):
        (length,) = struct.unpack(">I", content[position : position + 4])
        kind = content[position + 4 : position + 8]
        position += 12 + length
        if kind != b"IEND":
            boundaries.append(position)
    return boundaries


def png_with_private_chunk(boundary: int = -1, kind: bytes = b"prVt") -> bytes:
    content = _saved(_picture().convert("RGBA"), "PNG")
    at = png_chunk_boundaries(content)[boundary]
    return content[:at] + png_chunk(kind, PAYLOAD) + content[at:]


def webp_with_unknown_chunk(lossless: bool = True) -> bytes:
    content = _saved(_picture(), "WEBP", lossless=lossless)
    body = content[12:] + b"ZZZZ" + struct.pack("<I", len(PAYLOAD)) + PAYLOAD
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


def jpeg_with_trailer() -> bytes:
    return _saved(_picture(), "JPEG", quality=90) + PAYLOAD


def jpeg_with_private_segment() -> bytes:
    content = _saved(_picture(), "JPEG", quality=90)
    segment = b"\xff\xef" + struct.pack(">H", len(PAYLOAD) + 2) + PAYLOAD
    return content[:2] + segment + content[2:]


SVG_NS = "http://www.w3.org/2000/svg"
DIRTY_SVG = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- {PAYLOAD.decode()} -->
<svg xmlns="{SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     width="120" height="80" viewBox="0 0 120 80" onload="alert('zzSCRIPTzz')"
     inkscape:version="zzINKSCAPEzz">
  <title>zzTITLEzz</title>
  <metadata><rdf:RDF><rdf:Description about="zzXMPzz"/></rdf:RDF></metadata>
  <script>fetch('https://example.org/zzSCRIPTzz')</script>
  <foreignObject width="10" height="10"><p xmlns="http://www.w3.org/1999/xhtml">zzFOREIGNzz</p></foreignObject>
  <rdf:RDF><rdf:Description about="zzRDFzz"/></rdf:RDF>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/></linearGradient></defs>
  <rect x="0" y="0" width="120" height="80" fill="url(#g)" onclick="zzSCRIPTzz()"/>
  <circle cx="60" cy="40" r="20" style="fill: url(https://example.org/zzTRACKERzz)"/>
  <use xlink:href="https://example.org/zzEXTERNALzz#x"/>
  <text x="10" y="70">Shelter</text>
</svg>
""".encode()
SVG_SECRETS = [
    PAYLOAD,
    b"zzSCRIPTzz",
    b"zzINKSCAPEzz",
    b"zzTITLEzz",
    b"zzXMPzz",
    b"zzFOREIGNzz",
    b"zzRDFzz",
    b"zzTRACKERzz",
    b"zzEXTERNALzz",
    b"<!--",
    b"onload",
    b"onclick",
    b"<script",
    b"metadata",
]

#: name, file name, content, payloads that must not survive.
DIRTY_FILES = [
    (
        "tiff",
        "code.tif",
        tiff_with_exif,
        [PAYLOAD, b"zzGPSzz", b"zzCAMERAzz", b"zzARTISTzz", b"zzSERIALzz"],
    ),
    (
        "gif app before loop",
        "a.gif",
        lambda: gif_with([(0, gif_application_extension())]),
        [PAYLOAD],
    ),
    (
        "gif comment before frame 2",
        "b.gif",
        lambda: gif_with([(3, gif_comment())]),
        [PAYLOAD],
    ),
    ("gif plain text", "c.gif", lambda: gif_with([(1, gif_plain_text())]), [PAYLOAD]),
    ("png private chunk", "d.png", png_with_private_chunk, [PAYLOAD]),
    ("webp unknown chunk", "e.webp", webp_with_unknown_chunk, [PAYLOAD]),
    ("jpeg trailer", "f.jpg", jpeg_with_trailer, [PAYLOAD]),
    ("jpeg private segment", "g.jpg", jpeg_with_private_segment, [PAYLOAD]),
    ("svg", "h.svg", lambda: DIRTY_SVG, SVG_SECRETS),
]


def assert_none_of(payloads: list[bytes], content: bytes) -> None:
    left = [payload for payload in payloads if payload in content]
    assert not left, left


def frames_and_timing(content: bytes) -> list[tuple]:
    with Image.open(io.BytesIO(content)) as image:
        frames = []
        for frame in ImageSequence.Iterator(image):
            frame.load()
            frames.append(
                (frame.convert("RGB").getpixel((12, 12)), frame.info.get("duration"))
            )
        return [*frames, image.info.get("loop")]


# --- the pure functions -------------------------------------------------------------


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
    dirty = content[:at] + _sub_blocks(PAYLOAD)[:-1] + content[at:]
    result = strip_image_metadata(io.BytesIO(dirty))
    assert PAYLOAD not in result.content
    assert frames_and_timing(result.content) == frames_and_timing(content)


def test_jpeg_trailer_is_dropped_without_re_encoding():
    clean = _saved(_picture(), "JPEG", quality=90)
    result = strip_image_metadata(io.BytesIO(clean + PAYLOAD))
    assert result.content == clean
    assert result.removed == (containers.AFTER_END,)


def test_jfif_thumbnail_is_dropped():
    clean = _saved(_picture(), "JPEG", quality=90)
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
    original = _saved(_picture().convert("RGBA"), "PNG")
    result = strip_image_metadata(io.BytesIO(png_with_private_chunk()))
    assert result.content == original
    assert result.removed == ("PNG chunk prVt",)


def test_bytes_after_the_end_of_png_gif_and_webp_are_dropped():
    for content in (
        _saved(_picture(), "PNG"),
        animated_gif(),
        _saved(_picture(), "WEBP", lossless=True),
    ):
        result = strip_image_metadata(io.BytesIO(content + PAYLOAD))
        assert result.content == content
        assert containers.AFTER_END in result.removed


def test_lossy_webp_unknown_chunk_dropped_without_re_encoding():
    dirty = webp_with_unknown_chunk(lossless=False)
    result = strip_image_metadata(io.BytesIO(dirty))
    assert PAYLOAD not in result.content
    assert result.content == _saved(_picture(), "WEBP", lossless=False)


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
    content = _saved(_picture().convert("RGBA"), "PNG")
    boundaries = png_chunk_boundaries(content)
    dirty = png_with_private_chunk(boundary % len(boundaries), kind)
    result = strip_image_metadata(io.BytesIO(dirty))
    assert PAYLOAD not in result.content
    assert result.content == content


# --- through the admin and through code ----------------------------------------------


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


ENTITY_SVG = f"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY secret "{PAYLOAD.decode()}">]>
<svg xmlns="{SVG_NS}" width="4" height="4"><text>&secret;</text></svg>
""".encode()


def test_svg_that_cannot_be_parsed_safely_is_refused():
    with pytest.raises(ImageMetadataError):
        strip_image_metadata(io.BytesIO(ENTITY_SVG))
    assert find_image_metadata(io.BytesIO(ENTITY_SVG)) == (UNPARSABLE_SVG,)


@pytest.mark.django_db
def test_svg_that_cannot_be_parsed_safely_is_not_stored():
    # Wagtail (Willow, with defusedxml) or the package refuses it, whichever reads
    # it first.
    with pytest.raises((ImageMetadataError, ValueError)):
        get_image_model().objects.create(
            title="Entity", file=ContentFile(ENTITY_SVG, name="entity.svg")
        )
    assert not get_image_model().objects.exists()


def jpeg_segment_boundaries(content: bytes) -> list[int]:
    """Offsets before each segment up to the first scan."""
    position, boundaries = 2, []
    while content[position + 1] != 0xDA:
        boundaries.append(position)
        (length,) = struct.unpack(">H", content[position + 2 : position + 4])
        position += 2 + length
    return [*boundaries, position]


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
    clean = _saved(_picture(), "JPEG", quality=90)
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
    content = _saved(_picture(), image_format, quality=90)
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
