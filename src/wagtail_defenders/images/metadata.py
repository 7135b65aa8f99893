"""Remove location and camera metadata from image files.

A photo of a defender can carry where and when it was taken (EXIF GPS), the camera and
its serial number, the photographer, captions and keywords (XMP, IPTC), and comments.
Wagtail stores an upload byte for byte and passes EXIF on to JPEG and PNG renditions,
so the package cleans every original before it is stored (see
:mod:`~wagtail_defenders.images.cleaning`) and the
``strip_image_metadata`` command cleans images stored before.

:func:`strip_image_metadata` is pure: it takes a file object and returns the cleaned
bytes. It never touches a path or a storage, so it works the same on disk and on S3.
It applies the EXIF orientation to the pixels (so the picture stays upright), then
writes the pixels again in the same format without EXIF, XMP, IPTC, comments, text
chunks or application extensions. The ICC colour profile, resolution, transparency
and animation timing are kept: they describe how to show the picture, not who took it
or where. A file without such metadata is returned byte for byte, so cleaning twice
changes nothing and a clean JPEG is never re-encoded.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from PIL import ExifTags, Image, ImageOps, ImageSequence, UnidentifiedImageError

try:  # Willow[heif] (a Wagtail dependency) brings pillow-heif; without it, no HEIC.
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover - depends on the installed extras
    register_heif_opener = None  # type: ignore[assignment]

if register_heif_opener is not None:
    register_heif_opener()

#: Pillow format names this module cleans; ``MPO`` (a JPEG with extra frames, as
#: phones write) is written back as a plain JPEG. Other formats (SVG, ICO, ...) are
#: returned unchanged.
SUPPORTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "GIF", "AVIF", "HEIF"})

JPEG_QUALITY = 92
"""Quality for a JPEG whose quantisation tables cannot be reused."""
LOSSY_QUALITY = 90
"""Quality for lossy WebP, AVIF and HEIC."""

# Keys of ``Image.info`` that only say how to display the pixels. Everything else
# (exif, xmp, photoshop/IPTC, comment, PNG text chunks, GIF extensions, pillow-heif
# "metadata") is dropped.
_DISPLAY_INFO_KEYS = (
    "icc_profile",
    "nclx_profile",
    "dpi",
    "transparency",
    "background",
    "loop",
    "duration",
)

# JPEG APPn segments that carry no metadata: the JFIF header, the ICC profile and the
# Adobe colour transform marker. Any other segment (Exif, XMP, Photoshop/IPTC in APP13,
# MPF, maker data) counts as metadata.
_PLAIN_JPEG_SEGMENTS = {
    ("APP0", b"JFIF\x00"),
    ("APP2", b"ICC_PROFILE\x00"),
    ("APP14", b"Adobe"),
}

# APP1 payloads already reported through ``Image.info``: EXIF and the main XMP packet.
_REPORTED_JPEG_SEGMENTS = (b"Exif\x00", b"http://ns.adobe.com/xap/1.0/\x00")

# GIF application extensions that only control animation.
_PLAIN_GIF_EXTENSIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")

_XMP_INFO_KEYS = ("xmp", "XML:com.adobe.xmp")


class ImageMetadataError(Exception):
    """Metadata survived cleaning. Raised instead of storing a file that still leaks."""


@dataclass(frozen=True)
class StrippedImage:
    """The result of :func:`strip_image_metadata`.

    ``content`` is the file to store. ``removed`` names what was found and removed
    (such as ``"EXIF (with GPS)"`` or ``"XMP"``); when it is empty, ``content`` is the
    original file, byte for byte. ``width`` and ``height`` are those of ``content``.
    ``orientation`` is the EXIF orientation that was applied to the pixels (``1``:
    none, ``6``: turned a quarter clockwise, ...).
    """

    content: bytes
    format: str | None
    width: int | None
    height: int | None
    removed: tuple[str, ...]
    orientation: int = 1

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def find_image_metadata(file: IO[bytes]) -> tuple[str, ...]:
    """Name the identifying metadata in an image file; empty when there is none.

    Reads ``file`` from the start. A file Pillow cannot read, or a format outside
    :data:`SUPPORTED_FORMATS`, reports nothing.
    """
    content = _read_all(file)
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format not in SUPPORTED_FORMATS:
                return ()
            return _metadata_in(image, content)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return ()


def strip_image_metadata(file: IO[bytes]) -> StrippedImage:
    """Return the image in ``file`` without location, camera or author metadata.

    The orientation recorded in EXIF (or XMP) is applied to the pixels first, so the
    cleaned image looks the same. The format stays the same (an MPO becomes a plain
    JPEG); a JPEG reuses its quantisation tables and chroma subsampling, WebP stays
    lossless when it was, PNG and GIF are lossless anyway. Raises
    :class:`ImageMetadataError` if the written file still carries metadata.
    """
    content = _read_all(file)
    try:
        image = Image.open(io.BytesIO(content))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return StrippedImage(content, None, None, None, ())
    with image:
        if image.format not in SUPPORTED_FORMATS:
            return StrippedImage(content, image.format, *image.size, ())
        removed = _metadata_in(image, content)
        if not removed:
            return StrippedImage(content, image.format, *image.size, ())
        output_format = "JPEG" if image.format == "MPO" else image.format
        orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
        cleaned = _write_without_metadata(image, content, output_format)

    with Image.open(io.BytesIO(cleaned)) as result:
        left = _metadata_in(result, cleaned)
        if left:
            raise ImageMetadataError(f"Metadata left after cleaning: {', '.join(left)}")
        width, height = result.size
        return StrippedImage(
            cleaned, output_format, width, height, removed, orientation
        )


def _read_all(file: IO[bytes]) -> bytes:
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read()


def _metadata_in(image: Image.Image, content: bytes) -> tuple[str, ...]:
    found: list[str] = []
    exif = image.getexif()
    raw_exif = image.info.get("exif") or image.info.get("Raw profile type exif")
    if raw_exif or len(exif):
        has_gps = ExifTags.IFD.GPSInfo in exif and bool(
            exif.get_ifd(ExifTags.IFD.GPSInfo)
        )
        found.append("EXIF (with GPS)" if has_gps else "EXIF")
    if any(image.info.get(key) for key in _XMP_INFO_KEYS):
        found.append("XMP")
    if image.info.get("comment"):
        found.append("comment")
    if image.info.get("metadata"):  # pillow-heif: other metadata boxes (IPTC, ...)
        found.append("metadata boxes")
    finder = _FORMAT_FINDERS.get(image.format or "")
    if finder is not None:
        found.extend(label for label in finder(image, content) if label not in found)
    return tuple(found)


def _jpeg_metadata(image: Any, content: bytes) -> list[str]:
    found = []
    for marker, payload in getattr(image, "applist", []):
        if any(marker == m and payload.startswith(p) for m, p in _PLAIN_JPEG_SEGMENTS):
            continue
        if marker == "COM" or payload.startswith(_REPORTED_JPEG_SEGMENTS):
            continue  # reported above as comment, EXIF or XMP
        if marker == "APP13":
            found.append("IPTC (Photoshop APP13)")
        else:
            found.append(f"{marker} segment")
    if getattr(image, "n_frames", 1) > 1:
        found.append("extra frames (MPO)")
    return found


def _png_metadata(image: Any, content: bytes) -> list[str]:
    # ``text`` reads every tEXt, zTXt and iTXt chunk, also those after the pixels.
    reported = (*_XMP_INFO_KEYS, "Raw profile type exif")
    keys = [key for key in image.text if key not in reported]
    return [f"PNG text chunks ({', '.join(sorted(keys))})"] if keys else []


def _gif_metadata(image: Any, content: bytes) -> list[str]:
    found = []
    # Pillow keeps only the last application extension it read, so an XMP packet is
    # also looked for by its application identifier.
    if b"XMP DataXMP" in content:
        found.append("XMP")
    extension = image.info.get("extension")
    if extension and not extension[0].startswith(_PLAIN_GIF_EXTENSIONS):
        found.append("GIF application extension")
    return found


_FORMAT_FINDERS: dict[str, Callable[[Any, bytes], list[str]]] = {
    "JPEG": _jpeg_metadata,
    "MPO": _jpeg_metadata,
    "PNG": _png_metadata,
    "GIF": _gif_metadata,
}


def _write_without_metadata(
    image: Image.Image, content: bytes, output_format: str
) -> bytes:
    display_info: dict[str | tuple[int, int], Any] = {
        k: image.info[k] for k in _DISPLAY_INFO_KEYS if k in image.info
    }
    options = _save_options(image, content, output_format)
    animated = output_format in {"GIF", "PNG", "WEBP", "AVIF"} and (
        getattr(image, "n_frames", 1) > 1
    )
    output = io.BytesIO()
    if animated:
        frames, durations = _upright_frames(image)
        first = frames[0]
        first.info = dict(display_info)
        options.update(save_all=True, append_images=frames[1:])
        if any(durations):
            options["duration"] = durations
        if output_format == "GIF":
            # Pillow hands over every frame whole (already composed), so each frame
            # replaces the last: cleared first where it has transparency.
            transparent = "transparency" in image.info or first.mode in {"RGBA", "PA"}
            options["disposal"] = 2 if transparent else 1
        first.save(output, output_format, **options)
    else:
        # exif_transpose returns a new image; copy() again drops its cached Exif
        # object, which some writers (pillow-heif) would otherwise write back.
        upright = ImageOps.exif_transpose(image).copy()
        upright.info = display_info
        upright.save(output, output_format, **options)
    return output.getvalue()


def _upright_frames(image: Image.Image) -> tuple[list[Image.Image], list[int]]:
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    method = _TRANSPOSE_FOR_ORIENTATION.get(orientation)
    frames, durations = [], []
    for frame in ImageSequence.Iterator(image):
        frame.load()  # WebP and AVIF read a frame's duration with its pixels
        durations.append(int(frame.info.get("duration", 0) or 0))
        upright = frame.copy() if method is None else frame.transpose(method)
        upright.info = {}
        frames.append(upright)
    return frames, durations


_TRANSPOSE_FOR_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _save_options(
    image: Image.Image, content: bytes, output_format: str
) -> dict[str, Any]:
    # Writers are told explicitly to write no metadata: some would otherwise carry a
    # comment or EXIF over from the image they were given.
    options: dict[str, Any] = {}
    if icc_profile := image.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    if output_format == "JPEG":
        options.update(_jpeg_options(image))
        options.update(comment=b"", exif=b"")
    elif output_format == "PNG":
        if "dpi" in image.info:
            options["dpi"] = image.info["dpi"]
    elif output_format == "GIF":
        options["comment"] = b""
        if "loop" in image.info:
            options["loop"] = image.info["loop"]
    elif output_format == "WEBP":
        if _is_lossless_webp(content):
            options.update(lossless=True, exact=True)
        else:
            options["quality"] = LOSSY_QUALITY
        options.update(exif=b"", xmp=b"")
        if "loop" in image.info:
            options["loop"] = image.info["loop"]
    elif output_format in {"AVIF", "HEIF"}:
        options["quality"] = LOSSY_QUALITY
    return options


def _jpeg_options(image: Image.Image) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if "dpi" in image.info:
        options["dpi"] = tuple(round(value) for value in image.info["dpi"])
    if image.info.get("progressive") or image.info.get("progression"):
        options["progressive"] = True
    quantization = getattr(image, "quantization", None)
    if quantization:
        # The original tables keep the original quality (and file size) instead of
        # guessing a quality number.
        from PIL import JpegImagePlugin

        options["qtables"] = [quantization[key] for key in sorted(quantization)]
        sampling = JpegImagePlugin.get_sampling(image)
        if sampling != -1:
            options["subsampling"] = sampling
    else:
        options["quality"] = JPEG_QUALITY
    return options


def _is_lossless_webp(content: bytes) -> bool:
    # A lossless WebP holds its pixels in a "VP8L" chunk, a lossy one in "VP8 ".
    return b"VP8L" in content[:4096] and b"VP8 " not in content[:4096]
