"""The check of the generated-state visibility tests
(``tests/test_visibility_states.py``): after each run, every output is read as a
visitor reads it and must show exactly the pages the reference
(:mod:`tests.visibility_reference`) allows, and no marker of anything else."""

from __future__ import annotations

import json
import re

from django.apps import apps
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Site

from tests.leak_matrix import example_search_view
from tests.testapp.models import NewsPage
from tests.visibility_reference import (
    API,
    LANGUAGES,
    MARKER,
    OTHER_HOST,
    PORTRAIT_MARKER,
    SEARCH_ENGINES,
    SITE,
    Outputs,
    Tree,
    ids_in,
    markers_of,
    wagtail_public,
)
from wagtail_defenders.api import v3
from wagtail_defenders.models import (
    DefenderPage,
)


class EveryOutputCheck:
    """Gives the state machine :meth:`check`; it reads the indexes it built
    (``self.indexes``)."""

    indexes: dict

    def check(self) -> None:
        tree = Tree.load()
        every = list(tree.pages.values())
        profiles = [page for page in every if isinstance(page, DefenderPage)]
        news = [page for page in every if isinstance(page, NewsPage)]
        for page in every:
            if tree.visible(page, SITE, None):
                assert wagtail_public(page), (
                    f"the rule is more open than Wagtail: {page}"
                )

        def expected(pages, output, host="localhost", language=None):
            return {
                page.pk
                for page in pages
                if tree.visible(page, output, host)
                and (language is None or page.locale.language_code == language)
            }

        def allowed_markers(ids) -> set[str]:
            return markers_of(tree.pages[pk] for pk in ids)

        missing: list = []

        def assert_shows(name, shown_ids, expected_ids, text=None, allowed=None):
            """No leak (checked at once), nothing missing (checked at the end)."""
            leaked_ids = shown_ids - expected_ids
            assert not leaked_ids, (f"{name} shows what it may not", leaked_ids)
            if expected_ids - shown_ids:
                missing.append((name, expected_ids - shown_ids))
            if text is not None:
                leaked = set(MARKER.findall(text)) - allowed_markers(
                    allowed if allowed is not None else expected_ids
                )
                assert not leaked, (f"{name} shows markers it may not", leaked)
                portraits = set(PORTRAIT_MARKER.findall(text))
                assert portraits <= shown_portraits, (name, portraits)

        shown_portraits = {
            found
            for page in profiles
            if tree.visible(page, SITE, None)
            and page.portrait_id
            and not page.withhold_portrait
            for found in PORTRAIT_MARKER.findall(page.portrait.title)
        }
        linkable = expected(every, SITE, None)
        # What an API's profile may embed: related news and links, any site.
        embeddable = expected(every, API, None)
        outputs = Outputs()

        def assert_related_news(name, profile, shown_ids):
            """Exactly the related news of the reference, in its order."""
            wanted = tree.related_news(profile)
            assert shown_ids == wanted, (f"{name}: related news", shown_ids, wanted)

        # The index pages
        for name, index in self.indexes.items():
            host = OTHER_HOST if name == "other" else "localhost"
            children = [page for page in profiles if page.get_parent().pk == index.pk]
            html = outputs.get(index.url, host).content.decode()
            wanted = expected(children, SITE, host)
            # Children of one index have different slugs, each with its marker.
            shown = {page.pk for page in children if f"/{page.slug}/" in html}
            assert_shows(f"index {name}", shown, wanted, html)

        # Each profile page a visitor may open: related news, links, portrait
        for page in profiles:
            if page.pk not in linkable:
                continue
            host = OTHER_HOST if tree.in_site(page, OTHER_HOST) else "localhost"
            html = outputs.get(page.url, host).content.decode()
            own = {page.pk} | {
                other.pk
                for other in profiles
                if other.translation_key == page.translation_key
            }
            assert_shows(
                f"profile {page.title}",
                {page.pk},
                {page.pk},
                html,
                allowed=own | linkable,
            )
            section = re.search(
                r'<section class="defender-related-news".*?</section>', html, re.S
            )
            hrefs = re.findall(r'href="([^"]+)"', section[0]) if section else []
            by_url = {}
            for other in news:
                _site_id, root_url, path = other.get_url_parts() or (0, "", "")
                by_url.setdefault(path, other.pk)
                by_url.setdefault(f"{root_url}{path}", other.pk)
            assert_related_news(
                f"profile {page.title}", page, [by_url.get(href) for href in hrefs]
            )

        # API v2, v3 and GraphQL, per site and language
        for host in ("localhost", OTHER_HOST):
            for language in LANGUAGES:
                wanted = expected(profiles, API, host, language)
                data = outputs.json(
                    "/api/v2/defenders/", host, locale=language, limit=20, fields="*"
                )
                assert_shows(
                    f"v2 {host} {language}", ids_in(data), wanted, json.dumps(data)
                )
                if v3.AVAILABLE:
                    data = outputs.json("/api/v3/defenders/", host, locale=language)
                    assert_shows(f"v3 {host} {language}", ids_in(data), wanted)
                if apps.is_installed("grapple"):
                    data = outputs.graphql(
                        f'{{ defenders(locale: "{language}", perPage: 50) '
                        "{ items { id title introduction } } }",
                        host,
                    )["defenders"]
                    assert_shows(
                        f"graphql {host} {language}",
                        ids_in(data),
                        wanted,
                        json.dumps(data),
                    )
            wanted = expected(profiles, API, host)
            data = outputs.json(
                "/api/v2/pages/",
                host,
                type="wagtail_defenders.DefenderPage",
                limit=20,
                fields="*",
            )
            # With fields=*, Wagtail's listing shows every api_field: each
            # profile's body links and related news too.
            assert_shows(
                f"v2 pages {host}",
                ids_in(data),
                wanted,
                json.dumps(data),
                allowed=wanted | embeddable,
            )
            for item in data["items"]:
                assert_related_news(
                    f"v2 pages {host} {item['id']}",
                    tree.pages[item["id"]],
                    [news["id"] for news in item.get("related_news", [])],
                )
            for page in profiles:
                response = outputs.get(f"/api/v2/defenders/{page.pk}/", host)
                assert (response.status_code == 200) is (page.pk in wanted), page
                if response.status_code == 200:
                    assert_shows(
                        f"v2 detail {page.title}",
                        {page.pk},
                        {page.pk},
                        response.content.decode(),
                        allowed=embeddable | {page.pk},
                    )
                    assert_related_news(
                        f"v2 detail {page.title}",
                        page,
                        [news["id"] for news in response.json()["related_news"]],
                    )
            if v3.AVAILABLE:
                # Wagtail's own v3 pages/ as build_api() mounts it.
                data = outputs.json(
                    "/api/v3/pages/",
                    host,
                    type="wagtail_defenders.DefenderPage",
                    limit=20,
                )
                assert_shows(f"v3 pages {host}", ids_in(data), wanted, json.dumps(data))
            if apps.is_installed("grapple"):
                # One request: each profile by id with its related news (null
                # when hidden), and the site's news pages (grapple's in_site:
                # the root page's own tree, not its translations').
                by_id = " ".join(
                    f"d{page.pk}: defender(id: {page.pk}) "
                    "{ id title relatedNews { id title } }"
                    for page in profiles
                )
                found = outputs.graphql(
                    f'{{ site(hostname: "{host}") '
                    '{ pages(contentType: "testapp.NewsPage", limit: 100) '
                    f"{{ id title }} }} {by_id} }}",
                    host,
                )
                site_pages = found.pop("site")["pages"]
                shown = {item["id"] for item in found.values() if item}
                assert_shows(
                    f"graphql defender {host}",
                    shown,
                    wanted,
                    json.dumps(found),
                    allowed=wanted | embeddable,
                )
                for item in filter(None, found.values()):
                    assert_related_news(
                        f"graphql defender {host} {item['id']}",
                        tree.pages[item["id"]],
                        [news["id"] for news in item["relatedNews"]],
                    )
                root = tree.pages[Site.objects.get(hostname=host).root_page_id]
                assert_shows(
                    f"graphql site pages {host}",
                    {int(item["id"]) for item in site_pages},
                    {
                        pk
                        for pk in expected(news, API, None)
                        if tree.pages[pk].path.startswith(root.path)
                    },
                    json.dumps(site_pages),
                )
        if apps.is_installed("grapple"):
            # grapple's search, pages and page (news: grapple does not know
            # the package's page types), in one request.
            by_id = " ".join(
                f"n{page.pk}: page(id: {page.pk}) {{ id title }}" for page in news
            )
            found = outputs.graphql(
                '{ search(query: "Dossier") { ... on NewsPage { id title } } '
                'pages(contentType: "testapp.NewsPage", limit: 100) '
                f"{{ id title }} {by_id} }}"
            )
            searched = found.pop("search")
            shown = {int(item["id"]) for item in searched if item}
            assert_shows("grapple search", shown, expected(news, API))
            pages = found.pop("pages")
            listed = {int(item["id"]) for item in pages}
            assert_shows(
                "graphql pages", listed, expected(news, API), json.dumps(pages)
            )
            shown = {int(item["id"]) for item in found.values() if item}
            assert_shows("graphql page", shown, expected(news, API), json.dumps(found))

        # The example site's search, per language
        view = example_search_view()
        if view is not None:
            for language in LANGUAGES:
                titles, found = [], set()
                with translation.override(language):
                    for number in range(1, 10):
                        request = RequestFactory().get(
                            "/search/", {"q": "Dossier", "page": number}
                        )
                        results = view(request).context_data["search_results"]
                        titles += [page.title for page in results.object_list]
                        found |= {page.pk for page in results.object_list}
                        if not results.has_next():
                            break
                wanted = expected(profiles + news, SITE, "localhost", language)
                # By id: an alias has its source's title, so a title found does not
                # say which of them was shown.
                shown = {
                    page.pk
                    for page in profiles + news
                    if page.locale.language_code == language and page.pk in found
                }
                assert_shows(f"search {language}", shown, wanted, " ".join(titles))

        # The sitemap of each site
        for host in ("localhost", OTHER_HOST):
            xml = outputs.get("/sitemap.xml", host).content.decode()
            wanted = expected(profiles, SEARCH_ENGINES, host)
            shown = {
                page.pk for page in profiles if f"<loc>{page.full_url}</loc>" in xml
            }
            assert_shows(
                f"sitemap {host}",
                shown,
                wanted,
                xml,
                allowed=expected(every, SEARCH_ENGINES, host),
            )
        assert not missing, ("outputs leave out what they should show", missing)
