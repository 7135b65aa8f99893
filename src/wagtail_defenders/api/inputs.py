"""Reading what an API request asks for: its site, its language and its filters.

Every headless surface (API v2, API v3, GraphQL) goes through these functions, so
they accept the same input and refuse bad input with the same messages. Nothing
here formats a response: a malformed value raises :class:`InputError`, which each
surface turns into its own kind of error (a 400, a GraphQL error).

Rules (documented in the README):

- ``site``: ``hostname`` or ``hostname:port`` of a Wagtail site. Without it, the
  site that serves the request. A filter, not access control (DESIGN.md).
- ``locale``: a language code such as ``nl`` or ``en``. Without it, the language
  of the site's root page. An unknown or malformed code is an error that lists
  the languages there are.
- no parameter's name or value may hold a control character such as NUL
  (:mod:`wagtail_defenders.request_guard`): PostgreSQL cannot store one, so it is
  refused before any query is built;
- the filters (``theme``, ``country``, ``city``, ``status``, ``year`` and the search) are
  parsed by :func:`wagtail_defenders.filters.parse_filters`; slugs are read in the
  requested language. An unknown slug is no error: it matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from ..filters import FilterError, FilterSpec, parse_filters
from ..models import City, DefenderPage, Output, TaxonomyTerm
from ..models.querysets import DefenderPageQuerySet
from ..request_guard import oversized_numbers, unsafe_parameters

LANGUAGE_CODE_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}\Z")
SITE_RE = re.compile(r"^[A-Za-z0-9._-]{1,253}(?::(\d{1,5}))?\Z")


#: The largest id a database's integer key can hold. A larger id in a URL finds
#: nothing; asked for it, SQLite raises ``OverflowError`` (a 500), so detail
#: views answer 404 without asking.
MAX_ID = 2**63 - 1


def is_possible_id(value: int) -> bool:
    """True when ``value`` could be a row's id (positive, within ``MAX_ID``)."""
    return 0 < value <= MAX_ID


class InputError(ValueError):
    """One or more request parameters are malformed.

    ``errors`` maps each bad parameter to a message that says what is accepted.
    """

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__(
            " ".join(f"{name}: {message}" for name, message in errors.items())
        )


def refuse_unsafe_parameters(params: Mapping, *, pagination: bool = False) -> None:
    """Raise :class:`InputError` naming each parameter that holds a control character.

    With ``pagination``, also an ``offset`` or ``limit`` too large for the
    database (for Wagtail's own endpoints, which hand them on unchecked).
    """
    errors = unsafe_parameters(params)
    if pagination:
        errors.update(oversized_numbers(params))
    if errors:
        raise InputError(errors)


class UnknownSiteError(InputError):
    """``site`` is well formed, but no site has that hostname (and port).

    API v3 answers it with a 404 (the schema allows any hostname), API v2 and
    GraphQL as any other :class:`InputError`.
    """


@dataclass(frozen=True)
class ProfileListing:
    """What :func:`list_profiles` found: the profiles and what they were read with."""

    site: Site | None
    locale: Locale
    spec: FilterSpec
    profiles: DefenderPageQuerySet


def find_site(request: HttpRequest, raw_site: str | None = None) -> Site | None:
    """The site asked for with ``raw_site``, else the site serving ``request``."""
    if not raw_site:
        return Site.find_for_request(request)
    match = SITE_RE.match(raw_site)
    if not match:
        raise InputError(
            {
                "site": _(
                    "Expected a site's hostname, or hostname:port, such as example.org."
                )
            }
        )
    hostname, _colon, port = raw_site.partition(":")
    sites = Site.objects.filter(hostname__iexact=hostname)
    if port:
        sites = sites.filter(port=int(port))
    found = list(sites[:2])
    if not found:
        raise UnknownSiteError({"site": _("No site has this hostname (and port).")})
    if len(found) > 1:
        raise InputError(
            {
                "site": _(
                    "Several sites have this hostname: add the port, as in hostname:port."
                )
            }
        )
    return found[0]


