"""Portrait renditions: the named sizes from ``WAGTAIL_DEFENDERS["PORTRAIT_RENDITIONS"]``,
and a cheap way to read renditions that were prefetched."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from ..conf import defenders_settings


def portrait_filter_specs() -> list[str]:
    """Every configured portrait filter spec, such as ``["fill-400x400", ...]``."""
    return list(dict.fromkeys(defenders_settings.PORTRAIT_RENDITIONS.values()))


def portrait_filter_spec(name: str) -> str:
    """The filter spec for one named portrait size (``"card"`` or ``"profile"``)."""
    return defenders_settings.PORTRAIT_RENDITIONS[name]


@functools.lru_cache(maxsize=128)
def image_filter(spec: str):
    """One shared Wagtail ``Filter`` per spec.

    Parsing a spec into operations is most of what a prefetched rendition
    costs; a ``Filter`` holds no per-image state, so one per spec is enough
    (as Wagtail's ``{% image %}`` tag keeps one per template node).
    """
    from wagtail.images.models import Filter  # loads models: not at import

    return Filter(spec=spec)


def get_renditions(image, specs: Iterable[str]) -> dict:
    """``image``'s renditions for ``specs``, by spec, created when missing.

    Renditions prefetched with ``prefetch_renditions`` cost no query and, unlike
    with ``Image.get_rendition``, are not written back to Django's cache (a
    pickle each, the bulk of a listing's time). A rendition whose original file
    is gone is left out rather than failing the page or response.
    """
    filters = {spec: image_filter(spec) for spec in dict.fromkeys(specs)}
    try:
        found = image.get_renditions(*filters.values())
    except OSError:  # Wagtail's SourceImageIOError: the original file is gone
        renditions = {}
        for spec, spec_filter in filters.items():
            try:
                renditions[spec] = image.get_rendition(spec_filter)
            except OSError:
                continue
        return renditions
    # Wagtail 7.1+ keys each result by its spec cleaned of "preserve-svg";
    # Wagtail 7.0 has no such directive and keys them by the spec as given.
    clean = getattr(image, "clean_filter_for_svg", None)
    return {
        spec: found[cleaned]
        for spec, spec_filter in filters.items()
        if (cleaned := clean(spec_filter).spec if clean else spec) in found
    }
