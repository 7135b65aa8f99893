"""grapple's page fields, answered by the package's visibility rule.

grapple answers the page fields of its page types (``children``, ``siblings``,
``nextSiblings``, ``previousSiblings``, ``descendants``, ``ancestors``,
``parent``), a site's ``pages`` and ``page``, and the per-type queries it makes
for the page models a site registers with it (``register_query_field``,
``register_paginated_query_field``, ``register_singular_query_field``) from
Wagtail's ``live().public()``, which matches view restrictions by path only: from
any visible page they reached an alias of a private page, and profiles kept out
of the API. The model fields grapple's page types carry reached more: ``aliases``
(an alias below a private section), ``aliasOf``, a site's ``rootPage``,
``draftTitle`` (the title of unpublished changes), ``numchild`` (which counts
drafts and private children) and the editors' state of a page
(``hasUnpublishedChanges``, ``latestRevisionCreatedAt``, ``locked``,
``lockedAt``, ``goLiveAt``, ``expireAt``).

This module makes every one of them start from the pages the rule shows for
:attr:`~wagtail_defenders.models.Output.API` on any site (as the root ``pages``
query of :class:`~wagtail_defenders.api.graphql_queries.VisiblePagesQuery` does), keeping
grapple's arguments and their meaning (search, ordering, paging, ``inMenu``,
``contentType``, a preview ``token``, which the page model checks itself).
``draftTitle`` answers with the live title, ``numchild`` with the number of
children the rule shows, and the editors' state with the same answer for every
page (no unpublished changes, no lock, nothing scheduled).

grapple has no hook for the resolvers of its types: graphene reads them from the
type classes when grapple builds its schema. :func:`follow_visibility_rule` sets
them on grapple's page interface (the one ``GRAPPLE["PAGE_INTERFACE"]`` names),
its page types, ``SiteObjectType`` and the per-type query mixins. The package's
``register_schema_query`` hook calls it, and grapple runs that hook just before it
builds the schema. ``tests/test_graphql_page_fields.py`` checks each field
through a real request.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from wagtail.models import Page
from wagtail.query import PageQuerySet

from ..models.visibility import ANY_SITE, Output, visible_pages


def visible_api_pages(pages: QuerySet | None = None) -> Any:
    """The pages of ``pages`` (default: every page) the rule shows the API, any site.

    As a filter on ids, in ``pages``'s own model and manager: grapple hands the
    queryset to the search backend for ``searchQuery``, and search backends
    filter on fields only, not on the rule's ``EXISTS`` clauses."""
    if pages is None:
        pages = Page.objects.all()
    visible = visible_pages(pages.model.objects.all(), site=ANY_SITE, output=Output.API)
    return pages.filter(pk__in=visible.values("pk"))


def content_types_q(names: list[str]) -> Q:
    """Pages of the content types named ``app_label.Model``, as grapple reads them."""
    condition = Q(pk__in=[])
    for name in names:
        app_label, _dot, model = name.strip().lower().partition(".")
        condition |= Q(content_type__app_label=app_label, content_type__model=model)
    return condition


def find_page(pages: PageQuerySet, site: Any, arguments: dict) -> Page | None:
    """The page of ``pages`` that grapple's ``page(id, slug, urlPath,
    contentType)`` means, in ``site`` when one is given; ``None`` without a key."""
    if site is not None:
        pages = pages.in_site(site)
    if arguments.get("content_type"):
        pages = pages.filter(content_types_q([arguments["content_type"]]))
    if arguments.get("id"):
        pages = pages.filter(pk=arguments["id"])
    elif arguments.get("slug"):
        pages = pages.filter(slug=arguments["slug"])
    elif arguments.get("url_path"):
        url_path = arguments["url_path"]
        if not url_path.endswith("/"):
            url_path += "/"
        if site is not None:
            pages = pages.filter(
                url_path=f"{site.root_page.url_path}{url_path.lstrip('/')}"
            )
        else:
            pages = pages.filter(url_path__endswith=url_path)
    else:
        return None
    # As grapple: the first match (grapple's slug lookup fails on two).
    return pages.order_by("path").specific().first()