def find_locale(site: Site | None, raw_locale: str | None = None) -> Locale:
    """The language asked for with ``raw_locale``, else the site's root page's."""
    if raw_locale:
        if LANGUAGE_CODE_RE.match(raw_locale):
            locale = Locale.objects.filter(language_code__iexact=raw_locale).first()
            if locale is not None:
                return locale
        codes = ", ".join(
            Locale.objects.order_by("language_code").values_list(
                "language_code", flat=True
            )
        )
        raise InputError(
            {"locale": _("Unknown language. Use one of: %(codes)s.") % {"codes": codes}}
        )
    if site is not None:
        locale = Locale.objects.filter(
            pk__in=Page.objects.filter(pk=site.root_page_id).values("locale_id")
        ).first()
        if locale is not None:
            return locale
    return Locale.get_default()


def visible_profiles(site: Site | None) -> DefenderPageQuerySet:
    """The profiles an API may show, in every language: the visibility rule
    (:mod:`wagtail_defenders.models.visibility`) for ``site`` and
    :attr:`~wagtail_defenders.models.Output.API`. Nothing when ``site`` is ``None``.

    Whoever asks: a logged-in session or a token sees no more.
    """
    return DefenderPage.objects.visible(site=site, output=Output.API)


def term_queryset(model: type[TaxonomyTerm]):
    """Every term of ``model``, in display order, with what an entry shows."""
    related = ["locale", "country"] if model is City else ["locale"]
    return model.objects.select_related(*related).order_by("sort_order", "name", "pk")


def list_terms(
    model: type[TaxonomyTerm],
    relation: str,
    site: Site | None,
    locale: Locale,
    *,
    include_unused: bool = False,
) -> tuple[QuerySet, dict]:
    """The terms of ``locale`` and each one's count of visible profiles.

    Returns the terms (only those visible profiles use, unless
    ``include_unused``) and a dict of counts by ``translation_key``. The one
    path for the v2, v3 and GraphQL taxonomy listings.
    """
    counts = visible_profiles(site).filter(locale_id=locale.pk).term_counts(relation)
    terms = term_queryset(model).filter(locale_id=locale.pk)
    if not include_unused:
        terms = terms.filter(translation_key__in=list(counts))
    return terms, counts


def list_profiles(
    request: HttpRequest, params: Mapping, *, query_param: str = "search"
) -> ProfileListing:
    """The profiles of a listing request, filtered and loaded for cards.

    ``params`` holds ``theme``, ``country``, ``city``, ``status``, ``year``, ``locale``,
    ``site`` and the search under ``query_param`` (a ``QueryDict`` or a plain
    mapping). Raises :class:`InputError` naming every malformed parameter.
    Ordered by the newest public update with ``order=last_updated``, else by
    relevance when searching, else most recent stay first.
    """
    errors: dict[str, str] = dict(unsafe_parameters(params))
    try:
        spec = parse_filters(params, query_param=query_param, strict=True)
    except FilterError as error:
        errors.update(error.errors)
        spec = FilterSpec()
    site = locale = None
    unknown_site: UnknownSiteError | None = None
    try:
        site = find_site(request, _single(params, "site"))
    except UnknownSiteError as error:
        errors.update(error.errors)
        unknown_site = error
    except InputError as error:
        errors.update(error.errors)
    try:
        locale = find_locale(site, _single(params, "locale"))
    except InputError as error:
        errors.update(error.errors)
    if unknown_site is not None and errors == unknown_site.errors:
        raise unknown_site
    if errors or locale is None:
        raise InputError(errors)
    profiles = (
        visible_profiles(site).filter(locale_id=locale.pk).apply_filters(spec, locale)
    )
    return ProfileListing(
        site, locale, spec, profiles.in_listing_order(spec).for_listing()
    )


def _single(params: Mapping, name: str) -> str | None:
    """The last value of a single-valued parameter, stripped; ``None`` if absent."""
    if hasattr(params, "getlist"):
        values = params.getlist(name)
        value = values[-1] if values else None
    else:
        value = params.get(name)
    if value is None:
        return None
    return str(value).strip() or None
