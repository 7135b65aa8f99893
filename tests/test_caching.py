"""The fragment cache is right after every edit, previews never touch it, and the
front-end cache is purged (``wagtail_defenders.cache``)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import RequestFactory
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import PageViewRestriction

from tests import factories
from tests.api_world import clear_caches
from tests.settings import CACHES as TEST_CACHES  # LocMem, or Redis
from wagtail_defenders import cache
from wagtail_defenders.api import v3
from wagtail_defenders.frontend_cache import FRONTEND_CACHE_APP, frontend_cache_enabled

pytestmark = pytest.mark.django_db


class RecordingBackend(BaseBackend):
    """A front-end cache backend that records the URLs it is asked to purge."""

    purged: list[str] = []

    def __init__(self, params):
        super().__init__(params)

    def purge(self, url: str) -> None:
        RecordingBackend.purged.append(url)


@pytest.fixture(autouse=True)
def locmem_cache(settings):
    settings.CACHES = TEST_CACHES
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 300}
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def alassane(index, terms):
    return factories.profile(
        index,
        "Alassane",
        slug="alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        body=[
            ("section", {"kind": "about", "heading": "Over", "text": "<p>Eerst.</p>"})
        ],
    )


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


def test_filter_options_are_shared_by_every_filter_combination(
    client, index, terms, alassane
):
    html(client, index.url)  # renditions made, filter options cached
    # A combination not seen before renders its results afresh, its filter
    # options come from the cache: one query fewer than with nothing cached.
    options_cached = first_visit_queries(client, f"{index.url}?year=2024")
    cache.bump_generation()
    nothing_cached = first_visit_queries(client, f"{index.url}?year=2024,2023")
    assert options_cached == nothing_cached - 1

    # Rename behind Wagtail's back (no signal): the cached options stay ...
    factories.Theme.objects.filter(pk=terms["lhbti"].pk).update(name="Stiekem")
    no_results = html(client, f"{index.url}?year=2001")
    assert "LHBTI" in no_results
    assert "Stiekem" not in no_results
    # ... until the next generation, which every edit starts.
    cache.bump_generation()
    assert "Stiekem" in html(client, f"{index.url}?year=2002")


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


# Front-end cache


@pytest.fixture
def frontend_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.test_caching.RecordingBackend"}
    }
    RecordingBackend.purged = []
    return RecordingBackend.purged


def test_frontend_cache_needs_the_app_and_its_setting(frontend_cache, monkeypatch):
    from django.apps import apps

    assert frontend_cache_enabled() is True
    installed = apps.is_installed
    monkeypatch.setattr(
        apps,
        "is_installed",
        lambda name: name != FRONTEND_CACHE_APP and installed(name),
    )
    assert frontend_cache_enabled() is False


def test_without_the_setting_nothing_is_purged(
    settings, index, terms, django_capture_on_commit_callbacks
):
    RecordingBackend.purged = []
    assert frontend_cache_enabled() is False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        factories.profile(
            index, "Maria", country=terms["nl"], city=terms["utrecht"], themes=[]
        )
    assert RecordingBackend.purged == []
    assert callbacks  # the cache generation still moves on at commit


@pytest.fixture
def purged(frontend_cache):
    return frontend_cache


API = [
    "http://localhost/api/v2/defenders/",
    "http://localhost/api/v2/themes/",
    "http://localhost/api/v2/countries/",
    "http://localhost/api/v2/cities/",
    "http://localhost/api/v2/statuses/",
]


def test_publishing_purges_profile_index_and_api(
    purged, index, terms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        maria = factories.profile(
            index, "Maria", country=terms["nl"], city=terms["utrecht"], themes=[]
        )
    assert f"http://localhost{maria.url}" in purged
    assert f"http://localhost{index.url}" in purged
    assert set(API) <= set(purged)


def test_publishing_purges_each_url_once(
    purged, index, terms, django_capture_on_commit_callbacks
):
    """Wagtail purges the published page; the package adds the rest, once."""
    with django_capture_on_commit_callbacks(execute=True):
        factories.profile(
            index, "Maria", country=terms["nl"], city=terms["utrecht"], themes=[]
        )
    assert purged
    assert sorted(purged) == sorted(set(purged))


def test_the_api_listings_purged_are_those_registered(
    purged, index, terms, django_capture_on_commit_callbacks
):
    expected = set(API)
    if v3.AVAILABLE:
        expected |= {url.replace("/v2/", "/v3/") for url in API}
    with django_capture_on_commit_callbacks(execute=True):
        factories.profile(
            index, "Maria", country=terms["nl"], city=terms["utrecht"], themes=[]
        )
    assert {url for url in purged if "/api/" in url} == expected


def test_the_api_listings_purged_follow_the_sites_prefixes(
    purged, settings, index, terms, django_capture_on_commit_callbacks
):
    settings.ROOT_URLCONF = "tests.prefixed_api_urls"
    with django_capture_on_commit_callbacks(execute=True):
        factories.profile(
            index, "Maria", country=terms["nl"], city=terms["utrecht"], themes=[]
        )
    assert {url for url in purged if "/headless/" in url or "/api/" in url} == {
        "http://localhost/headless/people-defenders/",
        "http://localhost/headless/people-themes/",
        "http://localhost/headless/people-countries/",
        "http://localhost/headless/people-cities/",
        "http://localhost/headless/people-statuses/",
    }


def test_a_takedown_purges_each_url_once(
    purged, home, index, alassane, django_capture_on_commit_callbacks
):
    from tests.api_world import translated_page
    from wagtail_defenders.takedown import take_down

    translated_page(home, "en")
    translated_page(index, "en")
    english = translated_page(alassane, "en")
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        take_down(alassane)
    for page in (alassane, english, index):
        assert f"http://localhost{page.url}" in purged
    assert set(API) <= set(purged)
    assert sorted(purged) == sorted(set(purged))


def test_renaming_a_profile_purges_its_old_and_new_url(
    purged, index, alassane, django_capture_on_commit_callbacks
):
    old_url = f"http://localhost{alassane.url}"
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        alassane.slug = "a-pseudonym"
        alassane.save_revision().publish()
    assert old_url in purged
    assert any(url.endswith("/a-pseudonym/") for url in purged)


def test_unpublishing_purges(
    purged, index, alassane, django_capture_on_commit_callbacks
):
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        alassane.unpublish()
    assert f"http://localhost{alassane.url}" in purged
    assert f"http://localhost{index.url}" in purged
    assert set(API) <= set(purged)


@pytest.mark.parametrize("key", ["lhbti", "mali", "den-haag"])
def test_renaming_a_term_purges_the_profiles_showing_it(
    purged, index, terms, alassane, key, django_capture_on_commit_callbacks
):
    other = factories.profile(
        index,
        "Other",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
    )
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        terms[key].name = "Nieuw"
        terms[key].save()
    assert f"http://localhost{alassane.url}" in purged
    assert f"http://localhost{other.url}" not in purged
    assert f"http://localhost{index.url}" in purged
    assert set(API) <= set(purged)


@pytest.mark.parametrize("restricted", ["profile", "index"])
def test_privacy_changes_purge_the_profiles_below(
    purged, index, alassane, restricted, django_capture_on_commit_callbacks
):
    page = alassane if restricted == "profile" else index
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
    assert f"http://localhost{alassane.url}" in purged
    assert f"http://localhost{index.url}" in purged
    assert set(API) <= set(purged)

    purged.clear()  # and when the restriction is lifted again
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert f"http://localhost{alassane.url}" in purged


def test_a_restriction_deleted_with_its_page_purges_no_profile(
    purged, index, alassane, django_capture_on_commit_callbacks
):
    PageViewRestriction.objects.create(
        page=alassane, restriction_type=PageViewRestriction.LOGIN
    )
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        alassane.delete()  # the restriction goes with it, after the page row
    assert f"http://localhost{index.url}" in purged


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


# API data (wagtail_defenders.cache.cached_data, the v2 endpoints)

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


def test_a_private_news_page_purges_the_profiles_linking_to_it(
    purged, home, index, terms, django_capture_on_commit_callbacks
):
    news = factories.news(home, "Nieuws")
    linking = factories.profile(
        index,
        "Linking",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
        related_news=[news],
    )
    other = factories.profile(
        index, "Other", country=terms["nl"], city=terms["utrecht"], themes=[]
    )
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=news, restriction_type=PageViewRestriction.LOGIN
        )
    assert f"http://localhost{linking.url}" in purged
    assert f"http://localhost{other.url}" not in purged


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
