"""Keep only the parts of an image file that rendering needs: an allow-list per format.

Each filter walks the container of one format (JPEG segments, PNG chunks, GIF
blocks, WebP chunks) and keeps the parts that describe the pixels: the picture
data, its colour (the ICC profile and PNG's colour chunks), transparency,
animation timing (GIF's graphic control extensions and NETSCAPE2.0 loop count,
APNG's and WebP's animation chunks) and, for JPEG and PNG, the pixel density.
Everything else is dropped whatever its name or position: EXIF, XMP, IPTC,
comments, application and plain-text extensions, private or unknown chunks, a
JFIF thumbnail, the extra pictures of a multi-picture JPEG, and any byte after
the end of the image.

A filter only drops parts; it never decodes or re-encodes pixels, so nothing is
lost and filtering twice changes nothing. :func:`filter_container` returns the
kept bytes and a label for each kind of part it dropped (empty when the file was
already clean, then the bytes are the original). Pure: bytes in, bytes out.

A file whose structure a filter does not recognise raises :class:`ContainerError`;
the caller then rebuilds the file from its pixels.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

AFTER_END = "bytes after the end of the image"


class ContainerError(ValueError):
    """The file does not have the structure its format requires."""


class _Removed:
    """The labels of what a filter dropped, each once, in the order found."""

    def __init__(self) -> None:
        self.labels: dict[str, None] = {}

    def add(self, label: str) -> None:
        self.labels[label] = None


# --- JPEG --------------------------------------------------------------------------

_SOI, _EOI, _SOS = 0xD8, 0xD9, 0xDA
# Segments that make the picture: tables, frame headers and restart intervals.
_JPEG_PICTURE_MARKERS = frozenset(
    {0xC4, 0xCC, 0xDB, 0xDD, 0xDC}  # DHT, DAC, DQT, DRI, DNL
    | set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # SOFn
)
_JFIF_HEADER_LENGTH = 16  # a JFIF APP0 with a 0x0 thumbnail
_ADOBE_LENGTH = 14


def filter_jpeg(
    content: bytes, exif_label: str = "EXIF"
) -> tuple[bytes, tuple[str, ...]]:
    """Keep SOI, the JFIF header (without thumbnail), ICC profile, Adobe colour
    marker, tables, frame and scan data up to the first EOI; drop the rest."""
    if not content.startswith(b"\xff\xd8"):
        raise ContainerError("not a JPEG")
    removed = _Removed()
    kept = bytearray(b"\xff\xd8")
    position = 2
    while True:
        marker, position = _next_marker(content, position)
        if marker == _EOI:
            kept += b"\xff\xd9"
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # RSTn / TEM: no length
            kept += bytes((0xFF, marker))
            continue
        if position + 2 > len(content):
            raise ContainerError("truncated segment")
        (length,) = struct.unpack(">H", content[position : position + 2])
        end = position + length
        if length < 2 or end > len(content):
            raise ContainerError("bad segment length")
        segment = content[position - 2 : end]
        payload = content[position + 2 : end]
        if marker == _SOS:
            scan_end = _end_of_scan(content, end)
            kept += content[position - 2 : scan_end]
            position = scan_end
            continue
        if _keep_jpeg_segment(marker, payload, length):
            kept += segment
        else:
            removed.add(_jpeg_label(marker, payload, exif_label))
        position = end
    if position < len(content):
        removed.add(AFTER_END)
    return _result(content, bytes(kept), removed)


def _next_marker(content: bytes, position: int) -> tuple[int, int]:
    if position >= len(content) or content[position] != 0xFF:
        raise ContainerError("expected a marker")
    while position < len(content) and content[position] == 0xFF:
        position += 1  # fill bytes
    if position >= len(content):
        raise ContainerError("truncated marker")
    return content[position], position + 1


def _end_of_scan(content: bytes, position: int) -> int:
    # Entropy-coded data runs to the next marker that is not a stuffed 0xFF00
    # or a restart marker.
    while True:
        found = content.find(b"\xff", position)
        if found == -1 or found + 1 >= len(content):
            raise ContainerError("scan without end")
        following = content[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position = found + 1 if following == 0xFF else found + 2
            continue
        return found


def _keep_jpeg_segment(marker: int, payload: bytes, length: int) -> bool:
    if marker in _JPEG_PICTURE_MARKERS:
        return True
    if marker == 0xE0:  # APP0: only a plain JFIF header, no thumbnail
        return (
            payload.startswith(b"JFIF\x00")
            and length == _JFIF_HEADER_LENGTH
            and payload[12:14] == b"\x00\x00"
        )
    if marker == 0xE2:
        return payload.startswith(b"ICC_PROFILE\x00")
    if marker == 0xEE:
        return payload.startswith(b"Adobe") and length == _ADOBE_LENGTH
    return False


def _jpeg_label(marker: int, payload: bytes, exif_label: str) -> str:
    if marker == 0xFE:
        return "comment"
    if marker == 0xE1 and payload.startswith(b"Exif\x00"):
        return exif_label
    if marker == 0xE1 and payload.startswith(b"http://ns.adobe.com/xap/1.0/"):
        return "XMP"
    if marker == 0xED:
        return "IPTC (Photoshop APP13)"
    if marker == 0xE2 and payload.startswith(b"MPF\x00"):
        return "extra frames (MPO)"
    if marker == 0xE0 and payload.startswith((b"JFIF\x00", b"JFXX\x00")):
        return "JFIF thumbnail"
    if 0xE0 <= marker <= 0xEF:
        return f"APP{marker - 0xE0} segment"
    return f"JPEG segment 0x{marker:02X}"


# --- PNG ---------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Pixels, palette, transparency, colour, density and APNG animation.
_PNG_KEPT_CHUNKS = frozenset(
    {
        b"IHDR",
        b"PLTE",
        b"IDAT",
        b"IEND",
        b"tRNS",
        b"iCCP",
        b"sRGB",
        b"gAMA",
        b"cHRM",
        b"cICP",
        b"sBIT",
        b"pHYs",
        b"acTL",
        b"fcTL",
        b"fdAT",
    }
)
_PNG_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt")


def filter_png(
    content: bytes, exif_label: str = "EXIF"
) -> tuple[bytes, tuple[str, ...]]:
    """Keep the chunks in the allow-list up to IEND; drop every other chunk."""
    if not content.startswith(_PNG_SIGNATURE):
        raise ContainerError("not a PNG")
    removed = _Removed()
    text_keys: list[str] = []
    kept = bytearray(_PNG_SIGNATURE)
    position = len(_PNG_SIGNATURE)
    while True:
        if position + 8 > len(content):
            raise ContainerError("PNG without IEND")
        length, kind = struct.unpack(">I4s", content[position : position + 8])
        end = position + 12 + length
        if end > len(content):
            raise ContainerError("truncated chunk")
        chunk = content[position:end]
        data = content[position + 8 : position + 8 + length]
        if kind in _PNG_KEPT_CHUNKS:
            kept += chunk
        elif kind in _PNG_TEXT_CHUNKS:
            key = data.split(b"\x00", 1)[0].decode("latin-1")
            if key == "XML:com.adobe.xmp":
                removed.add("XMP")
            elif key == "Raw profile type exif":
                removed.add(exif_label)
            else:
                text_keys.append(key)
        elif kind == b"eXIf":
            removed.add(exif_label)
        else:
            removed.add(f"PNG chunk {kind.decode('latin-1')}")
        position = end
        if kind == b"IEND":
            break
    if text_keys:
        removed.add(f"PNG text chunks ({', '.join(sorted(set(text_keys)))})")
    if position < len(content):
        removed.add(AFTER_END)
    return _result(content, bytes(kept), removed)


# --- GIF ---------------------------------------------------------------------------

_GIF_LOOP_IDENTIFIERS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def filter_gif(
    content: bytes, exif_label: str = "EXIF"
) -> tuple[bytes, tuple[str, ...]]:
    """Keep the header, colour tables, graphic control extensions, frames and the
    NETSCAPE2.0 loop count; drop comments, plain text, other application
    extensions and anything after the trailer."""
    if not content.startswith((b"GIF87a", b"GIF89a")) or len(content) < 13:
        raise ContainerError("not a GIF")
    removed = _Removed()
    flags = content[10]
    position = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    kept = bytearray(content[:position])
    while True:
        if position >= len(content):
            raise ContainerError("GIF without trailer")
        introducer = content[position]
        if introducer == 0x3B:  # trailer
            kept.append(0x3B)
            position += 1
            break
        if introducer == 0x2C:  # image descriptor, local colour table, image data
            if position + 10 > len(content):
                raise ContainerError("truncated image descriptor")
            local = content[position + 9]
            start = position
            position += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0)
            position = _skip_sub_blocks(content, position + 1)  # after LZW code size
            kept += content[start:position]
            continue
        if introducer != 0x21 or position + 2 > len(content):
            raise ContainerError("unknown GIF block")
        label = content[position + 1]
        end = _skip_sub_blocks(content, position + 2)
        block = content[position:end]
        if label == 0xF9:  # graphic control: delay, disposal, transparency
            kept += block
        elif label == 0xFF:
            kept += _gif_application(block, removed)
        elif label == 0xFE:
            removed.add("comment")
        elif label == 0x01:
            removed.add("GIF plain-text extension")
        else:
            removed.add(f"GIF extension 0x{label:02X}")
        position = end
    if position < len(content):
        removed.add(AFTER_END)
    return _result(content, bytes(kept), removed)


def _skip_sub_blocks(content: bytes, position: int) -> int:
    while True:
        if position >= len(content):
            raise ContainerError("truncated sub-blocks")
        size = content[position]
        position += 1 + size
        if size == 0:
            return position


def _gif_application(block: bytes, removed: _Removed) -> bytes:
    # block: 0x21 0xFF, then sub-blocks; the first (11 bytes) names the application.
    identifier = block[3:14] if len(block) > 14 and block[2] == 11 else b""
    if identifier in _GIF_LOOP_IDENTIFIERS:
        loop = block[14:18]
        if len(loop) == 4 and loop[0] == 3 and loop[1] == 1:
            # Only the loop count sub-block survives.
            kept = block[:14] + loop + b"\x00"
            if kept != block:
                removed.add("GIF application extension (data beside the loop count)")
            return kept
    if identifier.startswith(b"XMP Data"):
        removed.add("XMP")
    else:
        name = identifier.decode("latin-1", "replace").strip() or "unnamed"
        removed.add(f"GIF application extension ({name})")
    return b""


# --- WebP --------------------------------------------------------------------------

_WEBP_KEPT_CHUNKS = frozenset(
    {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
)
_ANMF_KEPT_CHUNKS = frozenset({b"VP8 ", b"VP8L", b"ALPH"})
_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


def filter_webp(
    content: bytes, exif_label: str = "EXIF"
) -> tuple[bytes, tuple[str, ...]]:
    """Keep the picture, alpha, animation and ICC chunks; drop EXIF, XMP, unknown
    chunks (also inside animation frames) and anything after the RIFF body."""
    if len(content) < 12 or content[:4] != b"RIFF" or content[8:12] != b"WEBP":
        raise ContainerError("not a WebP")
    (riff_size,) = struct.unpack("<I", content[4:8])
    body_end = 8 + riff_size
    if body_end > len(content):
        raise ContainerError("truncated RIFF")
    removed = _Removed()
    chunks = []
    for kind, data in _riff_chunks(content, 12, body_end):
        if kind in _WEBP_KEPT_CHUNKS:
            if kind == b"ANMF":
                data = _filter_anmf(data, removed)
            chunks.append((kind, data))
        elif kind == b"EXIF":
            removed.add(exif_label)
        elif kind == b"XMP ":
            removed.add("XMP")
        else:
            removed.add(f"WebP chunk {kind.decode('latin-1').strip()}")
    if body_end < len(content):
        removed.add(AFTER_END)
    if not removed.labels:
        return content, ()
    body = bytearray(b"WEBP")
    for kind, data in chunks:
        if kind == b"VP8X":
            data = bytes([data[0] & ~(_VP8X_EXIF | _VP8X_XMP)]) + data[1:]
        body += _riff_chunk(kind, data)
    return b"RIFF" + struct.pack("<I", len(body)) + bytes(body), tuple(removed.labels)


def _riff_chunks(content: bytes, position: int, end: int):
    while position < end:
        if position + 8 > end:
            raise ContainerError("truncated chunk header")
        kind = content[position : position + 4]
        (size,) = struct.unpack("<I", content[position + 4 : position + 8])
        data_end = position + 8 + size
        if data_end > end:
            raise ContainerError("truncated chunk")
        yield kind, content[position + 8 : data_end]
        position = data_end + (size & 1)


def _riff_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        kind + struct.pack("<I", len(data)) + data + (b"\x00" if len(data) & 1 else b"")
    )


def _filter_anmf(data: bytes, removed: _Removed) -> bytes:
    # 16 bytes of frame header (offset, size, duration, flags), then the frame's chunks.
    if len(data) < 16:
        raise ContainerError("truncated animation frame")
    kept = bytearray(data[:16])
    for kind, frame_data in _riff_chunks(data, 16, len(data)):
        if kind in _ANMF_KEPT_CHUNKS:
            kept += _riff_chunk(kind, frame_data)
        else:
            removed.add(f"WebP chunk {kind.decode('latin-1').strip()} (in a frame)")
    return bytes(kept)


# --- AVIF and HEIC (ISO base media files) ------------------------------------------

#: Top-level boxes of an AVIF or HEIC: the file type, the item metadata (the
#: decoder reports EXIF and XMP items in it), the coded data and, for an
#: animation, the movie box with its timing.
_ISOBMFF_KEPT_BOXES = frozenset({b"ftyp", b"meta", b"mdat", b"moov"})
# Inside the movie box: the boxes that only hold other boxes, and those that hold
# user data or padding rather than the track's structure and timing.
_MOOV_CONTAINERS = frozenset(
    {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf"}
)
_MOOV_DROPPED = frozenset({b"udta", b"meta", b"uuid", b"free", b"skip"})


def unexpected_boxes(content: bytes) -> tuple[str, ...]:
    """Label the top-level boxes of an AVIF or HEIC file outside the allow-list,
    and bytes after its last box. Detection only: such a file is re-encoded."""
    removed = _Removed()
    position = 0
    while position < len(content):
        if position + 8 > len(content):
            removed.add(AFTER_END)
            break
        size, kind = struct.unpack(">I4s", content[position : position + 8])
        if size == 1 and position + 16 <= len(content):
            (size,) = struct.unpack(">Q", content[position + 8 : position + 16])
        elif size == 0:
            size = len(content) - position
        if size < 8 or position + size > len(content):
            removed.add(AFTER_END)
            break
        if kind not in _ISOBMFF_KEPT_BOXES:
            removed.add(f"box {_box_name(kind)}")
        elif kind == b"moov":
            _check_movie(content, position + 8, position + size, removed)
        position += size
    return tuple(removed.labels)


def _check_movie(content: bytes, position: int, end: int, removed: _Removed) -> None:
    while position + 8 <= end:
        size, kind = struct.unpack(">I4s", content[position : position + 8])
        if size < 8 or position + size > end:
            removed.add("a damaged movie box")
            return
        if kind in _MOOV_DROPPED:
            removed.add(f"box {_box_name(kind)} (in moov)")
        elif kind in _MOOV_CONTAINERS:
            _check_movie(content, position + 8, position + size, removed)
        position += size


def _box_name(kind: bytes) -> str:
    return kind.decode("latin-1", "replace").strip()


# --- all formats -------------------------------------------------------------------


def _result(
    content: bytes, kept: bytes, removed: _Removed
) -> tuple[bytes, tuple[str, ...]]:
    if not removed.labels:
        return content, ()
    return kept, tuple(removed.labels)


#: The filters by Pillow format name; an MPO is a JPEG with more pictures after it.
FILTERS: dict[str, Callable[..., tuple[bytes, tuple[str, ...]]]] = {
    "JPEG": filter_jpeg,
    "MPO": filter_jpeg,
    "PNG": filter_png,
    "GIF": filter_gif,
    "WEBP": filter_webp,
}


def filter_container(
    image_format: str, content: bytes, exif_label: str = "EXIF"
) -> tuple[bytes, tuple[str, ...]]:
    """Drop what rendering does not need from ``content`` in ``image_format``.

    Returns the kept bytes and the labels of what was dropped; when nothing was,
    the original bytes. Raises :class:`ContainerError` on a broken structure and
    ``KeyError`` for a format without a filter (see :data:`FILTERS`).
    """
    return FILTERS[image_format](content, exif_label)
