"""Pictures for the faceless tests (``tests/test_faceless_*.py``): noise, a
synthetic face, a JPEG carrying metadata, and a marker/chunk walk that proves a
file holds nothing but pixels, written here, not with the package's own code."""

from __future__ import annotations

import io
import random
import struct

from PIL import Image, ImageDraw, ImageFilter


def noisy_picture(width: int, height: int, seed: int = 1) -> Image.Image:
    """Every pixel a different random colour: any detail left would show."""
    rng = random.Random(seed)
    return Image.frombytes(
        "RGB",
        (width, height),
        bytes(rng.randrange(256) for _ in range(width * height * 3)),
    )


def synthetic_face(size: int = 300) -> Image.Image:
    """A drawn face (oval, brows, eyes, nose, mouth) that a frontal Haar cascade finds,
    centred in a picture twice ``size`` wide."""
    picture = Image.new("L", (size * 2, size * 2), 200)
    draw = ImageDraw.Draw(picture)
    c, s = size, size / 300
    draw.ellipse([c - 100 * s, c - 130 * s, c + 100 * s, c + 130 * s], fill=170)
    draw.rectangle([c - 75 * s, c - 62 * s, c - 20 * s, c - 52 * s], fill=60)
    draw.rectangle([c + 20 * s, c - 62 * s, c + 75 * s, c - 52 * s], fill=60)
    draw.ellipse([c - 70 * s, c - 45 * s, c - 25 * s, c - 20 * s], fill=40)
    draw.ellipse([c + 25 * s, c - 45 * s, c + 70 * s, c - 20 * s], fill=40)
    draw.polygon(
        [(c, c - 20 * s), (c - 18 * s, c + 35 * s), (c + 18 * s, c + 35 * s)], fill=150
    )
    draw.ellipse([c - 45 * s, c + 60 * s, c + 45 * s, c + 80 * s], fill=70)
    return picture.filter(ImageFilter.GaussianBlur(4 * s)).convert("RGB")


def jpeg_segments(content: bytes) -> list[int]:
    """The marker of every segment before the image data, and whether bytes follow
    the end marker (as a pseudo-marker -1)."""
    assert content[:2] == b"\xff\xd8"
    markers, position = [], 2
    while True:
        marker = content[position + 1]
        markers.append(marker)
        length = struct.unpack(">H", content[position + 2 : position + 4])[0]
        position += 2 + length
        if marker == 0xDA:  # start of scan: image data to the end marker
            break
    if not content.rstrip(b"\x00").endswith(b"\xff\xd9"):
        markers.append(-1)
    return markers


def png_chunks(content: bytes) -> list[bytes]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = [], 8
    while position < len(content):
        length = struct.unpack(">I", content[position : position + 4])[0]
        chunks.append(content[position + 4 : position + 8])
        position += 12 + length
    return chunks


def assert_only_pixels(content: bytes) -> None:
    """No EXIF, XMP, ICC, IPTC, comment, text chunk or trailing bytes."""
    if content[:2] == b"\xff\xd8":
        # SOI is not listed; APP0 (JFIF), quantisation and Huffman tables,
        # frame and scan headers are all a JPEG needs.
        allowed = {0xE0, 0xDB, 0xC4, 0xC0, 0xC2, 0xDD, 0xDA}
        assert set(jpeg_segments(content)) <= allowed, jpeg_segments(content)
    else:
        assert set(png_chunks(content)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    with Image.open(io.BytesIO(content)) as opened:
        assert not {"exif", "icc_profile", "xmp", "comment", "photoshop"} & set(
            opened.info
        )
        assert not opened.getexif()


def jpeg_with_metadata(picture: Image.Image) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (52.0, 4.0, 48.0)}  # GPS
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", exif=exif, comment=b"taken at home", quality=95)
    return buffer.getvalue()
