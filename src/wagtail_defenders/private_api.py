"""The private attributes of Django the package relies on, each behind one function.

Everything else the package uses of Django and Wagtail is public API. Where no
public way exists, the private use is isolated here, with the reason, and
``tests/test_private_api.py`` checks, on every supported Django and Wagtail
version, that the attribute still does what the function relies on: a release
that changes it fails that test, not a visitor's request.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.db.models.query import ModelIterable

QuerySetT = TypeVar("QuerySetT", bound=QuerySet)


def yield_with(queryset: QuerySetT, iterable_class: type[ModelIterable]) -> QuerySetT:
    """``queryset``, yielding its model instances through ``iterable_class``.

    Django has no public hook for what happens to a batch of fetched rows; its
    own ``values()`` and Wagtail's ``specific()`` change the queryset's private
    ``_iterable_class``, as this does. A queryset that yields something else
    already (``values()``, ``specific()``) is left as it is. Changes
    ``queryset`` in place (call it on a fresh clone) and returns it.
    """
    if queryset._iterable_class is ModelIterable:
        queryset._iterable_class = iterable_class
    return queryset


def is_new_upload(field_file: Any) -> bool:
    """True when ``field_file`` holds a file that is not in the storage yet.

    Such as an upload assigned to an image's ``file`` that Django's
    ``FileField.pre_save`` has still to save. Django marks it with the private
    ``FieldFile._committed`` (what ``pre_save`` itself reads); a stored file
    and an empty field are not new.
    """
    if not field_file:
        return False
    if isinstance(field_file, FieldFile):
        return not field_file._committed  # type: ignore[attr-defined]
    return False
