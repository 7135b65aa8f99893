"""Reading request parameters, and the one error for the bad ones.

Every surface (the index page, API v2 and v3, GraphQL) reads its parameters
through these functions, from a ``QueryDict`` (a parameter may be repeated) or
from a plain mapping (GraphQL's arguments), and reports malformed values with
:class:`InputError`, which carries every bad parameter of the request at once.

A leaf: no models, no REST framework.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

__all__ = ["InputError", "boolean", "raw_values", "single", "values"]


class InputError(ValueError):
    """One or more request parameters are malformed.

    ``errors`` maps each bad parameter to a message that says what is accepted;
    a surface answers with all of them (a 400, a GraphQL error), never only the
    first. Also importable as ``wagtail_defenders.filters.FilterError`` and
    ``wagtail_defenders.api.inputs.InputError``.
    """

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__(
            " ".join(f"{name}: {message}" for name, message in errors.items())
        )


def raw_values(params: Mapping, name: str) -> list[str]:
    """Every value of ``name`` as sent (a repeated parameter gives several)."""
    if hasattr(params, "getlist"):
        return [str(value) for value in params.getlist(name)]
    value = params.get(name)
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def values(params: Mapping, name: str) -> list[str]:
    """Every value of ``name``, split on commas, stripped, without repeats:
    ``?theme=a&theme=b`` reads like ``?theme=a,b``."""
    found: list[str] = []
    for chunk in raw_values(params, name):
        for value in chunk.split(","):
            value = value.strip()
            if value and value not in found:
                found.append(value)
    return found


def single(params: Mapping, name: str) -> str | None:
    """The last value of a single-valued parameter, stripped; ``None`` if absent
    or empty (as Django's ``QueryDict.get`` takes the last)."""
    sent = raw_values(params, name)
    if not sent:
        return None
    return sent[-1].strip() or None


TRUE = ("true", "1", "yes")
FALSE = ("false", "0", "no", "")


def boolean(params: Mapping, name: str, errors: dict[str, str]) -> bool:
    """``name`` as a boolean (``true``/``false``, ``1``/``0``, ``yes``/``no``);
    absent is false. A value that is neither adds a message to ``errors``."""
    sent = raw_values(params, name)
    if not sent:
        return False
    value = sent[-1].strip().lower()
    if value in TRUE:
        return True
    if value not in FALSE:
        errors[name] = _("Expected true or false.")
    return False
