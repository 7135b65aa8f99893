"""The one paginator of every listing: the index page, API v2 and v3, GraphQL.

Django's :class:`~django.core.paginator.Paginator`, with two things a listing of
profiles needs: the rows of a page of profiles are loaded as cards, the page of
ids first (:meth:`~.querysets.DefenderPageQuerySet.cards`), and the APIs' windows
by offset and limit (:meth:`ListingPaginator.rows`) come from the same object,
with the same count. A window past the end is empty without asking the
database (SQLite fails on a huge ``OFFSET``).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator

from .querysets import DefenderPageQuerySet


class ListingPaginator(Paginator):
    """Django's paginator over a listing (a queryset of profiles or of terms)."""

    def rows(self, start: int, stop: int) -> list:
        """Rows ``start`` to ``stop`` of the listing, in its order."""
        if stop <= start or start >= self.count:
            return []
        if isinstance(self.object_list, DefenderPageQuerySet):
            return self.object_list.cards(start, stop)
        return list(self.object_list[start:stop])

    def page(self, number: Any) -> Page:
        """Django's page ``number``, its rows loaded by :meth:`rows`."""
        page = super().page(number)
        start = (page.number - 1) * self.per_page
        page.object_list = self.rows(start, start + self.per_page)
        return page

    def get_page(self, number: Any) -> Page:
        """Django's ``get_page`` (not a number: the first page; past the end: the
        last), and a number below 1 the first page: whatever a visitor sends
        gives the nearest valid page."""
        try:
            below_first = int(str(number).strip()) < 1
        except (TypeError, ValueError):
            below_first = False
        return super().get_page(1 if below_first else number)
