"""The reference of the generated-state visibility tests
(``tests/test_visibility_states.py``): what a visitor may see, written in plain
Python over the page tree (:class:`Tree`), independent of the package's SQL, with
Wagtail's own rule beside it (:func:`wagtail_public`), the markers every page
carries, and the outputs read as a visitor reads them (:class:`Outputs`)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from django.test import Client
from wagtail.models import Page, PageViewRestriction, Site

from wagtail_defenders.models import (
    DefenderPage,
    DefenderRelatedNews,
)

MARKER = re.compile(r"zq\d{4}zq")


PORTRAIT_MARKER = re.compile(r"pic\d{4}pic")


OTHER_HOST = "other.example"


LANGUAGES = ("nl", "en")


KINDS = ("login", "password", "groups")


API, SITE, SEARCH_ENGINES = "api", "site", "search_engines"


_numbers = itertools.count(1)


def marker() -> str:
    return f"zq{next(_numbers):04d}zq"


@dataclass
class Tree:
    """The page tree as the rule reads it, loaded once per check."""

    pages: dict[int, Page]
    by_path: dict[str, Page]
    restricted_ids: set[int]
    site_roots: dict[str, list[str]]

    @classmethod
    def load(cls) -> Tree:
        pages = {page.pk: page for page in Page.objects.all().specific()}
        roots: dict[str, list[str]] = {}
        for site in Site.objects.all():
            root = pages[site.root_page_id]
            roots[site.hostname] = [
                page.path
                for page in pages.values()
                if page.translation_key == root.translation_key
            ]
        return cls(
            pages=pages,
            by_path={page.path: page for page in pages.values()},
            restricted_ids=set(
                PageViewRestriction.objects.values_list("page_id", flat=True)
            ),
            site_roots=roots,
        )

    def restricted(self, page: Page, seen: frozenset = frozenset()) -> bool:
        """A restriction on the page, an ancestor, or (through any alias among
        them) on the source, its ancestors, and so on."""
        steplen = Page.steplen
        for end in range(steplen, len(page.path) + 1, steplen):
            ancestor = self.by_path[page.path[:end]]
            if ancestor.pk in self.restricted_ids:
                return True
            source = self.pages.get(ancestor.alias_of_id)
            if source is not None and source.pk not in seen:
                if self.restricted(source, seen | {source.pk}):
                    return True
        return False

    def related_news(self, profile: DefenderPage) -> list[int]:
        """The related news a profile shows, in the editor's order: each target's
        version in the profile's language when a visitor may see it, else the
        target itself when a visitor may see that (the package's rule is written
        as one query; this is its plain reading)."""
        shown: list[int] = []
        links = DefenderRelatedNews.objects.filter(page=profile).order_by("sort_order")
        for link in links:
            target = self.pages.get(link.news_page_id)
            if target is None:
                continue
            versions = [
                page
                for page in self.pages.values()
                if page.translation_key == target.translation_key
                and page.locale_id == profile.locale_id
                and self.visible(page, API, None)
            ]
            if versions:
                chosen = versions[0].pk
            elif self.visible(target, API, None):
                chosen = target.pk
            else:
                continue
            if chosen not in shown:
                shown.append(chosen)
        return shown

    def in_site(self, page: Page, host: str) -> bool:
        return any(page.path.startswith(root) for root in self.site_roots[host])

    def visible(self, page: Page, output: str, host: str | None) -> bool:
        if not page.live or self.restricted(page):
            return False
        if host is not None and not self.in_site(page, host):
            return False
        if isinstance(page, DefenderPage):
            if output == API and page.hide_from_api:
                return False
            if output == SEARCH_ENGINES and page.hide_from_search_engines:
                return False
        return True


def wagtail_public(page: Page) -> bool:
    """Wagtail's own rule (``Page``'s method, not a subclass's)."""
    return page.live and not Page.get_view_restrictions(page).exists()


def markers_of(pages) -> set[str]:
    """The markers a page's live title and slug carry (an alias keeps its slug)."""
    return {
        found for page in pages for found in MARKER.findall(f"{page.title} {page.slug}")
    }


class Outputs:
    def __init__(self) -> None:
        self.client = Client()

    def get(self, url: str, host: str = "localhost", **params):
        response = self.client.get(url, params, HTTP_HOST=host)
        assert response.status_code < 500, (url, response.content[:500])
        return response

    def json(self, url: str, host: str = "localhost", **params):
        response = self.get(url, host, **params)
        assert response.status_code == 200, (url, params, response.content[:500])
        return response.json()

    def graphql(self, query: str, host: str = "localhost") -> dict:
        response = self.client.post(
            "/graphql/",
            {"query": query},
            content_type="application/json",
            HTTP_HOST=host,
        )
        payload = response.json()
        assert "errors" not in payload, (query, payload)
        return payload["data"]


def ids_in(data) -> set[int]:
    return {item["id"] for item in data["items"]}
