"""Query budgets the other test modules do not cover yet (DESIGN.md "Query budgets").

Each test counts the queries of one request at two sizes and asserts that the
counts are equal and within the budget. Covered elsewhere: the index page with no
filter, theme, country and year, city and search (``test_index_page``), a profile
page with few and many themes and news (``test_defender_page``), the v2 listing,
v2 detail and themes (``test_api_v2``) and the GraphQL listing (``test_graphql``).

The HTML pages and the v2 API are counted with the cache off (``CACHE_TIMEOUT``
0), so the budget holds on a cold cache, and once more with it on.
"""

from __future__ import annotations

import pytest
import wagtail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from wagtail_defenders.api import v3

pytestmark = pytest.mark.django_db

requires_v3 = pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")


@pytest.fixture(params=[0, 300], ids=["cold", "cached"])
def cache_timeout(request, settings):
    # Five a page, so that page 2 exists at both sizes.
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": request.param, "PER_PAGE": 5}
    return request.param


def add_profiles(index, terms: dict, count: int, start: int = 0) -> list:
    statuses = [
        factories.status("detained", "Gedetineerd"),
        factories.status("released", "Vrijgelaten"),
        None,
    ]
    return [
        factories.profile(
            index,
            f"Budget {number:04d}",
            country=terms["mali"] if number % 2 else terms["nl"],
            city=terms["den-haag"] if number % 3 else terms["utrecht"],
            themes=[terms["lhbti"], terms["pers"]] if number % 2 else [terms["pers"]],
            year=2015 + number % 10,
            status=statuses[number % 3],
            portrait=factories.image(f"budget-{number}", size=(8, 8)),
        )
        for number in range(start, start + count)
    ]


def count_queries(client, url: str) -> int:
    client.get(url)  # warm up: renditions and Wagtail's site caches, as on a live site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(
    "query",
    [
        "country=ML",
        "year=2016",
        "theme=lhbti&city=utrecht&q=Budget",
        "page=2",
        "status=gedetineerd,vrijgelaten",
    ],
)
def test_index_page_with_other_filters_is_flat(
    client, index, terms, cache_timeout, query
):
    add_profiles(index, terms, 12)
    small = count_queries(client, f"{index.url}?{query}")
    add_profiles(index, terms, 24, start=12)
    large = count_queries(client, f"{index.url}?{query}")
    assert small == large
    # Search adds two queries (ids, then the search); Wagtail 7's database search
    # backend loads the matched pages in one more (seen with filters and search).
    search_budget = 14 if wagtail.VERSION >= (8, 0) else 15
    assert large <= (search_budget if "q=" in query else 12)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "theme=lhbti&country=ML",
        "theme=lhbti,persvrijheid&country=ML&city=den-haag&status=gedetineerd&year=2015,2017",
    ],
    ids=["unfiltered", "two-filters", "every-filter"],
)
def test_index_page_with_facet_counts_is_flat(
    client, index, terms, cache_timeout, query
):
    """The filters' facet counts are one query, whatever the filters and the
    number of profiles."""
    sizes = []
    added = 0
    for size in (4, 16, 40):
        add_profiles(index, terms, size - added, start=added)
        added = size
        sizes.append(count_queries(client, f"{index.url}?{query}"))
        html = client.get(f"{index.url}?{query}").content.decode()
        assert "LHBTI (" in html  # counted
    assert sizes[0] == sizes[1] == sizes[2]
    assert sizes[0] <= 12


def test_a_search_costs_the_index_page_only_the_search(
    client, index, terms, cache_timeout
):
    """Facet counts under a search read no query of their own: the search's
    matches, read once, serve the listing and the counts."""
    # Ids, then the search; Wagtail 7's database backend loads the matches in
    # one more on SQLite and PostgreSQL (not on MariaDB).
    most = 2 if wagtail.VERSION >= (8, 0) else 3
    url = f"{index.url}?theme=lhbti"
    extra = []
    for start, count in ((0, 4), (4, 12)):
        add_profiles(index, terms, count, start=start)
        plain = count_queries(client, url)
        searched = count_queries(client, f"{url}&q=Budget")
        html = client.get(f"{url}&q=Budget").content.decode()
        assert "LHBTI (" in html  # counted under the search
        extra.append(searched - plain)
    # A cached page runs neither the counts nor the search; a cold one only the
    # search's own queries, the same at every size.
    if cache_timeout:
        assert extra == [0, 0]
    else:
        assert extra[0] == extra[1]
        assert 2 <= extra[0] <= most


