"""grapple's page fields follow the visibility rule, through a real GraphQL POST.

grapple's page types answer ``children``, ``siblings``, ``nextSiblings``,
``previousSiblings``, ``descendants``, ``ancestors`` and ``parent``, a site's
``pages``, ``page`` and ``rootPage``, the model fields ``aliases``, ``aliasOf``,
``draftTitle``, ``numchild`` and the editors' state, and the per-type queries of a page model a site registers
(here the test app's news page) from Wagtail's path-only ``public()``. Each of
them must leave out drafts, private pages and the alias locale synchronisation
made of a page restricted afterwards (:mod:`wagtail_defenders.api.grapple_pages`).
"""

from __future__ import annotations

import json

import pytest
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories
from tests.api_world import clear_caches, translated_page
from wagtail_defenders.models import DefenderPage, DefenderRelatedNews

pytest.importorskip("grapple", reason="the graphql extra is not installed")

pytestmark = pytest.mark.django_db

SECRET = "Geheim nieuws"


def graphql(client, query: str) -> dict:
    response = client.post(
        "/graphql/", {"query": query}, content_type="application/json"
    )
    assert response.status_code == 200, response.content[:500]
    payload = response.json()
    assert "errors" not in payload, (query, payload["errors"])
    return payload["data"]


def ids(pages) -> set[int]:
    return {int(page["id"]) for page in pages}


def restrict(page: Page) -> None:
    PageViewRestriction.objects.create(page=page, restriction_type="login")


def fresh(page: Page) -> Page:
    # The tree fields afresh: Wagtail 7.0's treebeard trusts a stale numchild.
    return Page.objects.get(pk=page.pk)


@pytest.fixture
def news_world(home, index, terms):
    """Dutch news (public, made private after aliasing, a draft, a public page
    with unpublished changes, a live page below a draft) and their English
    aliases, the way locale synchronisation makes them."""
    clear_caches()
    en_home = translated_page(home, title="Home EN")
    en = en_home.locale
    # The news in a section of its own: grapple answers for the package's
    # page types (not registered with it) with a type error.
    section = factories.news(home, "Nieuws")
    public = factories.news(fresh(section), "Openbaar nieuws")
    secret = factories.news(fresh(section), SECRET)
    draft = factories.news(fresh(section), "Concept nieuws", live=False)
    changed = factories.news(fresh(section), "Gepubliceerd nieuws")
    revision = changed.get_latest_revision_as_object()
    revision.title = "Ontwerptitel nieuws"
    revision.save_revision()
    below_draft = factories.news(fresh(draft), "Onder concept nieuws")
    public_alias = public.create_alias(parent=fresh(en_home), update_locale=en)
    secret_alias = secret.create_alias(parent=fresh(en_home), update_locale=en)
    private_section = factories.news(fresh(section), "Afgeschermd nieuws")
    restrict(private_section)
    hidden_alias = public.create_alias(parent=fresh(private_section))
    # Restricted after locale synchronisation aliased it: Wagtail's public()
    # still lets the alias through.
    restrict(secret)
    profile = factories.profile(
        index,
        "Alassane",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[],
    )
    for target in (secret, draft, public, secret_alias):
        DefenderRelatedNews.objects.create(page=profile, news_page=target)
    return {
        "home": fresh(home),
        "section": fresh(section),
        "en_home": fresh(en_home),
        "public": public,
        "secret": secret,
        "draft": draft,
        "changed": changed,
        "below_draft": below_draft,
        "public_alias": public_alias,
        "secret_alias": secret_alias,
        "private_section": private_section,
        "hidden_alias": hidden_alias,
        "profile": DefenderPage.objects.get(pk=profile.pk),
    }


def hidden(world) -> set[int]:
    return {
        world[name].pk
        for name in (
            "secret",
            "draft",
            "secret_alias",
            "private_section",
            "hidden_alias",
        )
    }


def assert_nothing_hidden(world, data) -> None:
    text = json.dumps(data)
    for name in ("secret", "draft", "private_section"):
        assert world[name].title not in text, name
    assert "Ontwerptitel" not in text


TREE_FIELDS = "children descendants siblings nextSiblings previousSiblings ancestors"


def test_tree_fields_of_a_page_leave_out_what_a_visitor_may_not_see(client, news_world):
    world = news_world
    fields = " ".join(f"{name} {{ id title }}" for name in TREE_FIELDS.split())
    pages = " ".join(
        f"p{world[name].pk}: page(id: {world[name].pk}) {{ id {fields} parent {{ id }} }}"
        for name in ("en_home", "public_alias", "public", "changed")
    )
    query = f"{{ {pages} }}"
    data = graphql(client, query)
    assert_nothing_hidden(world, data)
    for page in data.values():
        for name in TREE_FIELDS.split():
            assert not ids(page[name]) & hidden(world), (page["id"], name)
    en_home = data[f"p{world['en_home'].pk}"]
    assert ids(en_home["children"]) == {world["public_alias"].pk}
    assert ids(en_home["descendants"]) == {world["public_alias"].pk}
    # The rule hides only what it must.
    home_children = ids(data[f"p{world['public'].pk}"]["siblings"])
    assert world["changed"].pk in home_children
    assert data[f"p{world['public'].pk}"]["parent"] == {"id": str(world["section"].pk)}
    section = graphql(
        client,
        f"{{ page(id: {world['section'].pk}) {{ children {{ id }} descendants {{ id }} }} }}",
    )["page"]
    assert ids(section["children"]) == {
        world[name].pk for name in ("public", "changed")
    }
    assert world["below_draft"].pk in ids(section["descendants"])


