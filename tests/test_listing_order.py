"""The listings' default order: the most recent stay first, the profiles without
a year after all the others, then by name, on every database.

PostgreSQL puts NULL first in a descending order, SQLite, MariaDB and MySQL put
it last: ordered by ``-year`` alone, the profiles without a year headed every
listing on PostgreSQL and closed them elsewhere. The index page, API v2, v3 and
GraphQL list the same profiles in the same order. (The feeds have their own
order, by the newest update: tests/test_feeds.py.)
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests import factories
from tests.api_world import clear_caches
from wagtail_defenders.api import v3

pytestmark = pytest.mark.django_db

#: Names that sort alike in every database collation (no case or accents to
#: weigh), repeated so that the id decides between namesakes of one year.
NAMES = ["Amina", "Bakary", "Chidi"]
YEARS = st.one_of(st.none(), st.integers(min_value=2015, max_value=2018))
PROFILES = st.lists(st.tuples(YEARS, st.sampled_from(NAMES)), min_size=1, max_size=6)

CARD_NAME = re.compile(r'class="defender-card__name"><a href="([^"]+)">')


def expected_order(profiles) -> list[int]:
    """The rule: by year, most recent first, then no year; then name, then id."""
    return [
        profile.pk
        for profile in sorted(
            profiles,
            key=lambda p: (p.year is None, -(p.year or 0), p.title, p.pk),
        )
    ]


def index_page_order(client, index, profiles) -> list[int]:
    html = client.get(index.url).content.decode()
    by_url = {profile.url: profile.pk for profile in profiles}
    return [by_url[url] for url in CARD_NAME.findall(html)]


def v2_order(client) -> list[int]:
    items = client.get("/api/v2/defenders/").json()["items"]
    return [item["id"] for item in items]


def v3_order(client) -> list[int]:
    items = client.get("/api/v3/defenders/").json()["items"]
    return [item["id"] for item in items]


def graphql_order(client) -> list[int]:
    response = client.post(
        "/graphql/",
        {"query": "{ defenders(perPage: 20) { items { id } } }"},
        content_type="application/json",
    ).json()
    assert "errors" not in response, response
    return [int(item["id"]) for item in response["data"]["defenders"]["items"]]


def listing_orders(client, index, profiles) -> dict[str, list[int]]:
    orders = {
        "index page": index_page_order(client, index, profiles),
        "v2": v2_order(client),
    }
    if v3.AVAILABLE:
        orders["v3"] = v3_order(client)
    if apps.is_installed("grapple"):
        orders["graphql"] = graphql_order(client)
    return orders


@override_settings(WAGTAIL_DEFENDERS={"REQUIRE_HOST_CITY": False})
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@example([(2016, "Bakary"), (None, "Amina"), (2018, "Chidi"), (None, "Amina")])
@given(PROFILES)
def test_every_listing_puts_the_profiles_without_a_year_last(
    client, index, terms, stays
):
    with transaction.atomic():
        clear_caches()
        profiles = [
            factories.profile(
                index,
                name,
                country=terms["mali"],
                city=terms["utrecht"] if year else None,
                themes=[terms["lhbti"]],
                year=year,
            )
            for year, name in stays
        ]
        expected = expected_order(profiles)
        for surface, order in listing_orders(client, index, profiles).items():
            assert order == expected, surface
        transaction.set_rollback(True)


def test_the_last_updated_order_breaks_ties_with_the_undated_last(client, index, terms):
    """``order=last_updated``: profiles without a public update follow in the
    default order, so there too the ones without a year come last."""
    with override_settings(WAGTAIL_DEFENDERS={"REQUIRE_HOST_CITY": False}):
        undated = factories.profile(
            index,
            "Amina",
            country=terms["mali"],
            city=None,
            themes=[terms["lhbti"]],
            year=None,
        )
        dated = factories.profile(
            index,
            "Bakary",
            country=terms["mali"],
            city=terms["utrecht"],
            themes=[terms["lhbti"]],
            year=2016,
        )
        items = client.get("/api/v2/defenders/?order=last_updated").json()["items"]
    assert [item["id"] for item in items] == [dated.pk, undated.pk]
