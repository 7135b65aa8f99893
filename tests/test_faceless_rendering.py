"""Faceless portraits, the image itself: regions are read, checked and widened
to whole blocks, only blocks of the block size are left inside them, the file
depends only on the block averages, and detection proposes the face.

Pixels are read back with Pillow, not with the package's own code."""

from __future__ import annotations

import json
import random

import pytest
from django.utils import translation
from PIL import Image

from tests.faceless_pictures import (
    noisy_picture,
    synthetic_face,
)
from wagtail_defenders.faceless import detection
from wagtail_defenders.faceless.regions import (
    MAX_BLOCKS_ACROSS,
    MAX_REGIONS,
    Region,
    RegionError,
    block_size_for,
    parse_regions,
)
from wagtail_defenders.faceless.rendering import (
    BLUR,
    PIXELATE,
    encode,
    render_faceless,
)


def assert_flat_blocks(result: Image.Image, region: Region, size: int) -> None:
    """Inside ``region``, every block of ``size`` (from its corner) is one colour."""
    pixels = result.load()
    for top in range(region.y, region.y + region.height, size):
        for left in range(region.x, region.x + region.width, size):
            right = min(left + size, region.x + region.width)
            bottom = min(top + size, region.y + region.height)
            colours = {
                pixels[x, y] for x in range(left, right) for y in range(top, bottom)
            }
            assert len(colours) == 1, (left, top, colours)


def shuffled_within_blocks(picture, region: Region, size: int, seed: int = 3):
    """``picture`` with the pixels of each block of ``region`` shuffled in place."""
    rng = random.Random(seed)
    copy = picture.copy()
    for top in range(region.y, region.y + region.height, size):
        for left in range(region.x, region.x + region.width, size):
            box = (
                left,
                top,
                min(left + size, region.x + region.width),
                min(top + size, region.y + region.height),
            )
            block = copy.crop(box)
            data = block.tobytes()
            pixels = [data[i : i + 3] for i in range(0, len(data), 3)]
            rng.shuffle(pixels)
            copy.paste(Image.frombytes("RGB", block.size, b"".join(pixels)), box[:2])
    return copy


# --- regions ---------------------------------------------------------------


def test_regions_are_read_and_widened_to_whole_pixels():
    regions = parse_regions(
        json.dumps([{"x": 10.5, "y": 0, "width": 20.2, "height": 30}]), 100, 80
    )
    assert regions == [Region(10, 0, 21, 30)]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("not json", "not readable"),
        ('{"x": 1}', "must be a list"),
        ("[]", "at least one region"),
        ("[1]", "must be a rectangle"),
        ('[{"x": "ten", "y": 0, "width": 5, "height": 5}]', "must be a number"),
        ('[{"x": true, "y": 0, "width": 5, "height": 5}]', "must be a number"),
        ('[{"x": 0, "y": 0, "width": 5}]', "must be a number"),
        ('[{"x": 0, "y": 0, "width": 1e999, "height": 5}]', "finite"),
        ('[{"x": 0, "y": 0, "width": 0, "height": 5}]', "no area"),
        ('[{"x": -1, "y": 0, "width": 5, "height": 5}]', "outside the picture"),
        ('[{"x": 96, "y": 0, "width": 5, "height": 5}]', "outside the picture"),
        ('[{"x": 0, "y": 79.5, "width": 5, "height": 1}]', "outside the picture"),
        (
            json.dumps([{"x": 0, "y": 0, "width": 1, "height": 1}] * (MAX_REGIONS + 1)),
            "Too many",
        ),
        ("[" + " " * 30_000 + "]", "Too many"),
    ],
)
def test_bad_regions_are_refused_with_a_reason(raw, message):
    with translation.override("en"), pytest.raises(RegionError, match=message):
        parse_regions(raw, 100, 80)


def test_no_region_has_more_than_eight_blocks_across():
    assert block_size_for(Region(0, 0, 40, 20), 4) == 5
    assert block_size_for(Region(0, 0, 400, 300), 16) == 50
    assert block_size_for(Region(0, 0, 40, 40), 16) == 16
    assert MAX_BLOCKS_ACROSS == 8


# --- irreversibility of the pixels ----------------------------------------------


@pytest.mark.parametrize("block_size", [4, 9, 16])
def test_inside_a_region_only_blocks_of_the_block_size_are_left(block_size):
    picture = noisy_picture(120, 90)
    regions = [Region(5, 7, 50, 41), Region(70, 30, 50, 60)]
    result = render_faceless(picture, regions, block_size, PIXELATE)
    for region in regions:
        assert_flat_blocks(result, region, block_size_for(region, block_size))
    # Outside every region the picture is as it was.
    inside = {
        (x, y)
        for r in regions
        for x in range(r.x, r.x + r.width)
        for y in range(r.y, r.y + r.height)
    }
    before, after = picture.load(), result.load()
    for x in range(120):
        for y in range(90):
            if (x, y) not in inside:
                assert before[x, y] == after[x, y]


@pytest.mark.parametrize("style", [PIXELATE, BLUR])
@pytest.mark.parametrize("source_format", ["PNG", "JPEG"])
def test_the_file_depends_only_on_block_averages(style, source_format):
    """Two originals whose blocks average the same give the same faceless file,
    byte for byte: nothing finer than a block is in it (blurred or not)."""
    picture = noisy_picture(96, 80, seed=5)
    region = Region(8, 8, 64, 48)
    size = block_size_for(region, 8)
    shuffled = shuffled_within_blocks(picture, region, size)
    assert shuffled.tobytes() != picture.tobytes()
    first = encode(render_faceless(picture, [region], 8, style), source_format)
    second = encode(render_faceless(shuffled, [region], 8, style), source_format)
    assert first == second


# --- detection ---------------------------------------------------------------


def test_detection_proposes_the_face():
    pytest.importorskip("cv2", reason="the faces extra is not installed")
    assert detection.available()
    regions = detection.detect_faces(synthetic_face())
    assert len(regions) == 1
    (face,) = regions
    # The drawn oval (200..400 by 170..430) lies inside the proposal.
    assert face.x <= 200 and face.y <= 170
    assert face.x + face.width >= 400 and face.y + face.height >= 430


def test_detection_proposes_nothing_on_noise_or_without_opencv(monkeypatch):
    assert detection.detect_faces(Image.new("RGB", (200, 200), (90, 90, 90))) == []
    monkeypatch.setattr(detection, "cv2", None)
    assert not detection.available()
    assert detection.detect_faces(synthetic_face()) == []
