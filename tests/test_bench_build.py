"""The benchmark's database holds what its scenarios claim to measure, and its
code runs (at a tiny size: nothing here is timed).

A profile page's cost depends on its themes and related news; a builder that
leaves them out (a relation manager's ``create()`` on an unsaved cluster adds
to it in memory only) measures a profile without them.
"""

from __future__ import annotations

import pytest

from tests.bench import build, run, scenarios, server
from wagtail_defenders.models import (
    DefenderIndexPage,
    DefenderPage,
    DefenderPageTheme,
    DefenderRelatedNews,
)

pytestmark = pytest.mark.django_db


def test_built_profiles_have_several_themes_and_related_news():
    build.build_content(4)
    profiles = DefenderPage.objects.all()
    assert profiles.count() == 4
    assert DefenderRelatedNews.objects.count() == 4 * build.NEWS_PER_PROFILE
    assert DefenderPageTheme.objects.count() == 4 * build.THEMES_PER_PROFILE
    for profile in profiles:
        assert len(profile.themes) == build.THEMES_PER_PROFILE > 1
        assert len(profile.get_related_news()) == build.NEWS_PER_PROFILE > 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_scenario_answers_at_a_tiny_size(settings):
    settings.ROOT_URLCONF = "tests.bench.urls"
    build.build_content(3)
    result = scenarios.measure(3, runs=1, warmup=2)
    counts = {row["scenario"]: row["queries"] for row in result["rows"]}
    assert {"plain Django view", "index, deep page, cache off"} <= set(counts)
    assert counts["plain Django view"] == 0
    # A cached hit through the response cache reads no table; an edit of one
    # profile leaves another profile's cached page warm.
    assert counts["index page, response cache"] == 0
    assert counts["after an edit: another profile"] == 0
    assert counts["after an edit: the profile"] > 0
    assert counts["after an edit: index page"] > 0
    assert "?page=1 " in result["deep"]
    assert set(run.server_paths()) >= {"index page", "profile page"}


def test_deep_page_is_the_last_page_at_a_smaller_size():
    assert scenarios.deep_page(10_000, 24) == 400
    assert scenarios.deep_page(1_000, 24) == 42
    assert scenarios.deep_page(3, 24) == 1


def test_wrk_output_is_read():
    output = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.20ms    1.10ms  30.00ms   90.00%
  Latency Distribution
     50%    4.90ms
     75%    5.50ms
     90%    6.40ms
     99%    1.20s
  3000 requests in 10.00s, 30.00MB read
Requests/sec:    300.25
Transfer/sec:      3.00MB
"""
    assert server.parse_wrk(output) == {"rps": 300.25, "p50": 4.9, "p99": 1200.0}


def test_bulk_inserted_profiles_are_stored_as_add_child_stores_them(client):
    build.build_content(2)
    index = DefenderIndexPage.objects.get()
    bulk = DefenderPage.objects.order_by("path").last()
    added = index.add_child(
        instance=DefenderPage(
            title="Added",
            slug="added",
            introduction="Added.",
            country=bulk.country,
            city=bulk.city,
            year=bulk.year,
            live=True,
            first_published_at=bulk.first_published_at,
            last_published_at=bulk.last_published_at,
        )
    )
    # What the two were given differently, and what add_child numbers itself.
    differ = {"id", "page_ptr_id", "path", "title", "draft_title", "slug"}
    differ |= {"url_path", "translation_key", "introduction", "body", "portrait_id"}
    differ |= {"stay_start_date", "latest_revision_created_at"}

    def stored(page):
        row = DefenderPage.objects.get(pk=page.pk)
        fields = DefenderPage._meta.concrete_fields
        return {
            f.attname: getattr(row, f.attname)
            for f in fields
            if f.attname not in differ
        } | {"themes": row.defender_themes.count() > 0}

    assert stored(bulk) == stored(added) | {"themes": True}
    assert len(stored(bulk)) > 25
    assert DefenderPage.find_problems() == ([], [], [], [], [])
    assert bulk.get_parent().specific == index
    for page in (bulk, added):
        assert client.get(page.url).status_code == 200
        assert page.title in client.get(index.url).content.decode()
