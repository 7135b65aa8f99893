"""Sanitise SVG images with an allow-list: drawing survives, everything else goes.

An SVG is XML: it can carry where and by whom it was made (``<metadata>`` with
XMP/RDF, Dublin Core, Inkscape and Illustrator namespaces), comments, titles and
descriptions, and it can run script (``<script>``, ``on*`` attributes,
``javascript:`` links) or fetch from elsewhere (external ``href``, ``<image>``,
``<foreignObject>``, CSS ``url()`` and ``@import``). Wagtail serves an SVG's
renditions as SVG, rewritten from the stored original.

:func:`sanitise_svg` parses with defusedxml (no entities, no external DTDs) and
writes a new document that keeps only elements of the SVG namespace named in
:data:`ELEMENTS`, attributes without a namespace named in :data:`ATTRIBUTES` (and
``href``, as ``xlink:href`` too, only when it points inside the document), and
the text of ``<text>``-like elements. Comments, processing instructions, the
doctype and any other namespace are dropped. Pure: bytes in, bytes out; a file
with nothing to drop comes back byte for byte, so cleaning twice changes nothing.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET  # noqa: S405 - only to build and write

from defusedxml import ElementTree as SafeET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

#: Elements that draw, group, reuse or paint: nothing that names, scripts or fetches.
ELEMENTS = frozenset(
    """
    svg g defs symbol use switch
    path rect circle ellipse line polyline polygon
    text tspan textPath style
    linearGradient radialGradient stop pattern clipPath mask marker
    filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA
    feFuncB feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset
    fePointLight feSpecularLighting feSpotLight feTile feTurbulence
    """.split()
)

#: Elements whose text is kept: drawn text, and CSS (checked like ``style``).
TEXT_ELEMENTS = frozenset({"text", "tspan", "textPath", "style"})

#: Geometry and presentation attributes; ``style`` only without outside references.
ATTRIBUTES = frozenset(
    """
    id class style viewBox preserveAspectRatio width height x y x1 y1 x2 y2 cx cy r rx ry
    fx fy fr d points pathLength transform version
    fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap
    stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset opacity
    color display visibility overflow clip-path clip-rule mask filter
    stop-color stop-opacity offset gradientUnits gradientTransform spreadMethod
    patternUnits patternContentUnits patternTransform clipPathUnits maskUnits
    maskContentUnits markerUnits markerWidth markerHeight refX refY orient
    marker-start marker-mid marker-end
    font-family font-size font-style font-weight font-variant text-anchor
    dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing
    text-decoration writing-mode dx dy rotate lengthAdjust textLength startOffset
    filterUnits primitiveUnits in in2 result stdDeviation mode type values
    tableValues slope intercept amplitude exponent operator k1 k2 k3 k4 order
    kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength
    surfaceScale diffuseConstant specularConstant specularExponent lighting-color
    azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle scale
    xChannelSelector yChannelSelector radius baseFrequency numOctaves seed
    stitchTiles flood-color flood-opacity color-interpolation-filters
    color-interpolation mix-blend-mode isolation shape-rendering text-rendering
    image-rendering vector-effect paint-order
    """.split()
)

# A value may refer to another element of the document only: no url() elsewhere,
# no @import, no script.
_OUTSIDE_REFERENCE = re.compile(
    r"url\(\s*(?!['\"]?#)|@import|javascript:|expression\(", re.IGNORECASE
)


def looks_like_svg(content: bytes) -> bool:
    """Whether ``content`` is, or claims to be, an SVG document.

    True for XML whose root is an SVG ``<svg>``, and for a document that opens like
    markup and names ``<svg`` but cannot be parsed safely (entities, a broken
    document): :func:`sanitise_svg` refuses those rather than let them through.
    """
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return False
    try:
        root = SafeET.fromstring(content)
    except Exception:  # noqa: BLE001 - entities, a broken document, ...
        return b"<svg" in head
    return root.tag == f"{{{SVG_NS}}}svg"


def sanitise_svg(content: bytes) -> tuple[bytes, tuple[str, ...]]:
    """The SVG in ``content`` with only what draws it, and labels of what was dropped.

    When nothing was dropped and the document is already in the form this
    function writes, the original bytes come back and the labels are empty.
    Raises ``ValueError`` for a document that is not an SVG or cannot be parsed
    safely (it declares entities, or is not well-formed XML).
    """
    try:
        root = SafeET.fromstring(content)
    except Exception as error:  # noqa: BLE001 - defusedxml's and expat's errors
        raise ValueError(f"an SVG that cannot be parsed safely: {error}") from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValueError("not an SVG document")
    removed: dict[str, None] = {}
    if b"<!--" in content:
        removed["comments"] = None
    if b"<!DOCTYPE" in content.upper():
        removed["doctype"] = None
    if re.search(rb"<\?(?!xml[\s?])", content):
        removed["processing instructions"] = None
    clean_root = _clean_element(root, removed)
    if clean_root is None:  # pragma: no cover - the root is an <svg>
        raise ValueError("not an SVG document")
    # The clean tree's tags carry no namespace; the root declares SVG's as the
    # default, so the document means the same and has no prefixes.
    clean_root.attrib = {"xmlns": SVG_NS, **clean_root.attrib}
    if not removed:
        # Every part of it is in the allow-list: it is kept as written.
        return content, ()
    return ET.tostring(clean_root, encoding="utf-8", xml_declaration=False), tuple(
        removed
    )


def _clean_element(element: ET.Element, removed: dict[str, None]) -> ET.Element | None:
    namespace, _, name = element.tag.rpartition("}")
    namespace = namespace.lstrip("{")
    if namespace != SVG_NS:
        removed[f"foreign element ({_describe(element.tag)})"] = None
        return None
    if name not in ELEMENTS:
        removed[f"<{name}>"] = None
        return None
    clean = ET.Element(name)
    for attribute, value in element.attrib.items():
        kept = _clean_attribute(attribute, value, removed)
        if kept is not None:
            clean.set(*kept)
    if name in TEXT_ELEMENTS and element.text:
        if name == "style" and _OUTSIDE_REFERENCE.search(element.text):
            removed["references outside the document"] = None
        else:
            clean.text = element.text
    elif element.text and element.text.strip():
        removed["text outside text elements"] = None
    for child in element:
        clean_child = _clean_element(child, removed)
        if clean_child is not None:
            if name in TEXT_ELEMENTS and child.tail:
                clean_child.tail = child.tail
            clean.append(clean_child)
        if name not in TEXT_ELEMENTS and child.tail and child.tail.strip():
            removed["text outside text elements"] = None
    return clean


def _clean_attribute(
    attribute: str, value: str, removed: dict[str, None]
) -> tuple[str, str] | None:
    if attribute in (f"{{{XLINK_NS}}}href", "href"):
        if value.strip().startswith("#"):
            return "href", value.strip()
        removed["links outside the document"] = None
        return None
    if attribute.startswith("{") or ":" in attribute:
        removed[f"foreign attribute ({_describe(attribute)})"] = None
        return None
    if attribute.lower().startswith("on"):
        removed["event attributes"] = None
        return None
    if attribute not in ATTRIBUTES:
        removed[f"attribute {attribute}"] = None
        return None
    if _OUTSIDE_REFERENCE.search(value):
        removed["references outside the document"] = None
        return None
    return attribute, value


def _describe(tag: str) -> str:
    namespace, _, name = tag.rpartition("}")
    return f"{namespace.lstrip('{')} {name}".strip()
