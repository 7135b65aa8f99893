"""Reading what an API request asks for: its site, its language and its filters.

Every headless surface (API v2, API v3, GraphQL) reads its request with
:class:`RequestReader`, so they accept the same input and refuse bad input with
the same messages. Nothing here builds a query of profiles or terms (the model
layer does: ``DefenderPage.objects.visible(...).filtered(spec)``) nor formats a
response: malformed values raise one :class:`InputError` naming every bad
parameter, which each surface turns into its own kind of error (a 400, a GraphQL
error).

Rules (documented in docs/reference/api.md):

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
from functools import cached_property

from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from .. import parameters
from ..filters import FilterSpec, parse_filters
from ..models.lookups import MAX_ID, is_possible_id
from ..parameters import InputError
from ..request_guard import oversized_numbers, unsafe_parameters

__all__ = [
    "MAX_ID",
    "InputError",
    "RequestReader",
    "UnknownSiteError",
    "find_locale",
    "find_site",
    "is_possible_id",
    "refuse_unsafe_parameters",
]

LANGUAGE_CODE_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}\Z")
SITE_RE = re.compile(r"^[A-Za-z0-9._-]{1,253}(?::(\d{1,5}))?\Z")


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


class RequestReader:
    """The site, language, filters and options of one API request, each read
    once, with every bad parameter collected.

    ``params`` is the request's ``QueryDict`` (the default) or GraphQL's
    arguments. Reading a value never raises: :meth:`check` raises one
    :class:`InputError` with every message gathered so far (a control character
    in any value included), so a surface reads what it needs, then checks.
    """

    def __init__(self, request: HttpRequest, params: Mapping | None = None) -> None:
        self.request = request
        self.params = request.GET if params is None else params
        self.errors: dict[str, str] = dict(unsafe_parameters(self.params))
        #: Set when ``site=`` names no site (:class:`UnknownSiteError`).
        self.unknown_site: UnknownSiteError | None = None

    def _read(self, find, *args):
        try:
            return find(*args)
        except UnknownSiteError as error:
            self.unknown_site = error
            self.errors.update(error.errors)
            return None
        except InputError as error:
            self.errors.update(error.errors)
            return None

    @cached_property
    def site(self) -> Site | None:
        """``site=``'s site, else the site serving the request (looked up once)."""
        raw = parameters.single(self.params, "site")
        return self._read(find_site, self.request, raw)

    @cached_property
    def locale(self) -> Locale:
        """``locale=``'s language, else that of the site's root page (``None``
        when ``locale=`` is malformed: :meth:`check` then raises)."""
        raw = parameters.single(self.params, "locale")
        return self._read(find_locale, self.site, raw)

    def spec(self, query_param: str = "search") -> FilterSpec:
        """The filters, parsed as every listing parses them."""
        spec = parse_filters(self.params, query_param=query_param)
        self.errors.update(spec.errors)
        return spec

    def boolean(self, name: str) -> bool:
        return parameters.boolean(self.params, name, self.errors)

    def check(self) -> None:
        """Raise :class:`InputError` if any parameter read so far is malformed:
        :class:`UnknownSiteError` when an unknown site is the only error."""
        if self.unknown_site is not None and self.errors == self.unknown_site.errors:
            raise self.unknown_site
        if self.errors:
            raise InputError(dict(self.errors))


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