def test_parent_and_ancestors_leave_out_a_draft(client, news_world):
    world = news_world
    below = world["below_draft"].pk
    data = graphql(
        client,
        f"{{ page(id: {below}) {{ title parent {{ id }} ancestors {{ id title }} }} }}",
    )["page"]
    assert data["title"] == "Onder concept nieuws"
    assert data["parent"] is None
    assert world["draft"].pk not in ids(data["ancestors"])
    assert world["section"].pk in ids(data["ancestors"])


def test_a_sites_pages_page_and_root_page_follow_the_rule(client, news_world):
    world = news_world
    # The English tree as a site of its own, where the alias lives.
    Site.objects.create(hostname="en.example", port=80, root_page=world["en_home"])
    news = 'contentType: "testapp.NewsPage"'
    for host, root in (("localhost", "home"), ("en.example", "en_home")):
        data = graphql(
            client,
            f"""{{ site(hostname: "{host}") {{
                pages({news}) {{ id title }}
                alias: page(id: {world["secret_alias"].pk}) {{ id }}
                aliasBySlug: page(slug: "{world["secret_alias"].slug}") {{ id }}
                secret: page(slug: "{world["secret"].slug}") {{ id }}
                rootPage {{ id }}
            }} }}""",
        )["site"]
        assert_nothing_hidden(world, data)
        assert not ids(data["pages"]) & hidden(world), host
        assert data["alias"] is None and data["secret"] is None, host
        assert data["aliasBySlug"] is None, host
        assert data["rootPage"] == {"id": str(world[root].pk)}
    shown = graphql(
        client,
        f"""{{ site(hostname: "en.example") {{
            pages({news}) {{ id }} page(id: {world["public_alias"].pk}) {{ id }}
        }} }}""",
    )["site"]
    assert ids(shown["pages"]) == {world["public_alias"].pk}
    assert shown["page"] == {"id": str(world["public_alias"].pk)}


def test_aliases_alias_of_and_draft_title_show_only_what_is_visible(client, news_world):
    world = news_world
    data = graphql(
        client,
        f"""{{
            source: page(id: {world["public"].pk}) {{
                ... on NewsPage {{ aliases {{ id title }} }}
            }}
            alias: page(id: {world["public_alias"].pk}) {{
                ... on NewsPage {{ aliasOf {{ id }} }}
            }}
            changed: page(id: {world["changed"].pk}) {{
                ... on NewsPage {{ title draftTitle }}
            }}
        }}""",
    )
    assert_nothing_hidden(world, data)
    assert ids(data["source"]["aliases"]) == {world["public_alias"].pk}
    assert data["alias"]["aliasOf"] == {"id": str(world["public"].pk)}
    assert data["changed"]["draftTitle"] == "Gepubliceerd nieuws"


def test_editors_state_of_a_page_is_not_shown(client, news_world):
    """Whether a draft waits, a lock, a schedule and the count of children that
    are drafts or private: none of it reaches a visitor."""
    from datetime import timedelta

    from django.utils import timezone

    world = news_world
    changed = world["changed"]
    later = timezone.now() + timedelta(days=30)
    Page.objects.filter(pk=changed.pk).update(
        locked=True, locked_at=timezone.now(), expire_at=later, go_live_at=later
    )
    data = graphql(
        client,
        f"""{{
            changed: page(id: {changed.pk}) {{
                ... on NewsPage {{
                    hasUnpublishedChanges latestRevisionCreatedAt locked lockedAt
                    goLiveAt expireAt
                }}
            }}
            section: page(id: {world["section"].pk}) {{
                ... on NewsPage {{ numchild children {{ id }} }}
            }}
        }}""",
    )
    assert data["changed"] == {
        "hasUnpublishedChanges": False,
        "latestRevisionCreatedAt": None,
        "locked": False,
        "lockedAt": None,
        "goLiveAt": None,
        "expireAt": None,
    }
    # The section's children include a draft and a private page.
    assert fresh(world["section"]).numchild > len(data["section"]["children"])
    assert data["section"]["numchild"] == len(data["section"]["children"])


def test_per_type_queries_follow_the_rule(client, news_world):
    world = news_world
    data = graphql(
        client,
        f"""{{
            newsItems(limit: 50) {{ id title }}
            pagedNewsItems(perPage: 50) {{ items {{ id }} pagination {{ total }} }}
            latestNewsItem(order: "-id") {{ id }}
            alias: newsItem(id: {world["secret_alias"].pk}) {{ id }}
            draft: newsItem(slug: "{world["draft"].slug}") {{ id }}
            byPath: newsItem(urlPath: "/{world["secret_alias"].slug}/") {{ id }}
            shown: newsItem(id: {world["public_alias"].pk}) {{ id }}
            pagedAlias: pagedNewsItem(id: {world["secret_alias"].pk}) {{ id }}
        }}""",
    )
    assert_nothing_hidden(world, data)
    listed = ids(data["newsItems"])
    assert not listed & hidden(world)
    assert {world["public"].pk, world["public_alias"].pk} <= listed
    paged = data["pagedNewsItems"]
    assert ids(paged["items"]) == listed
    assert paged["pagination"]["total"] == len(listed)
    assert int(data["latestNewsItem"]["id"]) not in hidden(world)
    assert data["alias"] is None and data["draft"] is None
    assert data["byPath"] is None and data["pagedAlias"] is None
    assert data["shown"] == {"id": str(world["public_alias"].pk)}


def test_a_defenders_related_news_follows_the_rule(client, news_world):
    world = news_world
    data = graphql(
        client,
        f"{{ defender(id: {world['profile'].pk}) {{ relatedNews {{ id title }} }} }}",
    )["defender"]
    assert_nothing_hidden(world, data)
    assert [news["id"] for news in data["relatedNews"]] == [world["public"].pk]
