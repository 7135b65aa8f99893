"""The ``pixelate-N`` image filter: flat blocks of N pixels, through every way a site
asks for a rendition (the ``{% image %}`` tag, ``get_rendition``), and bad specs refused.

The block checks read the rendition's pixels back with Pillow; they do not use the
package's own code.
"""

from __future__ import annotations

import io
import random

import pytest
from django.core.files.images import ImageFile
from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError

from wagtail_defenders.pixelation import pixelate


def noisy_picture(width: int, height: int, seed: int = 1, mode: str = "RGB"):
    """Every pixel a different random colour: any detail left would show."""
    rng = random.Random(seed)
    channels = len(mode)
    data = bytes(rng.randrange(256) for _ in range(width * height * channels))
    return Image.frombytes(mode, (width, height), data)


def blocks(width: int, height: int, size: int):
    for top in range(0, height, size):
        for left in range(0, width, size):
            yield (left, top, min(left + size, width), min(top + size, height))


def assert_flat_blocks(result: Image.Image, original: Image.Image, size: int):
    """Each block is one colour, the average of the original block (to within 1).

    With transparency, a colour counts as much as it is opaque, as Pillow averages
    premultiplied colours (whose rounding grows as the block gets more transparent).
    """
    pixels, source = result.load(), original.convert(result.mode).load()
    for left, top, right, bottom in blocks(*result.size, size):
        area = [(x, y) for x in range(left, right) for y in range(top, bottom)]
        colours = {pixels[x, y] for x, y in area}
        assert len(colours) == 1, (left, top, colours)
        (colour,) = colours
        weights = [source[xy][3] if result.mode == "RGBA" else 1 for xy in area]
        for channel, value in enumerate(colour):
            # Pillow rounds the averages of blocks along the edges a little apart.
            tolerance = 1
            if channel == 3:
                expected = sum(weights) / len(area)
            elif sum(weights):
                total = sum(
                    source[xy][channel] * w for xy, w in zip(area, weights, strict=True)
                )
                expected = total / sum(weights)
                if result.mode == "RGBA":
                    tolerance += 255 * len(area) / sum(weights)
            else:
                continue  # fully transparent: the colour carries nothing
            assert abs(value - expected) <= tolerance, (left, top, channel, value)


@settings(max_examples=60, deadline=None)
@given(
    width=st.integers(1, 40),
    height=st.integers(1, 40),
    size=st.integers(2, 50),
    mode=st.sampled_from(["RGB", "RGBA", "L", "P"]),
    seed=st.integers(0, 2**16),
)
def test_pixelate_gives_flat_block_averages(width, height, size, mode, seed):
    if mode in ("L", "P"):
        original = noisy_picture(width, height, seed, "RGB").convert(mode)
    else:
        original = noisy_picture(width, height, seed, mode)
    result = pixelate(original, size)
    assert result.size == original.size
    assert result.mode == ("RGBA" if mode == "RGBA" else "RGB")
    assert_flat_blocks(result, original, size)


@settings(max_examples=30, deadline=None)
@given(
    width=st.integers(2, 24),
    height=st.integers(2, 24),
    size=st.integers(2, 8),
    seed=st.integers(0, 2**16),
)
def test_shuffling_pixels_within_a_block_changes_nothing(width, height, size, seed):
    """The result depends on the block averages alone: no finer detail is kept."""
    original = noisy_picture(width, height, seed)
    shuffled = original.copy()
    rng = random.Random(seed)
    for box in blocks(width, height, size):
        block = original.crop(box)
        data = block.tobytes()
        pixels = [data[i : i + 3] for i in range(0, len(data), 3)]
        rng.shuffle(pixels)
        shuffled.paste(Image.frombytes("RGB", block.size, b"".join(pixels)), box[:2])
    assert pixelate(shuffled, size).tobytes() == pixelate(original, size).tobytes()


def test_a_block_size_under_two_is_refused():
    with pytest.raises(ValueError, match="at least 2"):
        pixelate(noisy_picture(4, 4), 1)


# --- as a Wagtail filter ---------------------------------------------------------


@pytest.fixture
def noisy_image(db):
    buffer = io.BytesIO()
    noisy_picture(120, 90, seed=7).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="noise", file=ImageFile(buffer, name="noise.png")
    )


def rendition_pixels(rendition) -> Image.Image:
    with rendition.file.open("rb") as stored:
        return Image.open(io.BytesIO(stored.read())).convert("RGB")


@pytest.mark.parametrize(
    "spec", ["fill-60x60|pixelate-12", "pixelate-12|fill-60x60", "width-50|pixelate-7"]
)
def test_get_rendition_pixelates_after_resizing(noisy_image, spec):
    rendition = noisy_image.get_rendition(spec)
    size = int(spec.split("pixelate-")[1].split("|")[0])
    unpixelated = noisy_image.get_rendition(
        "|".join(part for part in spec.split("|") if not part.startswith("pixelate"))
    )
    result = rendition_pixels(rendition)
    assert result.size == (rendition.width, rendition.height)
    assert_flat_blocks(result, rendition_pixels(unpixelated), size)


def test_image_tag_pixelates(noisy_image):
    template = engines["django"].from_string(
        "{% load wagtailimages_tags %}"
        "{% image portrait fill-60x60 pixelate-12 as rendition %}{{ rendition.url }}"
    )
    url = template.render({"portrait": noisy_image})
    rendition = noisy_image.renditions.get()
    assert url == rendition.url
    assert rendition.filter_spec == "fill-60x60|pixelate-12"
    unpixelated = noisy_image.get_rendition("fill-60x60")
    assert_flat_blocks(rendition_pixels(rendition), rendition_pixels(unpixelated), 12)


def test_jpeg_renditions_are_pixelated_too(noisy_image):
    rendition = noisy_image.get_rendition("fill-60x60|pixelate-20|format-jpeg")
    result = rendition_pixels(rendition)
    # JPEG compression blurs the block edges a little; the inside of each block
    # stays one colour give or take the compression.
    for left, top, right, bottom in blocks(60, 60, 20):
        inside = result.crop((left + 4, top + 4, right - 4, bottom - 4))
        extrema = inside.getextrema()
        assert all(high - low <= 12 for low, high in extrema), (left, top, extrema)


@pytest.mark.parametrize(
    "spec", ["pixelate", "pixelate-0", "pixelate-1", "pixelate-x", "pixelate-12-4"]
)
def test_bad_pixelate_specs_are_refused(noisy_image, spec):
    with pytest.raises(InvalidFilterSpecError):
        noisy_image.get_rendition(f"fill-60x60|{spec}")
    assert not noisy_image.renditions.exists()
