"""The faceless picture itself: pixels only, every chosen region in flat blocks.

Pure Pillow, no Django. :func:`read_picture` decodes an image file as it is
shown (EXIF orientation applied, the first frame of an animation, colours in
sRGB), :func:`render_faceless` hides the regions, :func:`encode` writes the
result with nothing but pixels in the file.

Irreversibility: each region is cut out and pixelated on its own
(:func:`~wagtail_defenders.pixelation.pixelate`, blocks anchored at the
region's top-left corner, at :func:`~.regions.block_size_for`), so what ends up
inside it is a function of its block averages alone. ``blur`` softens those
flat blocks afterwards, still on the cut-out alone: blurring is computed from
the blocks, never from the original pixels, so it hides no more and no less
than the pixelation under it, and cannot be undone by deconvolution (which
would give back the blocks, not the face). Pixels outside every region are
copied unchanged.
"""

from __future__ import annotations

import io
from typing import IO

from PIL import Image, ImageCms, ImageFilter, ImageOps

from ..pixelation import pixelate, working_mode
from .regions import Region, block_size_for

PIXELATE = "pixelate"
BLUR = "blur"
STYLES = (PIXELATE, BLUR)

JPEG_QUALITY = 90


def read_picture(file: IO[bytes]) -> tuple[Image.Image, str]:
    """The picture in ``file`` as it is shown, and its Pillow format name.

    EXIF orientation is applied (coordinates always refer to the upright
    picture), an animation gives its first frame, and a picture with an ICC
    profile is converted to sRGB, so the profile need not be kept. Raises
    Pillow's errors for a file it cannot read.
    """
    with Image.open(file) as opened:
        source_format = opened.format or "PNG"
        opened.seek(0)
        opened.load()
        upright = ImageOps.exif_transpose(opened)
    picture = _to_srgb(upright)
    mode = working_mode(picture)
    picture = picture if picture.mode == mode else picture.convert(mode)
    # A fresh image: nothing of the file's info (EXIF, XMP, comments) comes along.
    clean = Image.new(mode, picture.size)
    clean.paste(picture)
    return clean, source_format


def _to_srgb(picture: Image.Image) -> Image.Image:
    icc = picture.info.get("icc_profile")
    if not icc:
        return picture
    mode = working_mode(picture)
    try:
        converted = ImageCms.profileToProfile(
            picture if picture.mode == mode else picture.convert(mode),
            ImageCms.ImageCmsProfile(io.BytesIO(icc)),
            ImageCms.createProfile("sRGB"),
            outputMode=mode,
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        converted = None
    # An unreadable profile: its pixels as they are, read as sRGB.
    return converted if converted is not None else picture


def render_faceless(
    picture: Image.Image,
    regions: list[Region],
    block_size: int,
    style: str = PIXELATE,
) -> Image.Image:
    """A new picture: ``picture`` with each region pixelated (or pixelated and
    blurred, ``style="blur"``); ``picture`` is unchanged."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, not {style!r}")
    mode = working_mode(picture)
    result = picture.convert(mode) if picture.mode != mode else picture.copy()
    for region in regions:
        size = block_size_for(region, block_size)
        hidden = pixelate(result.crop(region.box), size)
        if style == BLUR:
            hidden = hidden.filter(ImageFilter.GaussianBlur(radius=size / 2))
        result.paste(hidden, region.box[:2])
    return result


def encode(picture: Image.Image, source_format: str) -> tuple[bytes, str]:
    """``picture`` as file bytes and their extension: JPEG for a JPEG original
    without transparency, PNG otherwise. Nothing is written but the pixels (no
    EXIF, XMP, ICC profile, text chunk or comment)."""
    buffer = io.BytesIO()
    if source_format in {"JPEG", "MPO"} and picture.mode == "RGB":
        picture.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        return buffer.getvalue(), "jpg"
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), "png"


def thumbnail(picture: Image.Image, longest: int) -> Image.Image:
    """A copy of ``picture`` no longer than ``longest`` pixels on either side."""
    copy = picture.copy()
    copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    return copy
