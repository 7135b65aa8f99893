"""The API's data is served from the cache until an edit, apart per query,
site and language, and never for a bad request (``wagtail_defenders.cache.cached_data``,
the v2 endpoints)."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from tests import factories
from wagtail_defenders import cache

pytestmark = pytest.mark.django_db


DEFENDERS = "/api/v2/defenders/"


def titles(client, url: str = DEFENDERS, **headers) -> list[str]:
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:300]
    return [item["title"] for item in response.json()["items"]]


def test_api_data_is_served_from_the_cache_until_an_edit(client, index, alassane):
    detail = f"{DEFENDERS}{alassane.pk}/"
    assert titles(client) == ["Alassane"]
    assert client.get(detail).json()["title"] == "Alassane"
    # Change the row behind Wagtail's back (no signal): the cached data stays.
    factories.DefenderPage.objects.filter(pk=alassane.pk).update(title="Stiekem")
    assert titles(client) == ["Alassane"]
    assert client.get(detail).json()["title"] == "Alassane"
    cache.bump_generation()
    assert titles(client) == ["Stiekem"]
    assert client.get(detail).json()["title"] == "Stiekem"


def test_a_cache_hit_costs_one_query(client, index, alassane):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    titles(client)
    with CaptureQueriesContext(connection) as queries:
        assert titles(client) == ["Alassane"]
    assert len(queries) == 1  # the site serving the request


def test_unpublishing_or_restricting_a_profile_leaves_the_cached_api(
    client, index, terms, alassane
):
    maria = factories.profile(
        index, "Maria", country=terms["nl"], city=terms["utrecht"], themes=[]
    )
    detail = f"{DEFENDERS}{maria.pk}/"
    assert sorted(titles(client)) == ["Alassane", "Maria"]
    assert client.get(detail).status_code == 200
    maria.unpublish()
    assert titles(client) == ["Alassane"]
    assert client.get(detail).status_code == 404
    PageViewRestriction.objects.create(
        page=alassane, restriction_type=PageViewRestriction.LOGIN
    )
    assert titles(client) == []
    assert client.get(f"{DEFENDERS}{alassane.pk}/").status_code == 404


def test_renaming_a_term_shows_in_the_cached_api(client, index, terms, alassane):
    assert client.get("/api/v2/themes/").json()["items"][0]["name"] == "LHBTI"
    item = client.get(DEFENDERS).json()["items"][0]
    assert [theme["name"] for theme in item["themes"]] == ["LHBTI"]
    terms["lhbti"].name = "LHBTIQ+"
    terms["lhbti"].save()
    assert client.get("/api/v2/themes/").json()["items"][0]["name"] == "LHBTIQ+"
    item = client.get(DEFENDERS).json()["items"][0]
    assert [theme["name"] for theme in item["themes"]] == ["LHBTIQ+"]


def test_api_data_is_cached_apart_per_query_and_site(client, home, index, terms):
    from wagtail.models import Page, Site

    factories.profile(
        index, "Alassane", country=terms["mali"], city=terms["utrecht"], themes=[]
    )
    factories.profile(
        index, "Maria", country=terms["nl"], city=terms["utrecht"], themes=[]
    )
    other_home = factories.HomePage(
        title="Other", slug="other-home", locale=factories.locale("nl")
    )
    Page.get_first_root_node().add_child(instance=other_home)
    Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    other_index = factories.index_page(other_home, slug="elders")
    factories.profile(
        other_index, "Elders", country=terms["nl"], city=terms["utrecht"], themes=[]
    )
    assert sorted(titles(client)) == ["Alassane", "Maria"]
    assert titles(client, f"{DEFENDERS}?country=ML") == ["Alassane"]
    assert titles(client, HTTP_HOST="other.example") == ["Elders"]
    assert Site.objects.count() == 2


def test_bad_requests_are_not_cached(client, index, alassane):
    assert client.get(f"{DEFENDERS}?year=abc").status_code == 400
    assert client.get(f"{DEFENDERS}?year=abc").status_code == 400
    assert client.get(f"{DEFENDERS}999999/").status_code == 404


def test_api_cache_off_reads_the_database_every_time(client, index, alassane, settings):
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 0}
    assert titles(client) == ["Alassane"]
    factories.DefenderPage.objects.filter(pk=alassane.pk).update(title="Stiekem")
    assert titles(client) == ["Stiekem"]


def test_a_site_change_starts_a_new_generation(client, index, terms, alassane):
    from wagtail.models import Site

    assert titles(client) == ["Alassane"]
    other_home = factories.HomePage(
        title="Other", slug="elsewhere", locale=factories.locale("nl")
    )
    factories.Page.get_first_root_node().add_child(instance=other_home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_home
    site.save()
    assert titles(client) == []


def test_a_sites_profiles_follow_the_tree_not_cached_url_paths(client, terms, settings):
    """Wagtail keeps site root URL paths in its cache and does not refresh them
    when an ancestor of a site's root is renamed; the API must not go by them."""
    from wagtail.models import Site

    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 0}

    def tree(parent, slug: str, person: str):
        holder = factories.HomePage(
            title=slug, slug=slug, locale=factories.locale("nl")
        )
        parent.add_child(instance=holder)
        home = factories.HomePage(title="Home", slug="home", locale=holder.locale)
        holder.add_child(instance=home)
        defenders = factories.index_page(home)
        factories.profile(
            defenders, person, country=terms["nl"], city=terms["utrecht"], themes=[]
        )
        return holder, home

    root = factories.Page.get_first_root_node()
    holder, home = tree(root, "sites", "Alassane")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    assert titles(client) == ["Alassane"]  # Wagtail caches "/sites/home/" now
    holder.slug = "archive"
    holder.save()  # the site's pages move to "/archive/home/..."
    tree(root, "sites", "Foreign")  # another tree now has "/sites/home/..."
    assert titles(client) == ["Alassane"]


def test_a_new_api_limit_is_not_answered_from_the_old_limits_cache(
    client, settings, index, terms, alassane
):
    """A shared cache outlives a deploy: after ``WAGTAILAPI_LIMIT_MAX`` is
    lowered, a ``limit`` above it is refused, not served as cached before."""
    settings.WAGTAILAPI_LIMIT_MAX = 20
    assert titles(client, f"{DEFENDERS}?limit=15") == ["Alassane"]
    settings.WAGTAILAPI_LIMIT_MAX = 10
    assert client.get(f"{DEFENDERS}?limit=15").status_code == 400
