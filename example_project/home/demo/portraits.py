"""Abstract placeholder portraits, drawn with Pillow.

Real portraits of people at risk are sensitive; the demo draws shapes in a
profile's colours instead, so nothing is downloaded and no one is shown.
"""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageDraw

SIZE = 800


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def draw_portrait(seed: str, colours: tuple[str, str, str]) -> bytes:
    """A square PNG of overlapping circles in ``colours``, the same for the same ``seed``.

    ``colours`` is (main, second, background). The PNG carries no metadata.
    """
    main, second, background = (_rgb(colour) for colour in colours)
    digest = hashlib.sha256(seed.encode()).digest()
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    # A large circle low in the frame, a smaller one above it: the outline of a
    # head and shoulders without any face.
    shift = digest[0] % 120 - 60
    draw.ellipse((90 + shift, 470, 710 + shift, 1090), fill=main)
    radius = 150 + digest[1] % 40
    centre_x, centre_y = SIZE // 2 + shift // 2, 300
    draw.ellipse(
        (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius),
        fill=second,
    )
    for index in range(3):
        size = 40 + digest[2 + index] % 60
        x = digest[5 + index] * 3 % (SIZE - size)
        y = digest[8 + index] % 160
        draw.ellipse((x, y, x + size, y + size), outline=main, width=8)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
