"""The visibility rule's cost grows with the number of pages, not with its square.

Query counts cannot show it: the rule is one condition of every listing's query.
What grows is the work inside the statement. On PostgreSQL, EXPLAIN ANALYZE counts
the rows each plan node reads and throws away; summed over the plan, the work of
listing the visible profiles must grow about as the profiles do (4× the profiles,
at most 6× the work), with a view restriction, an alias and a members' area in the
tree, on analysed tables as a live site has them. A rule that walks the page tree
for each page (correlated subqueries the planner cannot turn into joins) grows 16×.
"""

from __future__ import annotations

import pytest
from django.db import connection
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories
from tests.testapp.models import OtherPage
from wagtail_defenders.models import DefenderPage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="EXPLAIN ANALYZE of PostgreSQL"
    ),
]


def work(plan: dict) -> float:
    """The rows a plan node and the nodes below it produced and filtered out,
    over all their loops (EXPLAIN gives both per loop)."""
    loops = plan.get("Actual Loops", 1)
    rows = plan.get("Actual Rows", 0) + sum(
        plan.get(key, 0)
        for key in ("Rows Removed by Filter", "Rows Removed by Join Filter")
    )
    return rows * loops + sum(work(child) for child in plan.get("Plans", []))


def listing_work(queryset) -> float:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        [(document,)] = cursor.fetchall()
    return work(document[0]["Plan"])


def add_profiles(index, terms, start: int, count: int) -> None:
    for number in range(start, start + count):
        factories.profile(
            index,
            f"Profiel {number:03d}",
            country=terms["mali"],
            city=terms["utrecht"],
            themes=[terms["lhbti"]],
        )


def test_the_work_of_a_listing_grows_with_the_profiles_not_their_square(index, terms):
    home = index.get_parent()
    members = home.add_child(instance=OtherPage(title="Leden", slug="leden"))
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    restricted = factories.profile(
        index, "Besloten", country=terms["mali"], city=terms["utrecht"], themes=[]
    )
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    members.specific.create_alias(parent=home, update_slug="leden-alias")
    site = Site.objects.get(is_default_site=True)
    visible = DefenderPage.objects.visible(site=site).order_by("-year", "title", "pk")

    add_profiles(index, terms, 0, 20)
    small = listing_work(visible.values("pk"))
    assert visible.count() == 20
    add_profiles(index, terms, 20, 60)
    large = listing_work(visible.values("pk"))
    assert visible.count() == 80
    assert restricted.pk not in set(visible.values_list("pk", flat=True))
    assert Page.objects.filter(alias_of=members).exists()
    assert large / small < 6, (small, large)
