"""Portrait renditions: the named sizes from ``WAGTAIL_DEFENDERS["PORTRAIT_RENDITIONS"]``."""

from __future__ import annotations

from .conf import defenders_settings


def portrait_filter_specs() -> list[str]:
    """Every configured portrait filter spec, such as ``["fill-400x400", ...]``."""
    return list(dict.fromkeys(defenders_settings.PORTRAIT_RENDITIONS.values()))


def portrait_filter_spec(name: str) -> str:
    """The filter spec for one named portrait size (``"card"`` or ``"profile"``)."""
    return defenders_settings.PORTRAIT_RENDITIONS[name]