# The page interface's fields.


def _page_list(related: Callable[[Page], QuerySet]) -> Callable:
    def resolve(page: Page, info, **arguments):
        from grapple.utils import resolve_queryset

        pages = visible_api_pages(related(page))
        return resolve_queryset(pages.specific(), info, **arguments)

    return resolve


def _resolve_parent(page: Page, info, **arguments) -> Page | None:
    parent_path = page.path[: -Page.steplen]
    if not parent_path:
        return None
    return visible_api_pages(Page.objects.filter(path=parent_path)).specific().first()


INTERFACE_RESOLVERS: dict[str, Callable] = {
    "resolve_children": _page_list(lambda page: page.get_children()),
    "resolve_siblings": _page_list(
        lambda page: page.get_siblings().exclude(pk=page.pk)
    ),
    "resolve_next_siblings": _page_list(
        lambda page: page.get_next_siblings().exclude(pk=page.pk)
    ),
    "resolve_previous_siblings": _page_list(
        lambda page: page.get_prev_siblings().exclude(pk=page.pk)
    ),
    "resolve_descendants": _page_list(lambda page: page.get_descendants()),
    "resolve_ancestors": _page_list(lambda page: page.get_ancestors()),
    "resolve_parent": _resolve_parent,
}


# The model fields of grapple's page types.


# Plain pages, not specific ones: these fields are typed as grapple's ``Page``.


def _resolve_aliases(page: Page, info, **arguments):
    return visible_api_pages(page.aliases.all())


def _resolve_alias_of(page: Page, info, **arguments) -> Page | None:
    if page.alias_of_id is None:
        return None
    return visible_api_pages(Page.objects.filter(pk=page.alias_of_id)).first()


def _resolve_draft_title(page: Page, info, **arguments) -> str:
    # The title of unpublished changes is a draft: the live title instead.
    return page.title


def _resolve_numchild(page: Page, info, **arguments) -> int:
    # Wagtail's count includes drafts and private children: what ``children``
    # shows instead, so the number tells nothing of pages not published.
    return visible_api_pages(page.get_children()).count()


def _answer(value: Any) -> Callable:
    def resolve(page: Page, info, **arguments) -> Any:
        return value

    return resolve


PAGE_TYPE_RESOLVERS: dict[str, Callable] = {
    "resolve_aliases": _resolve_aliases,
    "resolve_alias_of": _resolve_alias_of,
    "resolve_draft_title": _resolve_draft_title,
    "resolve_numchild": _resolve_numchild,
    # The editors' state of a page is no visitor's business: whether a draft
    # waits, when it was saved, who holds a lock, when a publication or an
    # expiry is scheduled. The same answer for every page.
    "resolve_has_unpublished_changes": _answer(False),
    "resolve_latest_revision_created_at": _answer(None),
    "resolve_locked": _answer(False),
    "resolve_locked_at": _answer(None),
    "resolve_go_live_at": _answer(None),
    "resolve_expire_at": _answer(None),
}


# A site's fields.


def _resolve_site_pages(site, info, **arguments):
    from grapple.utils import resolve_queryset

    pages = visible_api_pages(Page.objects.in_site(site))
    content_type = arguments.pop("content_type", None)
    if content_type:
        pages = pages.filter(content_types_q([content_type]))
    return resolve_queryset(pages.specific(), info, **arguments)


def _resolve_site_page(site, info, **arguments) -> Page | None:
    from grapple.types.pages import get_preview_page

    if arguments.get("token"):
        return get_preview_page(arguments["token"])
    return find_page(visible_api_pages().filter(depth__gt=1), site, arguments)


def _resolve_site_root_page(site, info, **arguments) -> Page | None:
    return visible_api_pages(Page.objects.filter(pk=site.root_page_id)).first()


SITE_RESOLVERS: dict[str, Callable] = {
    "resolve_pages": _resolve_site_pages,
    "resolve_page": _resolve_site_page,
    "resolve_root_page": _resolve_site_root_page,
}


# The per-type queries grapple's helpers make.


