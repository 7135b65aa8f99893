"""Related news that finds itself: ``RELATED_NEWS_AUTOMATIC`` (issue 16).

The editors' related news comes first. When there is less of it than the
setting asks for, news pages that share the profile's themes or country fill
the list up: live, public, in the profile's language, of a type with
``DefenderNewsMixin``, most shared terms first, then the newest. The same list
on the profile page and in every API, in one query more, flat in the number of
news pages.
"""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from tests import factories
from tests.api_world import clear_caches
from tests.testapp.models import HomePage, TaggedNewsPage
from wagtail_defenders.api import v3
from wagtail_defenders.models.automatic_news import automatic_news_models

pytestmark = pytest.mark.django_db

TYPES = ["testapp.NewsPage", "testapp.TaggedNewsPage"]


@pytest.fixture(autouse=True)
def fresh_caches():
    clear_caches()


@pytest.fixture
def automatic(settings):
    def set_to(number: int, **more) -> None:
        settings.WAGTAIL_DEFENDERS = {
            "RELATED_NEWS_PAGE_TYPES": TYPES,
            "RELATED_NEWS_AUTOMATIC": number,
            "CACHE_TIMEOUT": 0,
            **more,
        }

    set_to(4)
    return set_to


def tagged_news(parent, title, *, themes=(), country=None, date=None, live=True):
    page = TaggedNewsPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        date=date or datetime.date(2024, 1, 1),
        country=country,
        live=live,
    )
    page.themes = list(themes)
    factories.add_child(parent, page)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


@pytest.fixture
def world(home, index, terms):
    lhbti, pers, mali, nl = terms["lhbti"], terms["pers"], terms["mali"], terms["nl"]
    chosen = factories.news(home, "Chosen by the editors")
    news = {
        "both": tagged_news(home, "Both", themes=[lhbti], country=mali),
        "theme new": tagged_news(
            home, "Theme new", themes=[pers], date=datetime.date(2025, 6, 1)
        ),
        "country older": tagged_news(
            home, "Country older", country=mali, date=datetime.date(2025, 1, 1)
        ),
        "nothing shared": tagged_news(home, "Nothing shared", country=nl),
        "draft": tagged_news(
            home, "Draft", themes=[lhbti, pers], country=mali, live=False
        ),
        "private": tagged_news(home, "Private", themes=[lhbti, pers], country=mali),
    }
    PageViewRestriction.objects.create(page=news["private"], restriction_type="login")
    english_home = HomePage(title="Home", slug="home-en", locale=factories.locale("en"))
    Page.get_first_root_node().add_child(instance=english_home)
    news["english"] = tagged_news(
        english_home, "English", themes=[lhbti, pers], country=mali
    )
    profile = factories.profile(
        index,
        "Amina",
        country=mali,
        city=terms["den-haag"],
        themes=[lhbti, pers],
        related_news=[chosen],
    )
    return profile, chosen, news


def titles(pages) -> list[str]:
    return [page.title for page in pages]


def test_off_by_default(world, settings):
    settings.WAGTAIL_DEFENDERS = {"RELATED_NEWS_PAGE_TYPES": TYPES}
    profile, chosen, _news = world
    assert titles(profile.get_related_news()) == [chosen.title]


def test_fills_up_by_shared_terms_then_date(world, automatic):
    profile, chosen, _news = world
    assert titles(profile.get_related_news()) == [
        chosen.title,
        "Both",  # a theme and the country
        "Theme new",  # one term, newer
        "Country older",  # one term, older
    ]
    automatic(2)
    assert titles(profile.get_related_news()) == [chosen.title, "Both"]
    automatic(1)
    assert titles(profile.get_related_news()) == [chosen.title]


def test_never_a_draft_a_private_page_or_another_language(world, automatic):
    profile, _chosen, _news = world
    automatic(20)
    shown = titles(profile.get_related_news())
    assert "Nothing shared" not in shown
    for left_out in ("Draft", "Private", "English"):
        assert left_out not in shown


def test_only_types_with_the_mixin_and_allowed(world, automatic, settings):
    profile, chosen, _news = world
    assert automatic_news_models() == [TaggedNewsPage]
    automatic(4, RELATED_NEWS_PAGE_TYPES=["testapp.NewsPage"])
    assert automatic_news_models() == []
    assert titles(profile.get_related_news()) == [chosen.title]


def test_the_chosen_news_is_not_repeated(world, automatic):
    profile, _chosen, news = world
    profile.related_news = []
    from wagtail_defenders.models import DefenderRelatedNews

    profile.related_news = [DefenderRelatedNews(news_page=news["both"], sort_order=0)]
    profile.save_revision().publish()
    profile.refresh_from_db()
    assert titles(profile.get_related_news()) == ["Both", "Theme new", "Country older"]


EXPECTED = ["Chosen by the editors", "Both", "Theme new", "Country older"]


def test_profile_page_and_every_api(client, world, automatic):
    profile, _chosen, _news = world
    html = client.get(profile.url).content.decode()
    positions = [html.index(title) for title in EXPECTED]
    assert positions == sorted(positions)
    assert "Draft" not in html and "Private" not in html

    def ids(items) -> list[str]:
        return [item["title"] for item in items]

    detail = client.get(f"/api/v2/defenders/{profile.pk}/").json()
    assert ids(detail["related_news"]) == EXPECTED
    if v3.AVAILABLE:
        detail = client.get(f"/api/v3/defenders/{profile.pk}/").json()
        assert ids(detail["related_news"]) == EXPECTED
    if apps.is_installed("grapple"):
        query = f"{{ defender(id: {profile.pk}) {{ relatedNews {{ title date }} }} }}"
        data = client.post(
            "/graphql/", {"query": query}, content_type="application/json"
        ).json()
        assert "errors" not in data, data
        assert ids(data["data"]["defender"]["relatedNews"]) == EXPECTED


def test_one_query_more_flat_in_the_number_of_news(
    client, home, world, automatic, terms
):
    """Inside the profile page's budget (12) and the v2 detail's, whatever the
    number of news pages."""
    profile, _chosen, _news = world

    def count(url: str) -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    detail = f"/api/v2/defenders/{profile.pk}/"
    automatic(0)
    page_off, detail_off = count(profile.url), count(detail)
    automatic(4)
    page_on, detail_on = count(profile.url), count(detail)
    assert page_on == page_off + 1 <= 12
    assert detail_on <= detail_off + 1
    for number in range(10):
        tagged_news(
            home, f"More {number}", themes=[terms["lhbti"]], country=terms["mali"]
        )
    assert count(profile.url) == page_on
    assert count(detail) == detail_on
