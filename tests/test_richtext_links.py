"""Rich text links lead only to pages a visitor may open (issue 12, case 4).

A live profile's body links to pages of every kind; on the page, in API v2 and
v3 detail and in GraphQL, only the public ones keep an address. The others stay
as plain text in an ``<a>`` without ``href``, the way Wagtail renders a link to a
deleted page. All the body's links cost one query, however many there are.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories
from tests.api_world import clear_caches, translated_page
from wagtail_defenders.api import v3

pytestmark = pytest.mark.django_db


def link(page: Page, text: str) -> str:
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def section(text: str) -> tuple:
    return ("section", {"kind": "about", "heading": "Kop", "text": f"<p>{text}</p>"})


@pytest.fixture
def targets(home, index, terms):
    def profile(title: str, **kwargs):
        return factories.profile(
            index,
            title,
            slug=title.lower(),
            country=terms["mali"],
            city=terms["utrecht"],
            themes=[terms["pers"]],
            **kwargs,
        )

    public = profile("Openbaar")
    draft = profile("Concept", live=False)
    private = profile("Prive")
    PageViewRestriction.objects.create(page=private, restriction_type="password")
    translated_page(home, title="Home EN")
    en_index = translated_page(index, title="Defenders EN")
    aliased = profile("Gealiast")
    alias = aliased.create_alias(parent=en_index, update_locale=factories.locale("en"))
    PageViewRestriction.objects.create(page=aliased, restriction_type="login")
    kept_out = profile("Buiten-api")
    kept_out.hide_from_api = True
    kept_out.save_revision().publish()
    other_home = factories.HomePage(title="Ander", slug="ander", locale=home.locale)
    Page.get_first_root_node().add_child(instance=other_home)
    Site.objects.create(hostname="ander.example", root_page=other_home)
    other_index = factories.index_page(other_home, "Anderen", "anderen")
    other_draft = factories.profile(
        other_index,
        "Elders",
        slug="elders",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[],
        live=False,
    )
    return {
        "public": public,
        "draft": draft,
        "private": private,
        "alias": alias,
        "kept_out": kept_out,
        "other_draft": other_draft,
    }


HIDDEN = ["draft", "private", "alias", "other_draft"]


def linking_profile(index, terms, targets, sections: int = 1):
    links = " ".join(link(page, f"naar-{name}") for name, page in targets.items())
    return factories.profile(
        index,
        "Verwijzer",
        slug="verwijzer",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        body=[section(links) for _number in range(sections)],
    )


def anchors(html: str) -> dict[str, str]:
    """Each link text with its opening tag, as rendered."""
    return {
        text: tag for tag, text in re.findall(r"(<a\b[^>]*>)(naar-[\w_]+)</a>", html)
    }


def assert_only_public_links(html: str, targets: dict, api: bool) -> None:
    rendered = anchors(html)
    assert set(rendered) == {f"naar-{name}" for name in targets}, html
    assert rendered["naar-public"] == f'<a href="{targets["public"].url}">'
    for name in HIDDEN:
        assert rendered[f"naar-{name}"] == "<a>", name
        assert f"/{targets[name].slug}/" not in html, name
    # Kept out of the API: linked on the site, plain text in the API.
    assert (rendered["naar-kept_out"] == "<a>") is api


def test_profile_page_links_only_to_visible_pages(client, index, terms, targets):
    profile = linking_profile(index, terms, targets)
    assert_only_public_links(client.get(profile.url).content.decode(), targets, False)


def test_api_details_link_only_to_visible_pages(client, index, terms, targets):
    profile = linking_profile(index, terms, targets)
    body = client.get(f"/api/v2/defenders/{profile.pk}/").json()["body"]
    assert_only_public_links(body[0]["value"]["text"], targets, True)
    pages = client.get(f"/api/v2/pages/{profile.pk}/").json()["body"]
    assert_only_public_links(pages[0]["value"]["text"], targets, True)
    if v3.AVAILABLE:
        body = client.get(f"/api/v3/defenders/{profile.pk}/").json()["body"]
        assert_only_public_links(body[0]["value"]["text"], targets, True)


def test_graphql_body_links_only_to_visible_pages(client, index, terms, targets):
    if not apps.is_installed("grapple"):
        pytest.skip("the graphql extra is not installed")
    profile = linking_profile(index, terms, targets)
    response = client.post(
        "/graphql/",
        {
            "query": f"{{ defender(id: {profile.pk}) "
            "{ body { ... on DefenderSectionBlock { text } } } }"
        },
        content_type="application/json",
    )
    text = response.json()["data"]["defender"]["body"][0]["text"]
    assert_only_public_links(text, targets, True)


def test_richtext_filter_in_any_template(targets):
    """``|richtext`` on any page's field (the index introduction, a site's page)."""
    html = " ".join(link(page, f"naar-{name}") for name, page in targets.items())
    rendered = Template("{% load wagtailcore_tags %}{{ html|richtext }}").render(
        Context({"html": html})
    )
    assert_only_public_links(str(rendered), targets, False)


def test_a_link_leads_to_the_visible_translation(home, index, terms):
    translated_page(home, title="Home EN")
    news = factories.news(home, "Nieuws")
    news_en = translated_page(news, title="News")
    html = Template("{% load wagtailcore_tags %}{{ html|richtext }}")
    context = Context({"html": link(news, "het nieuws")})
    with translation.override("en"):
        assert f'<a href="{news_en.url}">' in html.render(context)
    PageViewRestriction.objects.create(page=news_en, restriction_type="login")
    with translation.override("en"):
        # The English version is private: the link falls back to the Dutch one.
        assert f'<a href="{news.url}">' in html.render(context)
    assert f'<a href="{news.url}">' in html.render(context)


def test_unknown_and_malformed_ids_are_plain_text(home):
    html = (
        '<a linktype="page" id="999999">weg</a><a linktype="page" id="x">kapot</a>'
        f'<a linktype="page" id="{2**70}">groot</a>'
    )
    rendered = Template("{% load wagtailcore_tags %}{{ html|richtext }}").render(
        Context({"html": html})
    )
    assert "<a>weg</a>" in rendered and "<a>kapot</a>" in rendered
    assert "<a>groot</a>" in rendered


def count(client, url: str) -> int:
    clear_caches()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["page", "v2", *(["v3"] if v3.AVAILABLE else [])])
def test_links_cost_the_same_however_many_sections_link(
    client, settings, index, terms, targets, path
):
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 0}
    urls = {
        "page": lambda profile: profile.url,
        "v2": lambda profile: f"/api/v2/defenders/{profile.pk}/",
        "v3": lambda profile: f"/api/v3/defenders/{profile.pk}/",
    }
    one = linking_profile(index, terms, {"public": targets["public"]})
    few = count(client, urls[path](one))
    one.delete()
    many = linking_profile(index, terms, targets, sections=8)
    assert count(client, urls[path](many)) == few
