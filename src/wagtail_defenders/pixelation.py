"""Pixelation that cannot be undone: each block of pixels becomes one flat colour.

Pure Pillow, no Django: :func:`pixelate` replaces every block of ``N`` by ``N``
pixels (anchored at the top-left corner; the blocks along the right and bottom
edges may be smaller) by the average colour of that block. The result is a function
of the block averages alone: two pictures whose blocks average the same give the
same pixels, so nothing finer than a block can be recovered from it. The
``pixelate-N`` image filter (:mod:`wagtail_defenders.image_operations`) is built on
it.
"""

from __future__ import annotations

from PIL import Image

#: The smallest block size accepted: a block of one pixel changes nothing.
MIN_BLOCK_SIZE = 2


def working_mode(image: Image.Image) -> str:
    """The mode pixels are averaged in: ``RGBA`` when ``image`` has transparency,
    ``RGB`` otherwise (palette, greyscale, CMYK and 16-bit images are converted)."""
    has_alpha = image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or (
        image.mode == "P" and "transparency" in image.info
    )
    return "RGBA" if has_alpha else "RGB"


def pixelate(image: Image.Image, block_size: int) -> Image.Image:
    """``image`` in flat blocks of ``block_size`` pixels (a new image, same size).

    Each block's colour is the average of that block's pixels, rounded; blocks are
    laid out from the top-left corner, so those along the right and bottom edges
    may be narrower and are averaged over the pixels they hold. The result is in
    :func:`working_mode`. Raises :class:`ValueError` for a block size under
    :data:`MIN_BLOCK_SIZE`.
    """
    if block_size < MIN_BLOCK_SIZE:
        raise ValueError(
            f"The block size must be at least {MIN_BLOCK_SIZE} pixels, not {block_size}."
        )
    mode = working_mode(image)
    source = image if image.mode == mode else image.convert(mode)
    width, height = source.size
    # A block larger than the picture is the whole picture.
    factor = min(block_size, max(width, height))
    # Image.reduce averages each block (a box filter); a block that runs past the
    # edge is averaged over the pixels it holds. Enlarging the averages back with
    # NEAREST makes each one a flat block again.
    averages = source.reduce(factor)
    columns, rows = averages.size
    blocks = averages.resize(
        (columns * factor, rows * factor), Image.Resampling.NEAREST
    )
    return blocks.crop((0, 0, width, height))
