"""Rich text links to pages lead only to pages a visitor may open.

Wagtail turns ``<a linktype="page" id="42">`` into ``<a href="...">`` with its
``PageLinkHandler``, whatever the page is: a draft, a private page or an alias of
one, so a live page's body prints the address (often a name) of a profile nobody
may see yet. :class:`VisiblePageLinkHandler` takes its place (registered in
``wagtail_hooks``) wherever rich text is rendered: templates (``|richtext``,
``RichText`` values of blocks), API v2, API v3 and GraphQL. A link leads to the
linked page's version in the active language when a visitor may see it, else to
the page itself when a visitor may see that, else nowhere: it stays as plain
text in an ``<a>`` without an address, the way Wagtail renders a link to a
deleted page.

What a visitor may see is :mod:`wagtail_defenders.models.visibility` on any site
(a link may cross sites), for the output being rendered: API code renders inside
:func:`links_for` ``(Output.API)`` so that a profile kept out of the API is not
linked from it either.

The page links of one piece of rich text cost one query, plus one per page type
linked to (Wagtail's own handler adds a query per link, for the translation).
Inside :func:`links_for` with ``rich_text=``, the links of all those pieces (a
profile's whole body) are looked up together, on the first link rendered.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils.html import escape
from django.utils.translation import get_language
from wagtail.rich_text.pages import PageLinkHandler

from .models.profile_details import (
    content_language,
    link_targets,
    linked_page_ids,
    page_link_id,
    rich_text_in,
)
from .models.visibility import Output

__all__ = ["VisiblePageLinkHandler", "links_for", "rich_text_in"]


@dataclass
class _LinkScope:
    """What :func:`links_for` sets: the output, and the links to look up together."""

    output: Output
    page_ids: set[int] = field(default_factory=set)
    found: Mapping[int, Model | None] | None = None


_scope: ContextVar[_LinkScope | None] = ContextVar(
    "wagtail_defenders_links", default=None
)


@contextmanager
def links_for(
    output: Output,
    *,
    rich_text: Iterable[str] = (),
    targets: Mapping[int, Model | None] | None = None,
) -> Iterator[None]:
    """Render rich text inside this block for ``output`` (``Output.API`` in APIs).

    The page links in ``rich_text`` (the database HTML about to be rendered) are
    looked up in one go when the first of them is rendered. ``targets``, where
    the model layer looked them up already (``DefenderPage.link_targets``),
    costs no query for the links it holds.
    """
    if targets is not None:
        token = _scope.set(_LinkScope(output, set(targets), targets))
        try:
            yield
        finally:
            _scope.reset(token)
        return
    page_ids = linked_page_ids(rich_text)
    outer = _scope.get()
    if outer is not None and outer.output == output and page_ids <= outer.page_ids:
        # An enclosing scope looks these up with its own, in its one query.
        yield
        return
    token = _scope.set(_LinkScope(output, page_ids))
    try:
        yield
    finally:
        _scope.reset(token)


def _active_language() -> str | None:
    return content_language(get_language())


class VisiblePageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, linking only to pages a visitor may see."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Any]:
        """The page each link leads to, or ``None`` where a visitor may see neither
        the linked page nor its version in the active language."""
        ids = [page_link_id(attrs) for attrs in attrs_list]
        wanted = {page_id for page_id in ids if page_id is not None}
        scope = _scope.get()
        output = scope.output if scope is not None else Output.SITE
        if scope is not None and wanted <= scope.page_ids:
            if scope.found is None:
                scope.found = cls.find_targets(scope.page_ids, output)
            found = scope.found
        else:
            found = cls.find_targets(wanted, output)
        return [found.get(page_id) if page_id is not None else None for page_id in ids]

    @classmethod
    def find_targets(cls, page_ids: set[int], output: Output) -> dict:
        """Where a link to each of ``page_ids`` leads (a specific page), or ``None``,
        in the active language (:func:`~.models.profile_details.link_targets`).

        One query, plus one per page type.
        """
        return link_targets(page_ids, output, _active_language())

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        tags = []
        for page in cls.get_many(attrs_list):
            url = page.url if page is not None else None
            tags.append(f'<a href="{escape(url)}">' if url else "<a>")
        return tags
