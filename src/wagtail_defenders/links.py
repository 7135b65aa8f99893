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

from django.db.models import BooleanField, ExpressionWrapper, F, Model, Q
from django.utils.html import escape
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

from .conf import wagtail_setting
from .models.visibility import ANY_SITE, Output, visible_q


@dataclass
class _LinkScope:
    """What :func:`links_for` sets: the output, and the links to look up together."""

    output: Output
    page_ids: set[int] = field(default_factory=set)
    found: dict[int, Model | None] | None = None


_scope: ContextVar[_LinkScope | None] = ContextVar(
    "wagtail_defenders_links", default=None
)


@contextmanager
def links_for(output: Output, *, rich_text: Iterable[str] = ()) -> Iterator[None]:
    """Render rich text inside this block for ``output`` (``Output.API`` in APIs).

    The page links in ``rich_text`` (the database HTML about to be rendered) are
    looked up in one go when the first of them is rendered.
    """
    page_ids = {
        page_id
        for html in rich_text
        for match in FIND_A_TAG.finditer(html or "")
        if (attrs := extract_attrs(match.group(1))).get("linktype") == "page"
        and (page_id := _page_id(attrs)) is not None
    }
    outer = _scope.get()
    if outer is not None and outer.output == output and page_ids <= outer.page_ids:
        # An enclosing scope (an export of many profiles) looks these up with
        # its own, in its one query.
        yield
        return
    token = _scope.set(_LinkScope(output, page_ids))
    try:
        yield
    finally:
        _scope.reset(token)


def rich_text_in(raw_data) -> Iterator[str]:
    """The strings in a StreamField's raw data that hold page links, at any depth."""
    if isinstance(raw_data, str):
        if "linktype" in raw_data:
            yield raw_data
    elif isinstance(raw_data, Mapping):
        for value in raw_data.values():
            yield from rich_text_in(value)
    elif isinstance(raw_data, Iterable):
        for value in raw_data:
            yield from rich_text_in(value)


def _page_id(attrs: dict) -> int | None:
    try:
        page_id = int(str(attrs.get("id", "")).strip())
    except ValueError:
        return None
    return page_id if 0 < page_id < 2**63 else None


def _active_language() -> str | None:
    if not wagtail_setting("WAGTAIL_I18N_ENABLED"):
        return None
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return None


class VisiblePageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, linking only to pages a visitor may see."""

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Any]:
        """The page each link leads to, or ``None`` where a visitor may see neither
        the linked page nor its version in the active language."""
        ids = [_page_id(attrs) for attrs in attrs_list]
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
        """Where a link to each of ``page_ids`` leads (a specific page), or ``None``.

        One query, plus one per page type.
        """
        if not page_ids:
            return {}
        language = _active_language()
        found = Q(pk__in=page_ids)
        if language:
            found |= Q(
                translation_key__in=Page.objects.filter(pk__in=page_ids).values(
                    "translation_key"
                ),
                locale__language_code=language,
            )
        shown = visible_q(Page, site=ANY_SITE, output=output)
        pages = list(
            Page.objects.filter(found)
            .annotate(
                wagtail_defenders_shown=ExpressionWrapper(
                    shown, output_field=BooleanField()
                ),
                wagtail_defenders_language=F("locale__language_code"),
            )
            .defer_streamfields()
            .specific()
        )
        localized = {
            page.translation_key: page
            for page in pages
            if page.wagtail_defenders_shown
            and language
            and page.wagtail_defenders_language == language
        }
        targets: dict = {}
        for page in pages:
            if page.pk not in page_ids:
                continue
            target = localized.get(page.translation_key)
            if target is None and page.wagtail_defenders_shown:
                target = page
            targets[page.pk] = target
        return targets

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        tags = []
        for page in cls.get_many(attrs_list):
            url = page.url if page is not None else None
            tags.append(f'<a href="{escape(url)}">' if url else "<a>")
        return tags
