"""Keep only what rendering needs in an image file: pixels, colour, timing, transparency.

A photo of a defender can carry where and when it was taken (EXIF GPS), the camera and
its serial number, the photographer, captions and keywords (XMP, IPTC), comments, and
anything an application chose to hide in its container. Wagtail stores an upload byte
for byte and passes EXIF on to JPEG and PNG renditions, so the package cleans every
original before it is stored (see :mod:`~wagtail_defenders.images.cleaning`) and the
``strip_image_metadata`` command cleans images stored before.

The rule is an allow-list: an original keeps its pixels (the EXIF orientation
applied to them), its ICC colour profile, transparency and animation timing (frame
durations, loop count), and, for JPEG and PNG, its pixel density. Everything else is
dropped, whatever it is called and wherever it sits: JPEG, PNG, GIF and WebP through
:mod:`~wagtail_defenders.images.containers`, TIFF and BMP by writing them again
from their pixels, SVG through :mod:`~wagtail_defenders.images.svg`. A file that
already holds nothing else is returned byte for byte, so cleaning twice changes
nothing and a clean JPEG is never re-encoded.

:func:`strip_image_metadata` is pure: it takes a file object and returns the cleaned
bytes. It never touches a path or a storage, so it works the same on disk and on S3.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO, Any

from PIL import (
    ExifTags,
    Image,
    ImageOps,
    ImageSequence,
    TiffTags,
    UnidentifiedImageError,
)

from .containers import FILTERS, ContainerError, filter_container, unexpected_boxes
from .svg import looks_like_svg, sanitise_svg

try:  # Willow[heif] (a Wagtail dependency) brings pillow-heif; without it, no HEIC.
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover - depends on the installed extras
    register_heif_opener = None  # type: ignore[assignment]

if register_heif_opener is not None:
    register_heif_opener()

#: Pillow format names this module cleans; ``MPO`` (a JPEG with extra frames, as
#: phones write) is written back as a plain JPEG. Other formats (SVG, ICO, ...) are
#: returned unchanged.
SUPPORTED_FORMATS = frozenset(
    {"JPEG", "MPO", "PNG", "WEBP", "GIF", "AVIF", "HEIF", "TIFF", "BMP"}
)

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
    """Name what cleaning would remove from an image file; empty when nothing.

    Reads ``file`` from the start. A file that is neither an SVG nor in
    :data:`SUPPORTED_FORMATS` (or that Pillow cannot read) reports nothing.
    """
    content = _read_all(file)
    if looks_like_svg(content):
        try:
            return sanitise_svg(content)[1]
        except ValueError:
            return (UNPARSABLE_SVG,)
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format not in SUPPORTED_FORMATS:
                return ()
            return _analyse(image, content).removed
    except _PILLOW_ERRORS:
        return ()


def strip_image_metadata(file: IO[bytes]) -> StrippedImage:
    """Return the image in ``file`` with only what rendering needs.

    JPEG, PNG, GIF and WebP keep the parts of their container in an allow-list
    (:mod:`~wagtail_defenders.images.containers`): everything else is dropped
    without touching the pixels. An orientation recorded in EXIF (or XMP) is
    applied to the pixels first, which re-encodes the picture: a JPEG with its own
    quantisation tables and chroma subsampling, WebP lossless when it was. TIFF
    and BMP are written again from their pixels. An SVG is sanitised
    (:mod:`~wagtail_defenders.images.svg`). AVIF and HEIC lose EXIF, XMP and the
    metadata boxes their decoder reports. Raises :class:`ImageMetadataError` if the
    written file still carries something.
    """
    content = _read_all(file)
    if looks_like_svg(content):
        try:
            cleaned, removed = sanitise_svg(content)
        except ValueError as error:
            # Stored as it is, it could carry anything: refuse it.
            raise ImageMetadataError(str(error)) from error
        return StrippedImage(cleaned, "SVG", None, None, removed)
    try:
        image = Image.open(io.BytesIO(content))
    except _PILLOW_ERRORS:
        return StrippedImage(content, None, None, None, ())
    with image:
        if image.format not in SUPPORTED_FORMATS:
            return StrippedImage(content, image.format, *image.size, ())
        analysis = _analyse(image, content)
        if not analysis.removed:
            return StrippedImage(content, image.format, *image.size, ())
        output_format = "JPEG" if image.format == "MPO" else image.format
        if analysis.filtered is not None and analysis.orientation == 1:
            cleaned = analysis.filtered
        else:
            cleaned = _write_without_metadata(image, content, output_format)
            if output_format in FILTERS:
                # Whatever a writer adds of its own goes the same way.
                cleaned = filter_container(output_format, cleaned)[0]

    with Image.open(io.BytesIO(cleaned)) as result:
        result.load()
        left = _analyse(result, cleaned).removed
        if left:
            raise ImageMetadataError(f"Metadata left after cleaning: {', '.join(left)}")
        width, height = result.size
        return StrippedImage(
            cleaned,
            output_format,
            width,
            height,
            analysis.removed,
            analysis.orientation,
        )


#: What ``find_image_metadata`` reports for an SVG that cannot be parsed safely.
UNPARSABLE_SVG = "an SVG that cannot be parsed safely (not stored)"

_PILLOW_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError)

#: Formats written again from their pixels: their containers (TIFF's IFDs can
#: point anywhere in the file) are not filtered, the file is rebuilt.
REBUILT_FORMATS = frozenset({"TIFF", "BMP"})

#: TIFF tags that describe how to read and show the pixels; any other tag (Make,
#: Model, DateTime, Artist, the EXIF and GPS IFDs, ...) is dropped.
TIFF_RENDERING_TAGS = frozenset(
    {
        254,
        255,
        256,
        257,
        258,
        259,
        262,
        266,
        273,
        274,
        277,
        278,
        279,
        282,
        283,
        284,
        296,
        317,
        320,
        322,
        323,
        324,
        325,
        338,
        339,
        34675,
    }
)


@dataclass(frozen=True)
class _Analysis:
    removed: tuple[str, ...]
    orientation: int
    # The file with the parts rendering does not need dropped, when its format
    # has a filter and its structure could be read.
    filtered: bytes | None = None


def _analyse(image: Image.Image, content: bytes) -> _Analysis:
    orientation = _orientation(image)
    exif_label = _exif_label(image)
    image_format = image.format or ""
    if image_format in FILTERS:
        try:
            filtered, removed = filter_container(image_format, content, exif_label)
        except ContainerError:
            return _Analysis(("a damaged or unusual file structure",), orientation)
        if orientation != 1 and not removed:
            removed = (exif_label,)
        return _Analysis(removed, orientation, filtered)
    if image_format in REBUILT_FORMATS:
        return _Analysis(_rebuilt_labels(image, content, exif_label), orientation)
    return _Analysis(_metadata_in(image, content), orientation)


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(ExifTags.Base.Orientation, 1) or 1)
    except _PILLOW_ERRORS:  # an EXIF block Pillow cannot read: nothing to apply
        return 1


def _exif_label(image: Image.Image) -> str:
    try:
        exif = image.getexif()
    except _PILLOW_ERRORS:
        return "EXIF"
    has_gps = ExifTags.IFD.GPSInfo in exif and bool(exif.get_ifd(ExifTags.IFD.GPSInfo))
    return "EXIF (with GPS)" if has_gps else "EXIF"


def _rebuilt_labels(
    image: Image.Image, content: bytes, exif_label: str
) -> tuple[str, ...]:
    tags = getattr(image, "tag_v2", None)
    found: list[str] = []
    if tags is not None:
        if {34665, 34853} & set(tags):
            found.append(exif_label)
        names = sorted(
            TiffTags.lookup(tag).name
            for tag in tags
            if tag not in TIFF_RENDERING_TAGS and tag not in (34665, 34853)
        )
        if names:
            found.append(f"TIFF tags ({', '.join(names)})")
    if found:
        return tuple(found)
    # Nothing named: still rebuilt, and clean only if the rebuild is the file.
    rebuilt = _write_without_metadata(image, content, image.format or "")
    return () if rebuilt == content else ("data outside the pixels",)


def _read_all(file: IO[bytes]) -> bytes:
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read()


def _metadata_in(image: Image.Image, content: bytes) -> tuple[str, ...]:
    # AVIF and HEIC: what their decoder reports, and top-level boxes outside the
    # allow-list; either makes the file re-encoded from its pixels.
    found: list[str] = []
    exif = image.getexif()
    if image.info.get("exif") or len(exif):
        found.append(_exif_label(image))
    if any(image.info.get(key) for key in _XMP_INFO_KEYS):
        found.append("XMP")
    if image.info.get("comment"):
        found.append("comment")
    if image.info.get("metadata"):  # pillow-heif: other metadata boxes (IPTC, ...)
        found.append("metadata boxes")
    found.extend(label for label in unexpected_boxes(content) if label not in found)
    return tuple(found)


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