def _preview(model, arguments: dict) -> tuple[bool, Page | None]:
    token = arguments.pop("token", None)
    if token is None:
        return False, None
    if hasattr(model, "get_page_from_preview_token"):
        return True, model.get_page_from_preview_token(token)
    return True, None


def _query_field_singular(model) -> Callable:
    def resolve(root, info, **arguments):
        arguments = {name: value for name, value in arguments.items() if value}
        if not arguments:
            return None
        previewed, page = _preview(model, arguments)
        if previewed:
            return page
        pages = visible_api_pages(model.objects.all())
        url_path = arguments.pop("url_path", None)
        if url_path:
            if not url_path.endswith("/"):
                url_path += "/"
            return pages.filter(url_path__endswith=url_path, **arguments).first()
        try:
            return pages.get(**arguments)
        except (model.DoesNotExist, model.MultipleObjectsReturned):
            return None

    return resolve


def _query_field_plural(model, paginated: bool) -> Callable:
    def resolve(root, info, **arguments):
        from grapple.utils import resolve_paginated_queryset, resolve_queryset

        arguments.setdefault("order", "-first_published_at")
        pages = visible_api_pages(model.objects.all())
        if paginated:
            return resolve_paginated_queryset(pages, info, **arguments)
        return resolve_queryset(pages, info, **arguments)

    return resolve


def _singular_query_field(model) -> Callable:
    def resolve(root, info, **arguments):
        pages = visible_api_pages(model.objects.all())
        if "order" in arguments:
            order = arguments.pop("order")
            pages = pages.order_by(*(name.strip() for name in order.split(",")))
        previewed, page = _preview(model, arguments)
        if previewed:
            return page
        return pages.filter(**arguments).first()

    return resolve


#: grapple's helper resolvers by the name of the helper and of the function.
PER_TYPE_RESOLVERS: dict[tuple[str, str], Callable[[Any], Callable]] = {
    ("register_query_field", "resolve_singular"): _query_field_singular,
    ("register_query_field", "resolve_plural"): lambda model: _query_field_plural(
        model, paginated=False
    ),
    ("register_paginated_query_field", "resolve_singular"): _query_field_singular,
    (
        "register_paginated_query_field",
        "resolve_plural",
    ): lambda model: _query_field_plural(model, paginated=True),
    ("register_singular_query_field", "resolve_singular"): _singular_query_field,
}


def _per_type_replacement(resolver: Any) -> Callable | None:
    """The rule's version of one of grapple's per-type resolvers, else ``None``.

    grapple's helpers make each resolver a closure over the model (``cls``) and
    bind it to the query mixin; nothing else says which model a mixin serves."""
    function = getattr(resolver, "__func__", resolver)
    if getattr(function, "__module__", None) != "grapple.helpers":
        return None
    helper = function.__qualname__.split(".", 1)[0]
    build = PER_TYPE_RESOLVERS.get((helper, function.__name__))
    if build is None:
        return None
    model = inspect.getclosurevars(function).nonlocals.get("cls")
    if not (isinstance(model, type) and issubclass(model, Page)):
        return None
    return build(model)


def follow_visibility_rule(query_mixins: list) -> None:
    """Give grapple's page fields, site fields and per-type queries the rule's
    resolvers (see the module docstring). Idempotent."""
    from grapple.registry import registry
    from grapple.types.interfaces import get_page_interface
    from grapple.types.pages import Page as PageType
    from grapple.types.sites import SiteObjectType

    for name, resolver in INTERFACE_RESOLVERS.items():
        setattr(get_page_interface(), name, staticmethod(resolver))
    for page_type in {PageType, *registry.pages.values()}:
        for name, resolver in PAGE_TYPE_RESOLVERS.items():
            setattr(page_type, name, staticmethod(resolver))
    for name, resolver in SITE_RESOLVERS.items():
        setattr(SiteObjectType, name, staticmethod(resolver))
    for mixin in {*query_mixins, *registry.schema}:
        for name, resolver in list(vars(mixin).items()):
            if not name.startswith("resolve_"):
                continue
            replacement = _per_type_replacement(resolver)
            if replacement is not None:
                setattr(mixin, name, staticmethod(replacement))
