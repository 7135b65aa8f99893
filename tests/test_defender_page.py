"""A profile page: its content, validation, related news and query budget."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests import factories
from tests.testapp.models import OtherPage
from wagtail_defenders.models import DefenderRelatedNews

pytestmark = pytest.mark.django_db

BODY = [
    (
        "section",
        {
            "kind": "about",
            "heading": "Over Alassane",
            "text": "<p>Hij coördineert.</p>",
        },
    ),
    (
        "section",
        {
            "kind": "situation",
            "heading": "Mensenrechtenschendingen in Mali",
            "text": "<p>Sinds 2017.</p>",
        },
    ),
    (
        "section",
        {"kind": "threats", "heading": "Bedreigingen", "text": "<p>Onder druk.</p>"},
    ),
    ("quote", {"quote": "We gaan door.", "attribution": "Alassane"}),
]


@pytest.fixture
def alassane(index, home, terms):
    news_index = home
    news = [factories.news(news_index, f"Nieuws {number}") for number in range(3)]
    page = factories.profile(
        index,
        "Alassane",
        slug="alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"], terms["pers"]],
        body=BODY,
        portrait=factories.image("alassane"),
        related_news=[news[2], news[0]],
    )
    page.portrait_alt_text = "Alassane op een bijeenkomst"
    page.save_revision().publish()
    return page


def test_complete_profile_renders_facets_sections_and_news(client, alassane):
    response = client.get(alassane.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="defender-profile__name">Alassane</h1>' in html
    facets = [
        re.sub(r"<[^>]+>", "", value) for value in re.findall(r"<dd>(.*?)</dd>", html)
    ]
    assert "Den Haag" in facets
    assert "LHBTI, Persvrijheid" in facets
    assert "Mali" in facets
    for kind, heading in [
        ("about", "Over Alassane"),
        ("situation", "Mensenrechtenschendingen in Mali"),
        ("threats", "Bedreigingen"),
    ]:
        assert f'data-section-kind="{kind}"' in html
        assert heading in html
    assert "<blockquote><p>We gaan door.</p></blockquote>" in html
    assert 'alt="Alassane op een bijeenkomst"' in html
    assert ".fill-800x800" in html
    assert html.index("Nieuws 2") < html.index("Nieuws 0")
    assert "Nieuws 1" not in html


def test_related_news_drops_drafts_and_private_pages(alassane, home):
    draft = factories.news(home, "Concept", live=False)
    private = factories.news(home, "Besloten")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    alassane.related_news.add(DefenderRelatedNews(news_page=draft))
    alassane.related_news.add(DefenderRelatedNews(news_page=private))
    alassane.save()
    titles = [page.title for page in alassane.get_related_news()]
    assert titles == ["Nieuws 2", "Nieuws 0"]


def test_related_news_resolves_to_the_profiles_language(alassane, terms):
    english = factories.locale("en")
    dutch_news = alassane.related_news.first().news_page.specific
    english_news = dutch_news.copy_for_translation(english, copy_parents=True)
    english_news.title = "News 2"
    english_news.save_revision().publish()
    english_profile = alassane.copy_for_translation(english, copy_parents=True)
    english_profile.save_revision().publish()
    titles = [page.title for page in english_profile.get_related_news()]
    # The translated news page where it exists, the source page where it does not.
    assert titles == ["News 2", "Nieuws 0"]


def test_stay_dates_are_validated(alassane):
    alassane.stay_start_date = datetime.date(2024, 5, 1)
    alassane.stay_end_date = datetime.date(2024, 4, 30)
    with pytest.raises(ValidationError) as raised:
        alassane.full_clean()
    assert "stay_end_date" in raised.value.message_dict
    alassane.stay_end_date = datetime.date(2024, 5, 1)
    alassane.full_clean()


@pytest.mark.parametrize("year", [1899, 2101])
def test_year_is_validated(alassane, year):
    alassane.year = year
    with pytest.raises(ValidationError) as raised:
        alassane.full_clean()
    assert "year" in raised.value.message_dict


def test_related_news_must_be_of_a_configured_page_type(alassane, home):
    other = OtherPage(title="Ander", slug="ander")
    home.add_child(instance=other)
    link = DefenderRelatedNews(page=alassane, news_page=other)
    with pytest.raises(ValidationError) as raised:
        link.clean()
    assert "news page" in str(raised.value)
    DefenderRelatedNews(
        page=alassane, news_page=alassane.related_news.first().news_page
    ).clean()


def test_portrait_alt_text_falls_back_to_the_image_description(alassane):
    alassane.portrait_alt_text = ""
    alassane.portrait.description = "Een portret"
    assert alassane.portrait_alt == "Een portret"


def profile_queries(client, page) -> int:
    client.get(page.url)  # warm up: renditions, caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(queries)


@override_settings(
    # Count the cold path: a fragment cache hit would hide what the page costs.
    WAGTAIL_DEFENDERS={
        "RELATED_NEWS_PAGE_TYPES": ["testapp.NewsPage"],
        "CACHE_TIMEOUT": 0,
    }
)
def test_query_count_is_flat_in_themes_and_related_news(client, index, home, terms):
    themes = [factories.theme(f"Thema {number}") for number in range(8)]
    news = [factories.news(home, f"Bericht {number}") for number in range(8)]

    def make(slug, count):
        return factories.profile(
            index,
            slug,
            slug=slug,
            country=terms["mali"],
            city=terms["den-haag"],
            themes=themes[:count],
            related_news=news[:count],
            portrait=factories.image(slug),
            body=BODY[:3],
        )

    small = profile_queries(client, make("klein", 1))
    large = profile_queries(client, make("groot", 8))
    assert small == large
    assert large <= 12  # DESIGN.md budget for a profile page


def test_facets_link_to_the_filtered_index_and_back(client, index, terms):
    from tests import factories as made

    profile = made.alassane(index, terms)
    html = client.get(profile.url).content.decode()
    index_url = index.url
    assert f'<p class="defender-profile__back"><a href="{index_url}">' in html
    links = {
        f"{index_url}?city={terms['den-haag'].slug}",
        f"{index_url}?theme={terms['lhbti'].slug}",
        f"{index_url}?country={terms['mali'].slug}",
    }
    for link in links:
        assert f'href="{link}"' in html
        listed = client.get(link).content.decode()
        assert "Alassane" in listed
