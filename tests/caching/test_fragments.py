"""The fragment cache is right after every edit and previews never touch it
(``wagtail_defenders.cache``)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from tests import factories
from tests.api_world import clear_caches
from wagtail_defenders import cache

pytestmark = pytest.mark.django_db


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_fragments_are_served_from_the_cache(client, index, alassane):
    first = html(client, index.url)
    # Change the row behind Wagtail's back (no signal): the cached fragment stays.
    factories.DefenderPage.objects.filter(pk=alassane.pk).update(title="Stiekem")
    assert "Stiekem" not in html(client, index.url)
    assert "Alassane" in first
    cache.bump_generation()
    assert "Stiekem" in html(client, index.url)


def test_cache_timeout_zero_does_not_cache(client, index, alassane, settings):
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 0}
    html(client, index.url)
    factories.DefenderPage.objects.filter(pk=alassane.pk).update(title="Stiekem")
    assert "Stiekem" in html(client, index.url)


def test_turning_the_cache_off_stops_serving_stored_fragments(
    client, index, alassane, settings
):
    html(client, index.url)  # stored while the timeout is 300
    factories.DefenderPage.objects.filter(pk=alassane.pk).update(title="Stiekem")
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 0}
    assert "Stiekem" in html(client, index.url)
    assert "Stiekem" in html(client, alassane.url)


def test_publishing_and_unpublishing_show_on_the_index(client, index, terms, alassane):
    assert "Maria" not in html(client, index.url)
    maria = factories.profile(
        index,
        "Maria",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
    )
    assert "Maria" in html(client, index.url)
    maria.unpublish()
    assert "Maria" not in html(client, index.url)


def test_making_a_profile_private_removes_it_from_the_cached_index(
    client, index, alassane
):
    assert "Alassane" in html(client, index.url)
    PageViewRestriction.objects.create(
        page=alassane,
        restriction_type=PageViewRestriction.GROUPS,
    ).groups.set([Group.objects.create(name="Staff")])
    assert "Alassane" not in html(client, index.url)


@pytest.mark.parametrize(
    ("key", "new_name"),
    [("lhbti", "LHBTIQ+"), ("mali", "Republiek Mali"), ("den-haag", "'s-Gravenhage")],
)
def test_renaming_a_term_shows_on_the_index_and_profile(
    client, index, terms, alassane, key, new_name
):
    before_index, before_profile = html(client, index.url), html(client, alassane.url)
    assert new_name not in before_index + before_profile
    term = terms[key]
    term.name = new_name
    term.save()
    escaped = new_name.replace("'", "&#x27;")
    assert escaped in html(client, index.url)
    assert escaped in html(client, alassane.url)


def test_filtered_pages_are_cached_apart(client, index, terms, alassane):
    assert "Alassane" in html(client, f"{index.url}?theme=lhbti")
    assert "Alassane" not in html(client, f"{index.url}?theme=persvrijheid")
    assert "Alassane" in html(client, f"{index.url}?theme=lhbti")


def first_visit_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_filter_options_are_shared_by_the_pages_and_orders_of_a_filter_combination(
    client, index, terms, alassane
):
    html(client, f"{index.url}?year=2024")  # renditions made, filter options cached
    # Another order of the same filters renders its results afresh, its filter
    # options (and their counts) come from the cache: one query fewer than with
    # nothing cached.
    options_cached = first_visit_queries(
        client, f"{index.url}?year=2024&order=last_updated"
    )
    cache.bump_generation()
    nothing_cached = first_visit_queries(
        client, f"{index.url}?year=2024&order=last_updated"
    )
    assert options_cached == nothing_cached - 1

    # The counts depend on the other filters: another combination has its own.
    assert "LHBTI (0)" in html(client, f"{index.url}?year=2019")
    assert "LHBTI (1)" in html(client, f"{index.url}?country=mali")

    # Rename behind Wagtail's back (no signal): the cached options stay (no
    # card shows the theme: no one is from the Netherlands) ...
    assert "LHBTI (0)" in html(client, f"{index.url}?country=nederland")
    factories.Theme.objects.filter(pk=terms["lhbti"].pk).update(name="Stiekem")
    other_page = html(client, f"{index.url}?country=nederland&page=2")
    assert "LHBTI" in other_page
    assert "Stiekem" not in other_page
    # ... until the next generation, which every edit starts.
    cache.bump_generation()
    assert "Stiekem" in html(client, f"{index.url}?country=nederland&page=3")


def test_preview_never_fills_or_reads_the_cache(client, index, alassane):
    live = html(client, alassane.url)
    assert "Eerst." in live
    draft = factories.DefenderPage.objects.get(pk=alassane.pk)
    draft.body = [
        ("section", {"kind": "about", "heading": "Over", "text": "<p>CONCEPT.</p>"})
    ]
    draft.save_revision()  # unpublished changes, no signal that bumps the cache

    request = RequestFactory().get(alassane.url)
    request.user = AnonymousUser()
    preview = draft.make_preview_request(request, draft.default_preview_mode)
    assert "CONCEPT." in preview.rendered_content
    assert "CONCEPT." not in html(client, alassane.url)

    # A preview rendered first does not fill the cache for the live page either.
    clear_caches()
    draft.make_preview_request(request, draft.default_preview_mode).render()
    assert "CONCEPT." not in html(client, alassane.url)


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_a_cache_hit_saves_the_listing_and_news_queries(
    client, index, home, terms, settings
):
    profile = factories.profile(
        index,
        "Nieuws",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
        related_news=[factories.news(home, "Bericht")],
    )
    for url in (index.url, f"{index.url}?theme=lhbti", profile.url):
        settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 0}
        cold = _queries(client, url)
        settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 300}
        assert _queries(client, url) < cold, url
