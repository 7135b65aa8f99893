"""The front-end cache is purged once per change, at the URLs a change can
alter: the profile, its index, the API listings a site registered
(``wagtail_defenders.frontend_cache``)."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from tests import factories
from tests.caching.recording_backend import RecordingBackend
from wagtail_defenders.api import v3
from wagtail_defenders.frontend_cache import FRONTEND_CACHE_APP, frontend_cache_enabled

pytestmark = pytest.mark.django_db


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
