"""The regions an editor hides on a portrait, and how strongly.

No models, no database, no Pillow: :func:`parse_regions` turns what the admin
form sends (a JSON list of ``{"x", "y", "width", "height"}`` in pixels of the
picture as it is shown, EXIF orientation applied) into :class:`Region` objects,
and is where bad input becomes a :class:`RegionError` whose message says what is
accepted. :func:`block_size_for` is the strength rule: no region is ever split
into more than :data:`MAX_BLOCKS_ACROSS` blocks along its longer side, whatever
block size the editor asked for, so a large face is never pixelated finely
enough to be recognised.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

#: The most regions one picture may have hidden at once.
MAX_REGIONS = 50
#: The longest region list accepted, in characters of JSON.
MAX_INPUT_LENGTH = 20_000
#: The most blocks a region holds along its longer side.
MAX_BLOCKS_ACROSS = 8
#: The block sizes an editor may choose, in pixels of the original picture.
MIN_BLOCK_SIZE = 4
MAX_BLOCK_SIZE = 256
DEFAULT_BLOCK_SIZE = 16


class RegionError(ValueError):
    """The regions sent cannot be used; the message says why, for the editor."""


@dataclass(frozen=True)
class Region:
    """A rectangle of the picture, in whole pixels: ``x``, ``y`` its top-left corner."""

    x: int
    y: int
    width: int
    height: int

    @property
    def box(self) -> tuple[int, int, int, int]:
        """``(left, top, right, bottom)``, as Pillow's ``crop`` takes it."""
        return (self.x, self.y, self.x + self.width, self.y + self.height)

    def as_dict(self) -> dict[str, int]:
        return {"x": self.x, "y": self.y, "width": self.width, "height": self.height}

    def scaled(self, factor: float, width: int, height: int) -> Region:
        """This region on the picture scaled by ``factor`` (kept inside ``width`` by
        ``height``, at least one pixel)."""
        left = min(max(math.floor(self.x * factor), 0), width - 1)
        top = min(max(math.floor(self.y * factor), 0), height - 1)
        right = min(max(math.ceil((self.x + self.width) * factor), left + 1), width)
        bottom = min(max(math.ceil((self.y + self.height) * factor), top + 1), height)
        return Region(left, top, right - left, bottom - top)


def block_size_for(region: Region, block_size: int) -> int:
    """The block size ``region`` is pixelated with: ``block_size``, or larger when
    that would give more than :data:`MAX_BLOCKS_ACROSS` blocks along its longer
    side."""
    longest = max(region.width, region.height)
    return max(block_size, math.ceil(longest / MAX_BLOCKS_ACROSS), 2)


def _number(value: Any, name: str, position: int) -> float:
    # bool is an int to Python, never a coordinate to an editor.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RegionError(
            _("Region %(number)s: “%(name)s” must be a number of pixels.")
            % {"number": position, "name": name}
        )
    if not math.isfinite(value):
        raise RegionError(
            _("Region %(number)s: “%(name)s” must be a finite number.")
            % {"number": position, "name": name}
        )
    return float(value)


def parse_regions(raw: str, width: int, height: int) -> list[Region]:
    """The regions in ``raw`` (JSON), checked against a picture of ``width`` by
    ``height`` pixels.

    Each region is an object with the numbers ``x``, ``y``, ``width`` and
    ``height``; fractions are widened to whole pixels (never narrowed, so nothing
    the editor drew is left out). A region must lie inside the picture and be at
    least one pixel wide and high; there must be one to :data:`MAX_REGIONS`.
    Raises :class:`RegionError` naming the first thing wrong.
    """
    too_many = _("Too many regions: at most %(count)s.") % {"count": MAX_REGIONS}
    if len(raw) > MAX_INPUT_LENGTH:
        raise RegionError(too_many)
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        raise RegionError(
            _("The regions are not readable: a list such as %(example)s is expected.")
            % {"example": '[{"x": 10, "y": 20, "width": 100, "height": 120}]'}
        ) from None
    if not isinstance(data, list):
        raise RegionError(_("The regions must be a list of rectangles."))
    if not data:
        raise RegionError(_("Choose at least one region to hide."))
    if len(data) > MAX_REGIONS:
        raise RegionError(too_many)
    regions = []
    for position, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise RegionError(
                _("Region %(number)s must be a rectangle with x, y, width and height.")
                % {"number": position}
            )
        x, y, w, h = (
            _number(item.get(name), name, position)
            for name in ("x", "y", "width", "height")
        )
        if w <= 0 or h <= 0:
            raise RegionError(
                _("Region %(number)s has no area.") % {"number": position}
            )
        left, top = math.floor(x), math.floor(y)
        right, bottom = math.ceil(x + w), math.ceil(y + h)
        if left < 0 or top < 0 or right > width or bottom > height:
            raise RegionError(
                _(
                    "Region %(number)s lies outside the picture, which is "
                    "%(width)s by %(height)s pixels."
                )
                % {"number": position, "width": width, "height": height}
            )
        regions.append(Region(left, top, right - left, bottom - top))
    return regions
