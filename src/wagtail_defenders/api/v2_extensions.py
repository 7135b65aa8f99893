"""What the package plugs into Wagtail's API v2 extension points.

Wagtail's ``BaseAPIViewSet.listing_view`` gets the queryset, checks the
parameters, runs the ``filter_backends``, paginates with the
``pagination_class`` and serializes with the class ``get_serializer_class``
builds from ``base_serializer_class``. The package's endpoints keep that flow
and Wagtail's own rules and messages (``limit``, ``offset``, ``fields=``), and
plug in:

- :class:`ListingPagination`: Wagtail's pagination over the one paginator
  (:class:`~wagtail_defenders.models.pagination.ListingPaginator`), with the
  listing's language in ``meta``;
- :class:`ProfileFilter` and :class:`TermFilter`: the request read once
  (:class:`~wagtail_defenders.api.inputs.RequestReader`), every bad parameter
  in one 400, and the model layer's querysets;
- :class:`EntrySerializer`: an item in Wagtail's shape from the package's one
  representation (:mod:`wagtail_defenders.api.serializers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from wagtail.api.v2.pagination import WagtailPagination

from ..models.pagination import ListingPaginator


class _PaginatedListing:
    """A listing as Wagtail's pagination reads it (``count()``, then a slice),
    answered by the one paginator: cards loaded the page of ids first, and a
    window past the end empty without asking the database."""

    def __init__(self, listing: Any) -> None:
        self.paginator = ListingPaginator(listing, per_page=1)

    def count(self) -> int:
        return self.paginator.count

    def __getitem__(self, window: slice) -> list:
        return self.paginator.rows(window.start, window.stop)


class ListingPagination(WagtailPagination):
    """Wagtail's ``limit`` and ``offset`` (its defaults, bounds and messages);
    ``meta`` also gives the language the listing is in."""

    def paginate_queryset(self, queryset, request, view=None) -> Sequence:
        return super().paginate_queryset(_PaginatedListing(queryset), request, view)

    def get_paginated_response(self, data) -> Response:
        response = super().get_paginated_response(data)
        response.data["meta"]["locale"] = self.view.reader.locale.language_code
        return response


class ProfileFilter(BaseFilterBackend):
    """The index page's filters and ``order`` in the requested language, on
    the viewset's profiles (already in that language)."""

    def filter_queryset(self, request, queryset, view):
        reader = view.reader
        spec, locale = reader.spec(), reader.locale
        reader.check()
        return queryset.filtered(spec, locale).for_listing()


class TermFilter(BaseFilterBackend):
    """The terms of the requested language, with their counts of visible
    profiles; only those in use unless ``include_unused``."""

    def filter_queryset(self, request, queryset, view):
        reader = view.reader
        include_unused, locale = reader.boolean("include_unused"), reader.locale
        reader.check()
        return queryset.in_locale(locale).entries(
            view.visible_profiles(), include_unused=include_unused
        )


class EntrySerializer(BaseSerializer):
    """An item as Wagtail v2 shapes one: ``id``, a ``meta`` object, then the
    fields that ``fields=`` chose (``Meta.fields``, which Wagtail's
    ``get_serializer_class`` sets). The values come from the view's
    ``present()`` (the representation every API shares), ``meta`` from its
    ``meta()``; nothing here reads the database."""

    Meta: Any

    def to_representation(self, instance) -> dict[str, Any]:
        view = self.context["view"]
        entry = view.present(instance)
        data: dict[str, Any] = {"id": entry["id"], "meta": view.meta(entry)}
        data.update((name, entry[name]) for name in self.Meta.fields if name != "id")
        return data