def test_profile_page_is_flat_in_the_number_of_profiles(
    client, index, terms, cache_timeout
):
    first, *_ = add_profiles(index, terms, 3)
    small = count_queries(client, first.url)
    add_profiles(index, terms, 15, start=3)
    large = count_queries(client, first.url)
    assert small == large <= 12


def test_a_cached_profile_page_reads_no_themes_or_related_news(
    client, home, index, terms, settings
):
    news = [factories.news(home, f"Nieuws {number}") for number in range(3)]
    profile = factories.profile(
        index,
        "Gecached",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"], terms["pers"]],
        related_news=news,
        portrait=factories.image("gecached", size=(8, 8)),
    )

    def tables_read(timeout: int) -> tuple[int, str]:
        settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": timeout}
        client.get(profile.url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(profile.url)
        assert response.status_code == 200
        assert b"Nieuws 2" in response.content
        return len(queries), " ".join(query["sql"] for query in queries)

    cold, cold_sql = tables_read(0)
    cached, cached_sql = tables_read(300)
    # Routing reads the profile alone; its themes and related news only when a
    # fragment that shows them is rendered.
    assert "defenderpagetheme" in cold_sql and "defenderrelatednews" in cold_sql
    assert "defenderpagetheme" not in cached_sql
    assert "defenderrelatednews" not in cached_sql
    assert cached <= cold - 3
    assert cold <= 12


def test_v2_detail_is_flat_in_the_number_of_profiles(
    client, index, terms, cache_timeout
):
    first, *_ = add_profiles(index, terms, 3)
    url = f"/api/v2/defenders/{first.pk}/"
    small = count_queries(client, url)
    add_profiles(index, terms, 30, start=3)
    assert count_queries(client, url) == small <= 12


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/countries/",
        "/api/v2/cities/",
        "/api/v2/themes/?locale=nl",
        "/api/v2/statuses/?include_unused=true",
    ],
)
def test_v2_taxonomy_listings_are_flat(client, index, terms, cache_timeout, url):
    add_profiles(index, terms, 5)
    small = count_queries(client, url)
    for number in range(6):
        nation = factories.country(f"Land {number}", f"X{number}")
        factories.city(f"Stad {number}", nation)
        factories.theme(f"Thema {number}")
    add_profiles(index, terms, 25, start=5)
    assert count_queries(client, url) == small <= 6


@pytest.mark.parametrize("model", ["theme", "country", "city", "status"])
def test_v2_term_detail_is_flat(client, index, terms, cache_timeout, model):
    term = {
        "theme": terms["lhbti"],
        "country": terms["mali"],
        "city": terms["utrecht"],
        "status": factories.status("detained"),
    }
    path = {
        "theme": "themes",
        "country": "countries",
        "city": "cities",
        "status": "statuses",
    }[model]
    url = f"/api/v2/{path}/{term[model].pk}/"
    add_profiles(index, terms, 5)
    small = count_queries(client, url)
    add_profiles(index, terms, 25, start=5)
    assert count_queries(client, url) == small <= 6


@requires_v3
def test_v3_listing_is_flat(client, index, terms):
    url = "/api/v3/defenders/?limit=20&theme=lhbti,persvrijheid&status=gedetineerd"
    add_profiles(index, terms, 20)
    small = count_queries(client, url)
    add_profiles(index, terms, 40, start=20)
    assert count_queries(client, url) == small <= 10


@requires_v3
def test_v3_detail_is_flat_in_profiles_themes_and_news(client, home, index, terms):
    news = [factories.news(home, f"Nieuws {n}") for n in range(6)]
    extra = [factories.theme(f"Thema {n}") for n in range(6)]

    def make(title: str, count: int):
        return factories.profile(
            index,
            title,
            country=terms["mali"],
            city=terms["utrecht"],
            themes=[terms["lhbti"], *extra[:count]],
            status=factories.status("detained"),
            related_news=news[:count],
            portrait=factories.image(title, size=(8, 8)),
        )

    few = make("Few", 1)
    small = count_queries(client, f"/api/v3/defenders/{few.pk}/")
    add_profiles(index, terms, 20)
    many = make("Many", 6)
    large = count_queries(client, f"/api/v3/defenders/{many.pk}/")
    assert small == large <= 12


@requires_v3
@pytest.mark.parametrize("path", ["themes", "countries", "cities", "statuses"])
def test_v3_taxonomy_listings_are_flat(client, index, terms, path):
    add_profiles(index, terms, 5)
    small = count_queries(client, f"/api/v3/{path}/")
    add_profiles(index, terms, 25, start=5)
    assert count_queries(client, f"/api/v3/{path}/") == small <= 6
