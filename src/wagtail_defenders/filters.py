"""Parsing of listing filters, shared by the index page, the APIs and GraphQL.

This module turns request parameters into a :class:`FilterSpec`. It is pure: it
imports no models and touches no database, so every surface parses the same way and
bad input is caught in one place.

The contract (DESIGN.md): the parameters are ``theme``, ``country``, ``city``,
``status``, ``year`` and a search query (``q`` on the index page, ``search`` in
the API), and ``order`` (``last_updated``: the most recently updated first). Values
are slugs; a country may also be given by its ISO 3166-1 alpha-2 code. A comma
inside one parameter means OR, different parameters mean AND. A parameter repeated
in the query string (``?theme=a&theme=b``) counts like ``?theme=a,b``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _

from .conf import defenders_settings
from .parameters import InputError, raw_values
from .parameters import values as parameter_values

#: A slug as Django's ``SlugField(allow_unicode=True)`` accepts it.
SLUG_RE = re.compile(r"^[-\w]+\Z")
YEAR_RE = re.compile(r"^[0-9]{4}\Z")
TERM_PARAMETERS = ("theme", "country", "city", "status")
#: The values ``order`` accepts; without it a listing has its default order.
ORDERS = ("last_updated",)


#: The error :func:`parse_filters` raises with ``strict=True``: the package's one
#: error type for bad parameters (:class:`wagtail_defenders.parameters.InputError`),
#: under the name this module always gave it.
FilterError = InputError


@dataclass(frozen=True)
class FilterSpec:
    """What a listing is filtered by. Empty tuples mean "no filter on this".

    ``errors`` holds the messages for malformed parameters that were dropped; a
    surface that does not raise on them shows them and lists nothing
    (:attr:`is_valid` is false).
    """

    themes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    query: str = ""
    #: One of :data:`ORDERS`, or empty for the listing's default order.
    order: str = ""
    errors: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def is_filtered(self) -> bool:
        """True when any filter or search is active."""
        return bool(
            self.themes
            or self.countries
            or self.cities
            or self.statuses
            or self.years
            or self.query
        )


def clean_search_text(raw: str) -> str:
    """``raw`` as a search: unprintable characters dropped, whitespace collapsed.

    NUL and the other control characters are never part of a search, and
    PostgreSQL refuses a NUL in any query, so they go before anything else looks
    at the text. Every search box (the index page, the APIs, a site's own search
    page) reads its text through this function.
    """
    query = "".join(ch for ch in raw if ch.isprintable() or ch == " ")
    return " ".join(query.split())


def search_words(query: str) -> str:
    """The words of ``query``, separated by one space: what a listing's search
    looks for (:meth:`~wagtail_defenders.models.querysets.DefenderPageQuerySet.search_hits`).

    Search backends read some punctuation as syntax (an unbalanced ``"`` is an
    error in SQLite's FTS5), and a visitor's typing must never fail a page; two
    queries with the same words are the same search (a cache key may say so).
    """
    return " ".join(re.findall(r"\w+", query))


def searchable(params: QueryDict) -> QueryDict:
    """``params`` with its ``search`` as every search box reads one
    (:func:`~wagtail_defenders.filters.clean_search_text`), left out when
    nothing is left of it, and without its double quotes when they do not pair.

    Wagtail's SQLite search backend answers a search of spaces, or an unpaired
    ``"`` (a phrase it cannot close), with a 500.
    """
    params = params.copy()
    text = clean_search_text(params.get("search", ""))
    if text.count('"') % 2:
        text = clean_search_text(text.replace('"', " "))
    if text:
        params["search"] = text
    else:
        del params["search"]
    params._mutable = False
    return params


def clean_search_parameter(request: HttpRequest) -> None:
    """Give ``request`` the ``?search=`` of :func:`searchable`, if it has one.

    The one guard in front of Wagtail's own ``pages/`` search, in API v2
    (``PagesAPIViewSet.initial``, with REST framework's underlying request) and
    API v3 (``_refusing_unsafe_parameters``): Wagtail reads ``request.GET``
    itself, so the cleaned parameters replace it.
    """
    if "search" in request.GET:
        # An immutable QueryDict, as Django's own (the stubs name that type apart).
        request.GET = searchable(request.GET)  # type: ignore[assignment]


def _clean_query(raw: str, errors: dict[str, str], name: str) -> str:
    query = clean_search_text(raw)
    limit = defenders_settings.SEARCH_QUERY_MAX_LENGTH
    if len(query) > limit:
        errors[name] = str(
            _("Use at most %(limit)d characters in a search.") % {"limit": limit}
        )
        return ""
    return query


def parse_filters(
    params: Mapping,
    *,
    query_param: str = "q",
    strict: bool = False,
) -> FilterSpec:
    """Parse request parameters (a ``QueryDict`` or a plain mapping) into a spec.

    Unknown parameters are ignored: they belong to someone else (``page``,
    ``fields``, tracking parameters). Malformed values are collected in
    ``FilterSpec.errors``; with ``strict=True`` they raise :class:`FilterError`
    instead, which an API answers with a 400.
    """
    errors: dict[str, str] = {}
    max_values = defenders_settings.FILTER_MAX_VALUES
    terms: dict[str, tuple[str, ...]] = {}
    for name in TERM_PARAMETERS:
        values = parameter_values(params, name)
        if len(values) > max_values:
            errors[name] = str(
                _("Give at most %(max)d values, separated by commas.")
                % {"max": max_values}
            )
            values = []
        bad = [value for value in values if not SLUG_RE.match(value)]
        if bad:
            errors[name] = str(
                _(
                    "Expected slugs (letters, digits, hyphens, underscores) "
                    "separated by commas."
                )
                if name != "country"
                else _(
                    "Expected slugs or ISO 3166-1 alpha-2 codes (such as ML), "
                    "separated by commas."
                )
            )
            values = []
        terms[name] = tuple(value.lower() for value in values)

    years: list[int] = []
    year_values = parameter_values(params, "year")
    if len(year_values) > max_values:
        errors["year"] = str(
            _("Give at most %(max)d years, separated by commas.") % {"max": max_values}
        )
    elif any(not YEAR_RE.match(value) for value in year_values):
        errors["year"] = str(
            _("Expected four-digit years such as 2024, separated by commas.")
        )
    else:
        years = sorted({int(value) for value in year_values})

    order = ""
    order_values = parameter_values(params, "order")
    if order_values:
        if len(order_values) == 1 and order_values[0] in ORDERS:
            order = order_values[0]
        else:
            errors["order"] = str(
                _("Expected one of: %(orders)s.") % {"orders": ", ".join(ORDERS)}
            )

    raw_queries = raw_values(params, query_param)
    query = _clean_query(" ".join(raw_queries), errors, query_param)

    if strict and errors:
        raise FilterError(errors)
    return FilterSpec(
        themes=terms["theme"],
        countries=terms["country"],
        cities=terms["city"],
        statuses=terms["status"],
        years=tuple(years),
        query=query,
        order=order,
        errors=errors,
    )
