"""Face detection that proposes regions: OpenCV's Haar cascades, when installed.

The cascades (frontal faces, and faces in profile looking either way) are the
model files that ship inside the ``opencv-python-headless`` 4.x wheels
(``cv2/data/``), installed with the package's ``faces`` extra; nothing is
downloaded at run time. Without OpenCV, :func:`detect_faces` proposes nothing
and the editor draws every region.

Detection only proposes: the editor sees each proposal, moves, adds or removes
regions, and confirms. A Haar cascade misses faces (turned away, small, in
shadow, covered); the admin says so.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from PIL import Image

from .regions import Region

cv2: Any
numpy: Any
try:
    import cv2
    import numpy
except ImportError:  # pragma: no cover - depends on the "faces" extra
    cv2 = None
    numpy = None

#: The cascades tried, by file name in ``cv2.data.haarcascades``.
CASCADES = ("haarcascade_frontalface_default.xml", "haarcascade_profileface.xml")
#: Detection runs on a copy no longer than this (a cascade finds faces of at
#: least 30 pixels; a larger copy only costs time).
DETECTION_SIZE = 1024
#: How much each side of a detected face is widened, as a share of its size:
#: a cascade frames the eyes, nose and mouth tightly, and hair, ears and jaw
#: identify a person too.
MARGIN = 0.25


def available() -> bool:
    """Whether faces can be detected (OpenCV and its cascades are installed)."""
    return cv2 is not None and all(_classifier(name) is not None for name in CASCADES)


@cache
def _classifier(name: str) -> Any:
    classifier = cv2.CascadeClassifier(cv2.data.haarcascades + name)
    return None if classifier.empty() else classifier


def detect_faces(picture: Image.Image) -> list[Region]:
    """Regions around the faces found in ``picture`` (empty without OpenCV),
    widened by :data:`MARGIN`, merged where they overlap, in its pixels."""
    if not available():
        return []
    grey = picture.convert("L")
    factor = min(1.0, DETECTION_SIZE / max(grey.size))
    if factor < 1.0:
        grey = grey.resize(
            (max(1, round(grey.width * factor)), max(1, round(grey.height * factor)))
        )
    pixels = numpy.asarray(grey)
    found: list[tuple[int, int, int, int]] = []
    for name in CASCADES:
        classifier = _classifier(name)
        found += [tuple(box) for box in classifier.detectMultiScale(pixels, 1.1, 5)]
        if name == "haarcascade_profileface.xml":
            # The profile cascade finds faces looking one way: the mirror, the other.
            width = pixels.shape[1]
            for x, y, w, h in classifier.detectMultiScale(
                numpy.ascontiguousarray(pixels[:, ::-1]), 1.1, 5
            ):
                found.append((width - x - w, y, w, h))
    boxes = [_widened(box, factor, picture.size) for box in found]
    return [Region(x, y, r - x, b - y) for x, y, r, b in _merged(boxes)]


def _widened(
    box: tuple[int, int, int, int], factor: float, size: tuple[int, int]
) -> tuple[int, int, int, int]:
    x, y, w, h = (int(value) / factor for value in box)
    left = max(0, math.floor(x - w * MARGIN))
    top = max(0, math.floor(y - h * MARGIN))
    right = min(size[0], math.ceil(x + w * (1 + MARGIN)))
    bottom = min(size[1], math.ceil(y + h * (1 + MARGIN)))
    return (left, top, right, bottom)


def _merged(
    boxes: list[tuple[int, int, int, int]],
) -> list[tuple[int, int, int, int]]:
    """Overlapping boxes joined into the box around them, until none overlap."""
    merged = list(boxes)
    changed = True
    while changed:
        changed = False
        for i in range(len(merged)):
            for j in range(i + 1, len(merged)):
                a, b = merged[i], merged[j]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    merged[i] = (
                        min(a[0], b[0]),
                        min(a[1], b[1]),
                        max(a[2], b[2]),
                        max(a[3], b[3]),
                    )
                    del merged[j]
                    changed = True
                    break
            if changed:
                break
    return sorted(merged)
