"""The listings' queries: the page of ids first, and the index their order uses.

On PostgreSQL the plan of the index page's card query is checked with EXPLAIN:
the year index serves ``ORDER BY year DESC NULLS LAST, title, pk`` (the planner
is told not to sequential-scan: a test database is too small for it to prefer the
index on its own, as it does at thousands of profiles). A ``(year DESC)`` index,
NULLS FIRST on PostgreSQL, could not: the plan would sort every row.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests import factories
from wagtail_defenders.models import DefenderPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles(index, terms):
    dated = [
        factories.profile(
            index,
            f"Kaart {number:02d}",
            country=terms["mali"],
            city=terms["utrecht"],
            themes=[terms["lhbti"]],
            year=2015 + number % 4,
        )
        for number in range(9)
    ]
    with override_settings(WAGTAIL_DEFENDERS={"REQUIRE_HOST_CITY": False}):
        undated = [
            factories.profile(
                index,
                f"Zonder jaar {number}",
                country=terms["mali"],
                city=terms["utrecht"],
                themes=[terms["lhbti"]],
                year=None,
            )
            for number in range(2)
        ]
    return dated + undated


def test_cards_are_a_page_of_the_listing_in_its_order(index, profiles):
    listing = index.get_profiles().for_card_ordering()
    expected = list(listing.values_list("pk", flat=True))
    for start, stop in [(0, 4), (4, 8), (8, 12), (20, 24)]:
        cards = listing.cards(start, stop)
        assert [card.pk for card in cards] == expected[start:stop]
        assert all(card.themes == [card.themes[0]] for card in cards)


def test_cards_keep_a_search_ranking(index, profiles):
    ranked = index.get_profiles().search_ranked("Kaart")
    assert [c.pk for c in ranked.cards(0, 3)] == list(
        ranked.values_list("pk", flat=True)[:3]
    )


def test_the_card_query_joins_only_the_page_of_ids(index, profiles):
    listing = index.get_profiles().for_card_ordering()
    with CaptureQueriesContext(connection) as queries:
        listing.cards(0, 4)
    card_query = queries.captured_queries[0]["sql"]
    if connection.features.allow_sliced_subqueries_with_in:
        # One query: the ids' subquery sorts without the card's joins.
        subquery = card_query[card_query.index("IN (SELECT") :]
        assert "LIMIT 4" in subquery
        assert "wagtailimages_image" not in subquery
        assert "wagtail_defenders_country" not in subquery


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL"
)
def test_postgresql_orders_the_cards_by_the_year_index(index, profiles):
    listing = index.get_profiles().for_card_ordering()
    ids = listing.select_related(None).prefetch_related(None).values("pk")[:24]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("ANALYZE wagtail_defenders_defenderpage")
        plan = ids.explain()
    assert "NULLS LAST" in str(ids.query)
    assert "wagtail_defenders_year_desc" in plan, plan
    assert DefenderPage._meta.indexes[0].name == "wagtail_defenders_year_desc"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["wagtail_defenders_year_desc"],
        )
        [(definition,)] = cursor.fetchall()
    assert definition.endswith("(year DESC NULLS LAST)"), definition
