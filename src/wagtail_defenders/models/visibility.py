"""The one rule of what a visitor may see (DESIGN.md, "One rule of what a visitor may see").

Every output of the package (the index page, the profile's related news, API v2,
API v3, GraphQL, site search, the sitemap, meta tags and rich text links) asks
this module which pages it may show, and nothing else decides it. A page is
**visible** when it is:

- **live** (its published version is what is shown; unpublished changes never are);
- **public**: no view restriction (login, password or groups) on the page, on any
  of its ancestors, or on what any of them is an alias of, or on an ancestor of
  that (see :func:`view_restricted_q`). For API outputs this holds for logged-in
  requests too: the rule never looks at who is asking;
- **in the requested site**: below the site's root page or below a translation
  of it, read from the page tree itself, never from Wagtail's cached root paths
  (:func:`in_site_tree_q`);
- **not kept out of this output by its safety settings**: a profile the editor
  keeps out of the API (``hide_from_api``) is left out of :attr:`Output.API`, one
  kept out of search engines (``hide_from_search_engines``) out of
  :attr:`Output.SEARCH_ENGINES`, and one kept out of either out of
  :attr:`Output.FEEDS`.

Wagtail's own ``Page.get_view_restrictions()`` is the reference: this rule may be
stricter, never more open. It is stricter where Wagtail's is surprising: Wagtail
ignores a restriction stored on an alias itself and the ancestors of an alias's
source; this rule counts both. Wagtail's ``PageQuerySet.public()`` matches
restrictions by path only, so it shows an alias of a private page (the English
alias that locale synchronisation makes of a Dutch profile that gets a login
restriction afterwards): never use it to decide what a visitor sees.

Everything here is one SQL condition built from ``EXISTS`` subqueries, so applying
the rule costs no query of its own, works inside other subqueries and keeps the
query budgets (DESIGN.md).

Use it on any page queryset::

    DefenderPage.objects.visible(site=site, locale=locale, output=Output.API)
    visible_pages(NewsPage.objects.all(), site=site)
    visible_pages(Page.objects.all(), site=ANY_SITE, output=Output.SEARCH_ENGINES)
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Exists, F, Lookup, OuterRef, Q, QuerySet
from wagtail.models import Locale, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

if TYPE_CHECKING:
    from wagtail.models import Site

#: How long a chain of aliases the rule follows (an alias of an alias of ...).
#: Wagtail makes one whenever an alias is made of an alias: locale synchronisation
#: does for a locale synchronised from another synchronised locale. An alias at
#: the end of a longer chain is counted as restricted: the rule fails closed.
ALIAS_CHAIN_LENGTH = 4

#: How many times the rule follows an alias into the tree of its source: an alias
#: of a page that lies below an alias of a restricted page is restricted too.
#: Wagtail follows none (it checks the source itself, not its ancestors).
ALIAS_NESTING = 2


class Output(str, enum.Enum):
    """Who the pages are shown to, which decides which safety settings apply."""

    #: The site's own pages: listings, search, related news, links, menus.
    SITE = "site"
    #: API v2, API v3 and GraphQL: also leaves out profiles kept out of the API.
    API = "api"
    #: The sitemap and structured data: also leaves out profiles kept out of
    #: search engines.
    SEARCH_ENGINES = "search_engines"
    #: RSS and Atom feeds: read by feed readers and aggregators (services like
    #: the API's consumers) and indexed by search engines, so they leave out
    #: profiles kept out of either.
    FEEDS = "feeds"


class _AnySite:
    """The type of :data:`ANY_SITE`."""

    def __repr__(self) -> str:
        return "ANY_SITE"


#: Pass as ``site`` to leave site membership out of the rule: for pages whose site
#: is already settled (an index page's children) or pages that may be linked
#: across sites (rich text links, related news).
ANY_SITE = _AnySite()

QuerySetT = TypeVar("QuerySetT", bound=QuerySet)


class _PathAtOrBelow(Lookup):
    """``lhs`` (a page path) is the path ``rhs`` or a path below it.

    A ``LIKE`` with the path as the pattern: treebeard paths hold digits and
    capitals only, never a ``LIKE`` wildcard. Written flat, not as a comparison
    with a ``SUBSTR`` of a ``LENGTH``, because the rule nests several levels of
    subqueries and SQLite's parser has a fixed depth.
    """

    lookup_name = "at_or_below"
    prepare_rhs = False

    def _sides(self, compiler, connection):
        # Compiled bare: process_lhs() and process_rhs() wrap each side in
        # parentheses, which SQLite's parser counts against its depth too.
        lhs, lhs_params = compiler.compile(self.lhs)
        rhs, rhs_params = compiler.compile(self.rhs)
        return lhs, rhs, [*lhs_params, *rhs_params]

    def as_sql(self, compiler, connection):
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} LIKE {rhs} || '%%'", params

    def as_mysql(self, compiler, connection):
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} LIKE CONCAT({rhs}, '%%')", params


def _at_or_below(roots: Q | None, *paths: OuterRef) -> Exists:
    """Matches when one of ``paths`` is the path of a page of ``roots`` (a
    condition on pages; ``None`` for the pages with a view restriction) or of
    a page below one.

    Each of ``paths`` is an ``OuterRef`` to a path to test.
    """
    prefix = "page__" if roots is None else ""
    below = Q()
    for path in paths:
        below |= Q(_PathAtOrBelow(path, F(f"{prefix}path")))
    if roots is None:
        # Straight from the restrictions, one subquery level less: SQLite's
        # parser has a fixed depth and the rule nests deep.
        return Exists(PageViewRestriction.objects.filter(below).order_by())
    return Exists(Page.objects.filter(roots).filter(below).order_by())


def _hops(count: int) -> str:
    return "__".join(["alias_of"] * count)


def _ids(queryset: QuerySet, field: str = "pk") -> QuerySet:
    return queryset.order_by().values(field)


def _aliases_of(roots: Q | None) -> QuerySet:
    """The ids of the aliases whose source, or any page further along their chain
    of aliases, is one of ``roots`` (see :func:`_at_or_below`) or below one."""
    sources = [
        OuterRef(f"{_hops(hops)}__path") for hops in range(1, ALIAS_CHAIN_LENGTH + 1)
    ]
    aliases = Page.objects.filter(alias_of__isnull=False)
    return _ids(aliases.filter(_at_or_below(roots, *sources)))


def _long_alias_chains() -> QuerySet:
    """The aliases whose chain is longer than :data:`ALIAS_CHAIN_LENGTH`."""
    hops = _hops(ALIAS_CHAIN_LENGTH + 1)
    return Page.objects.filter(**{f"{hops}__isnull": False}).order_by()


def view_restricted_q() -> Q:
    """Matches pages a visitor may not open because of a view restriction.

    A page is restricted when a login, password or group restriction is on it or
    an ancestor (as Wagtail's ``private_q()``), or when it or an ancestor is an
    alias whose source is restricted by this same rule (as Wagtail's
    ``get_view_restrictions()``, which follows ``alias_of``), and stricter:

    - every page along a chain of aliases counts, with its ancestors (Wagtail
      checks only the page at the end of the chain, not its ancestors);
    - a restriction stored on an alias itself counts (Wagtail ignores it);
    - a chain longer than :data:`ALIAS_CHAIN_LENGTH` counts as restricted;
    - an alias of a page below a restricted alias counts, up to
      :data:`ALIAS_NESTING` times.

    Built as "the page is one of the pages at or below a *restricted root*"
    (the restricted pages, and the aliases whose chain leads at or below a
    root). The pages at or below the roots are an uncorrelated subquery: a
    database computes the set once per statement, joining the pages with the
    few roots, and looks each page up in it; it never walks the tree for each
    page (a site that restricts nothing computes an empty set). No query of
    its own, so it works inside other subqueries and keeps the query budgets.
    Works on any page queryset: ``Page.objects.exclude(view_restricted_q())``.
    """
    restricted = _ids(PageViewRestriction.objects.all(), "page_id")
    roots: Q | None = None  # the restricted pages
    for level in range(1, ALIAS_NESTING + 1):
        # The aliases of the last level's roots include those of every level
        # before. One set of ids (not an OR of sets), so PostgreSQL joins the
        # few roots instead of filtering every page with each set.
        last = [_ids(_long_alias_chains())] if level == ALIAS_NESTING else []
        ids = restricted.union(_aliases_of(roots), *last, all=True)
        roots = Q(pk__in=ids)
    return Q(_at_or_below(roots, OuterRef("path")))


def view_restrictions(page: Page) -> QuerySet:
    """The view restrictions that apply to ``page`` by this module's rule.

    What ``Page.get_view_restrictions()`` returns, and more: the restrictions of
    every page along each alias's chain, of those pages' ancestors, and so on
    through aliases found there. :class:`~wagtail_defenders.models.DefenderPage`
    returns these from ``get_view_restrictions()``, so Wagtail's own check when it
    serves a profile (a login or password form) agrees with what the listings
    hide. Two queries for a page with no alias above it, as Wagtail's.
    """
    steplen = Page.steplen
    hops = [f"{_hops(count)}__path" for count in range(1, ALIAS_CHAIN_LENGTH + 1)]
    checked: set[str] = set()
    frontier = {page.path}
    while frontier:
        prefixes = {
            path[:end]
            for path in frontier
            for end in range(steplen, len(path) + 1, steplen)
        } - checked
        checked |= prefixes
        sources = Page.objects.filter(
            path__in=prefixes, alias_of__isnull=False
        ).values_list(*hops)
        # A chain longer than the hops read here goes on from its last page,
        # which is an alias among the next round's prefixes.
        frontier = {path for row in sources for path in row if path} - checked
    return PageViewRestriction.objects.filter(page__path__in=checked)


def in_site_tree_q(site: Site) -> Q:
    """Matches pages below ``site``'s root page or below any translation of it.

    Wagtail's ``in_site`` only looks below the root page itself, which misses the
    other languages' trees. It reads the tree itself, not Wagtail's cached site
    root paths (URL paths, an hour in Django's cache and not refreshed when an
    ancestor of a site's root is renamed): which site a page belongs to decides
    who may see it.

    Written as "not one of the pages outside the site", an uncorrelated
    subquery a database computes once per statement: PostgreSQL reads a
    correlated test of the path as matching almost no page, and then plans the
    listing's joins as nested loops over every profile.
    """
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    roots = Page.objects.filter(
        Q(_PathAtOrBelow(OuterRef("path"), F("path"))),
        translation_key__in=root_key,
    ).order_by()
    outside = Page.objects.exclude(Exists(roots))
    return ~Q(pk__in=_ids(outside))


def _kept_out_fields(output: Output) -> tuple[str, ...]:
    return {
        Output.API: ("hide_from_api",),
        Output.SEARCH_ENGINES: ("hide_from_search_engines",),
        Output.FEEDS: ("hide_from_api", "hide_from_search_engines"),
    }.get(Output(output), ())


def safety_settings_q(model: type[Page], output: Output) -> Q:
    """Matches the pages that ``output`` may show as far as safety settings go.

    For :class:`~wagtail_defenders.models.DefenderPage` and its subclasses it
    reads the profile's own field; for any other page model (``Page`` itself, a
    site's news page) it leaves out the profiles among them with a subquery.
    """
    from .pages import DefenderPage

    fields = _kept_out_fields(output)
    if not fields:
        return Q()
    if issubclass(model, DefenderPage):
        return Q(**dict.fromkeys(fields, False))
    kept_out_q = Q()
    for field in fields:
        kept_out_q |= Q(**{field: True})
    kept_out = DefenderPage.objects.filter(kept_out_q).values("pk")
    return ~Q(pk__in=kept_out)


def locale_q(locale: Locale | int) -> Q:
    """Matches the pages of one language (a ``Locale`` or its id)."""
    return Q(locale_id=getattr(locale, "pk", locale))


def visible_q(
    model: type[Page],
    *,
    site: Site | None | _AnySite,
    locale: Locale | int | None = None,
    output: Output = Output.SITE,
) -> Q:
    """The whole rule as one condition on ``model``'s pages (see the module docstring).

    ``site`` is the site the request is for: ``None`` (no site serves the
    request) matches nothing, :data:`ANY_SITE` leaves site membership out.
    ``locale`` (a ``Locale`` or its id) keeps one language; ``None`` keeps all.
    ``output`` says which safety settings apply.
    """
    if site is None:
        return Q(pk__in=[])
    condition = Q(live=True) & ~view_restricted_q() & safety_settings_q(model, output)
    if not isinstance(site, _AnySite):
        condition &= in_site_tree_q(site)
    if locale is not None:
        condition &= locale_q(locale)
    return condition


def visible_pages(
    queryset: QuerySetT,
    *,
    site: Site | None | _AnySite,
    locale: Locale | int | None = None,
    output: Output = Output.SITE,
) -> QuerySetT:
    """The pages of ``queryset`` a visitor may see (see :func:`visible_q`).

    For querysets of page models that do not use :class:`VisiblePageQuerySet`
    (``Page.objects``, a site's own page types). No query of its own.
    """
    return queryset.filter(
        visible_q(queryset.model, site=site, locale=locale, output=output)
    )


class VisiblePageQuerySet(PageQuerySet):
    """A ``PageQuerySet`` with :meth:`visible`, and a ``public()`` that follows aliases.

    Use it for a site's own page types (``objects = VisiblePageManager()``), or
    subclass it as :class:`~wagtail_defenders.models.DefenderPageQuerySet` does.
    """

    # Wagtail's public() and not_public() match restrictions by path only (so an
    # alias of a private page passes) and cost a query for the restrictions
    # first: both are replaced by this package's rule.
    def public(self):
        """The pages no view restriction keeps from a visitor (:func:`view_restricted_q`)."""
        return self.exclude(view_restricted_q())

    def not_public(self):
        """The pages a view restriction keeps from a visitor (:func:`view_restricted_q`)."""
        return self.filter(view_restricted_q())

    def visible(
        self,
        *,
        site: Site | None | _AnySite,
        locale: Locale | int | None = None,
        output: Output = Output.SITE,
    ):
        """The pages a visitor may see: live, public, in ``site``, not kept out of
        ``output`` (see :func:`visible_q`). No query of its own."""
        return visible_pages(self, site=site, locale=locale, output=output)


VisiblePageManager = PageManager.from_queryset(VisiblePageQuerySet)
