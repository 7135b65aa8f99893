"""The private attributes of Django and Wagtail the package relies on, each behind one function.

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


def wrap_localize_translation_writes(
    *,
    create_or_update_translation: Any,
    get_segments_for_translation: Any,
    copy_synchronised_fields: Any,
    create_translations: Any,
) -> None:
    """Wrap the four steps of wagtail-localize's write of a translation.

    wagtail-localize has no hook between "load the segments" and "save the
    target" (``wagtail_defenders.translation_sync`` says why the package needs
    one). The steps, all reached from ``TranslationSource.create_or_update_translation``:
    its private ``_get_segments_for_translation``, the module-level name
    ``wagtail_localize.models.copy_synchronised_fields`` it calls, and
    ``TranslationCreator.create_translations`` (the Translate action). Each
    argument takes the original and returns its replacement. Wrapping twice is
    a no-op.
    """
    from wagtail_localize import models as localize_models
    from wagtail_localize import operations

    source = localize_models.TranslationSource
    creator = operations.TranslationCreator
    if getattr(source.create_or_update_translation, "__wrapped__", None):
        return
    source.create_or_update_translation = create_or_update_translation(
        source.create_or_update_translation
    )
    source._get_segments_for_translation = get_segments_for_translation(
        source._get_segments_for_translation
    )
    localize_models.copy_synchronised_fields = copy_synchronised_fields(
        localize_models.copy_synchronised_fields
    )
    creator.create_translations = create_translations(creator.create_translations)


def cached_related(instance: Any, name: str) -> Any:
    """The object loaded for the foreign key ``name`` of ``instance``, or None.

    None when the key is empty or the related object was not loaded
    (``select_related``): reading it would cost a query. Django keeps a loaded
    related object in the field's cache (``Field.is_cached``/``get_cached_value``,
    undocumented).
    """
    field = instance._meta.get_field(name)
    if not field.is_cached(instance):
        return None
    return field.get_cached_value(instance)


def show_related(instance: Any, name: str, obj: Any) -> None:
    """Make ``instance.<name>`` return ``obj`` without changing the stored key.

    For display only: ``instance.<name>_id`` keeps its value, and Django's
    ``save()`` drops a cached object whose key differs from it
    (``_prepare_related_fields_for_save``), so a save stores the original
    choice. Uses the undocumented ``Field.set_cached_value``.
    """
    instance._meta.get_field(name).set_cached_value(instance, obj)


def wrap_v3_pages_queryset(wrapper: Any) -> None:
    """Wrap the queryset every route of Wagtail 8's v3 ``pages/`` router starts from.

    Wagtail's pages router (``wagtail.api.v3.routers.pages``) has no documented
    hook for its queryset: its list, ``find/``, detail and filter routes each
    call the module-level name ``get_pages_queryset`` it imports, which for an
    anonymous request matches view restrictions by path only (so an alias of a
    private page is listed). ``wrapper`` takes that function and returns its
    replacement, which is set on the router's module. Wrapping twice is a no-op.
    """
    from wagtail.api.v3.routers import pages

    if getattr(pages.get_pages_queryset, "__wrapped__", None):
        return
    pages.get_pages_queryset = wrapper(pages.get_pages_queryset)


def set_request_site(request: Any, site: Any) -> None:
    """Make ``site`` the Wagtail site of ``request`` (a request a command builds).

    ``Site.find_for_request`` reads the site it found before from the request's
    private ``_wagtail_site`` first; there is no public way to give a request
    its site (matching by host would need the host in ``ALLOWED_HOSTS``, which
    a management command cannot count on).
    """
    request._wagtail_site = site
