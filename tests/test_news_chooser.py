"""The related news chooser (wagtail_defenders.news_chooser): it opens at the
news of the edited profile's language and shows each page's date."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests import factories
from tests.testapp.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_in_two_languages(home):
    english_home = HomePage(title="Home", slug="home-en", locale=factories.locale("en"))
    factories.add_child(Page.get_first_root_node(), english_home)
    nieuws = factories.add_child(home, Page(title="Nieuws", slug="nieuws"))
    news = factories.add_child(
        english_home, Page(title="News", slug="news", locale=english_home.locale)
    )
    dutch = factories.news(nieuws, "Alassane spreekt")
    english = factories.news(news, "Alassane speaks")
    return {"nieuws": nieuws, "news": news, "dutch": dutch, "english": english}


def open_chooser(client, **params):
    response = client.get(
        reverse("wagtail_defenders_choose_related_news"),
        {"page_type": "testapp.newspage", "multiple": "1", **params},
    )
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(("language", "index"), [("nl", "nieuws"), ("en", "news")])
def test_opens_at_the_news_of_the_profile_language(
    client, editor, news_in_two_languages, language, index
):
    data = open_chooser(client, locale=language)
    assert data["step"] == "browse"
    assert data["parent_page_id"] == news_in_two_languages[index].pk


def test_shows_each_news_date(client, editor, news_in_two_languages):
    html = open_chooser(client, locale="nl")["html"]
    assert "Alassane spreekt" in html
    assert "Date" in html
    row = html[html.index("Alassane spreekt") :]
    assert '<time class="w-human-readable-date__date" datetime="2024-05-01">' in row


def test_a_chosen_page_opens_at_its_parent(client, editor, news_in_two_languages):
    nieuws = news_in_two_languages["nieuws"]
    response = client.get(
        reverse("wagtail_defenders_choose_related_news_child", args=[nieuws.pk]),
        {"page_type": "testapp.newspage", "locale": "en"},
    )
    assert response.json()["parent_page_id"] == nieuws.pk


def test_the_profile_form_uses_it(client, editor, index, terms, news_in_two_languages):
    profile = factories.profile(
        index,
        "Alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
    )
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[profile.pk])
    ).content.decode()
    assert reverse("wagtail_defenders_choose_related_news") in html


def test_the_search_box_searches_all_the_news(client, editor, news_in_two_languages):
    """The browse step's search box leads to the related news search, which
    finds the news below every news index (both languages), with their dates."""
    html = open_chooser(client, locale="nl")["html"]
    search_url = reverse("wagtail_defenders_choose_related_news_search")
    assert f'action="{search_url}?' in html
    assert reverse("wagtailadmin_choose_page_search") not in html

    response = client.get(
        search_url, {"page_type": "testapp.newspage", "multiple": "1", "q": "Alassane"}
    )
    assert response.status_code == 200
    results = response.content.decode()
    assert "Alassane spreekt" in results
    assert "Alassane speaks" in results
    assert "Date" in results
    row = results[results.index("Alassane speaks") :]
    assert '<time class="w-human-readable-date__date" datetime="2024-05-01">' in row


def test_the_search_finds_only_news(client, editor, news_in_two_languages, index):
    """Pages of other types are no results, as in Wagtail's own chooser search."""
    results = client.get(
        reverse("wagtail_defenders_choose_related_news_search"),
        {"page_type": "testapp.newspage", "q": "Nieuws"},
    ).content.decode()
    assert "There are 0 matches" in results or "There is 0 match" in results
