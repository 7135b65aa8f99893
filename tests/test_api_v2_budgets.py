"""API v2 query budgets (DESIGN.md): flat in the number of profiles."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from tests import factories
from tests.api_v2_support import DEFENDERS

pytestmark = pytest.mark.django_db


# Query budgets (DESIGN.md): flat in the number of profiles


def add_profiles(index, terms: dict, count: int, start: int = 0) -> None:
    themes = [terms["lhbti"], terms["pers"]]
    for number in range(start, start + count):
        factories.profile(
            index,
            f"Person {number:04d}",
            country=terms["mali"],
            city=terms["den-haag"],
            themes=themes,
            year=2000 + number % 20,
            portrait=factories.image(f"p{number}", size=(8, 8)),
        )


@pytest.fixture
def cold(settings):
    """API data not cached: the budgets hold for a request answered afresh."""
    settings.WAGTAIL_DEFENDERS = {
        **settings.WAGTAIL_DEFENDERS,
        "CACHE_TIMEOUT": 0,
    }


def count_queries(client, url: str) -> int:
    client.get(url)  # makes the renditions once, as on a site in use
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_listing_queries_are_flat_in_the_number_of_profiles(cold, client, index, terms):
    url = f"{DEFENDERS}?limit=20"
    filtered = (
        f"{DEFENDERS}?limit=20&theme=lhbti,persvrijheid&country=ML&year=2001,2002"
    )
    add_profiles(index, terms, 20)
    small, small_filtered = count_queries(client, url), count_queries(client, filtered)
    add_profiles(index, terms, 80, start=20)
    assert Page.objects.type(factories.DefenderPage).count() == 100
    large, large_filtered = count_queries(client, url), count_queries(client, filtered)
    assert small == large <= 10
    assert small_filtered == large_filtered <= 10


def test_detail_queries_do_not_grow_with_themes_or_news(
    cold, client, home, index, terms
):
    news = [factories.news(home, f"Nieuws {n}") for n in range(6)]
    extra = [factories.theme(f"Thema {n}") for n in range(6)]
    body = [("section", {"kind": "about", "heading": "Over", "text": "<p>Tekst.</p>"})]
    few = factories.profile(
        index,
        "Few",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
        portrait=factories.image("few"),
        related_news=news[:1],
        body=body,
    )
    many = factories.profile(
        index,
        "Many",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"], terms["pers"], *extra],
        portrait=factories.image("many"),
        related_news=news,
        body=body,
    )
    small = count_queries(client, f"{DEFENDERS}{few.pk}/")
    large = count_queries(client, f"{DEFENDERS}{many.pk}/")
    assert small == large <= 12


def test_taxonomy_queries_are_flat(cold, client, index, terms):
    add_profiles(index, terms, 5)
    small = count_queries(client, "/api/v2/themes/")
    add_profiles(index, terms, 25, start=5)
    assert count_queries(client, "/api/v2/themes/") == small <= 6
