"""Image files with a payload where each format lets an application hide one, built
here as bytes (``tests/test_image_allow_list*.py``): an EXIF IFD of a TIFF, GIF
application, comment and plain-text extensions, a private PNG chunk, an unknown
WebP chunk, bytes after a JPEG's end marker, XMP, comments, script and foreign
namespaces in an SVG; and the walks that find where a file's blocks begin."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image, ImageSequence, TiffImagePlugin

PAYLOAD = b"zzPAYLOAD-52.0907N-5.1214Ezz"


def make_picture(size=(24, 16), colour=(200, 80, 40)) -> Image.Image:
    image = Image.new("RGB", size, colour)
    image.paste((0, 0, 255), (0, 0, 6, 6))
    return image


def saved_as(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


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
    content = saved_as(make_picture(), "TIFF", tiffinfo=tags)
    assert b"zzGPSzz" in content and b"zzSERIALzz" in content
    return content


def animated_gif() -> bytes:
    frames = [
        make_picture(colour=c) for c in ((200, 80, 40), (40, 200, 80), (80, 40, 200))
    ]
    return saved_as(
        frames[0],
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[70, 120, 200],
        loop=3,
    )


def sub_blocks(data: bytes) -> bytes:
    out = bytearray()
    for start in range(0, len(data), 255):
        piece = data[start : start + 255]
        out += bytes([len(piece)]) + piece
    return bytes(out + b"\x00")


def gif_application_extension(identifier: bytes = b"ZZLOCATE1.0") -> bytes:
    return b"\x21\xff\x0b" + identifier[:11].ljust(11, b" ") + sub_blocks(PAYLOAD)


def gif_comment() -> bytes:
    return b"\x21\xfe" + sub_blocks(PAYLOAD)


def gif_plain_text() -> bytes:
    return b"\x21\x01\x0c" + bytes(12) + sub_blocks(PAYLOAD)


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
    content = saved_as(make_picture().convert("RGBA"), "PNG")
    at = png_chunk_boundaries(content)[boundary]
    return content[:at] + png_chunk(kind, PAYLOAD) + content[at:]


def webp_with_unknown_chunk(lossless: bool = True) -> bytes:
    content = saved_as(make_picture(), "WEBP", lossless=lossless)
    body = content[12:] + b"ZZZZ" + struct.pack("<I", len(PAYLOAD)) + PAYLOAD
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


def jpeg_with_trailer() -> bytes:
    return saved_as(make_picture(), "JPEG", quality=90) + PAYLOAD


def jpeg_with_private_segment() -> bytes:
    content = saved_as(make_picture(), "JPEG", quality=90)
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


ENTITY_SVG = f"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY secret "{PAYLOAD.decode()}">]>
<svg xmlns="{SVG_NS}" width="4" height="4"><text>&secret;</text></svg>
""".encode()


def jpeg_segment_boundaries(content: bytes) -> list[int]:
    """Offsets before each segment up to the first scan."""
    position, boundaries = 2, []
    while content[position + 1] != 0xDA:
        boundaries.append(position)
        (length,) = struct.unpack(">H", content[position + 2 : position + 4])
        position += 2 + length
    return [*boundaries, position]
