"""The ``pixelate-N`` image filter, registered through Wagtail's
``register_image_operations`` hook (see ``wagtail_hooks.py``).

``{% image portrait fill-400x400 pixelate-12 %}`` and
``image.get_rendition("fill-400x400|pixelate-12")`` give a rendition in flat blocks
of 12 by 12 pixels of the resized picture (:func:`~wagtail_defenders.pixelation.pixelate`).
Like every Wagtail filter operation it runs after the resizing ones, wherever it
stands in the spec, so ``N`` is measured on the rendition. The original image is
unchanged: for a portrait whose original must not be reachable at all, make it
faceless instead (:mod:`wagtail_defenders.faceless`).
"""

from __future__ import annotations

from typing import Any

from wagtail.images.image_operations import FilterOperation
from willow.plugins.pillow import PillowImage

from .pixelation import MIN_BLOCK_SIZE, pixelate


class PixelateOperation(FilterOperation):
    """``pixelate-N``: the rendition in flat blocks of ``N`` pixels (``N`` >= 2)."""

    def construct(self, block_size: str) -> None:
        # A ValueError becomes Wagtail's InvalidFilterSpecError, naming the spec.
        try:
            self.block_size = int(block_size)
        except ValueError:
            raise ValueError(
                f"pixelate needs a block size in pixels, such as pixelate-12, "
                f"not {block_size!r}"
            ) from None
        if self.block_size < MIN_BLOCK_SIZE:
            raise ValueError(
                f"pixelate needs a block size of at least {MIN_BLOCK_SIZE} pixels, "
                f"not {self.block_size}"
            )

    def run(self, willow: Any, image: Any, env: dict) -> PillowImage:
        # Any Willow backend (Wand, OpenCV) converts to Pillow on the way; an
        # animated picture keeps its first frame.
        return PillowImage(pixelate(willow.get_pillow_image(), self.block_size))
