"""The whole-response cache for anonymous visitors
(``wagtail_defenders.response_cache``): what a hit costs, what is never cached,
the headers a CDN reads, and that no cached response outlives an edit that
hides what it shows."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests import factories
from tests.api_world import clear_caches
from tests.settings import CACHES as TEST_CACHES
from wagtail_defenders.response_cache import ResponseCacheMiddleware

pytestmark = pytest.mark.django_db

MIDDLEWARE = "wagtail_defenders.response_cache.ResponseCacheMiddleware"
DEFENDERS = "/api/v2/defenders/"
THEMES = "/api/v2/themes/"


@pytest.fixture(autouse=True)
def response_cache(settings):
    settings.CACHES = TEST_CACHES  # LocMemCache, or Redis (DEFENDERS_TEST_REDIS)
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 300, "CDN_MAX_AGE": 60}
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def alassane(index, terms):
    profile = factories.alassane(
        index,
        terms,
        portrait=factories.image("alassane", size=(8, 8)),
    )
    factories.DefenderPage.objects.filter(pk=profile.pk).update(
        portrait_alt_text="PORTRET-VAN-ALASSANE"
    )
    profile.refresh_from_db()
    return profile


class RoundTrips:
    """Counts the calls to the default cache (one call, one round trip)."""

    METHODS = ("get", "get_many", "set", "set_many", "add", "incr", "delete")

    def __init__(self, monkeypatch) -> None:
        self.count = 0
        self._depth = 0
        backend = caches["default"]
        for name in self.METHODS:
            monkeypatch.setattr(backend, name, self._counting(getattr(backend, name)))

    def _counting(self, method):
        def call(*args, **kwargs):
            # The base backend's get_many() calls get() per key: one round trip.
            if not self._depth:
                self.count += 1
            self._depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self._depth -= 1

        return call


def warm(client, url: str) -> None:
    for _ in range(2):  # the first request learns the URL's tags, the second stores
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("kind", ["index", "profile", "api listing", "api detail"])
def test_a_hit_costs_one_query_at_most_and_two_cache_round_trips(
    client, index, alassane, monkeypatch, kind
):
    url = {
        "index": index.url,
        "profile": alassane.url,
        "api listing": DEFENDERS,
        "api detail": f"{DEFENDERS}{alassane.pk}/",
    }[kind]
    warm(client, url)
    trips = RoundTrips(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert b"Alassane" in response.content
    assert len(queries) <= 1
    assert trips.count <= 2


def test_a_stored_response_is_served_until_an_edit(client, index, alassane):
    warm(client, alassane.url)
    # Change the row behind Wagtail's back (no signal): the stored response stays.
    factories.DefenderPage.objects.filter(pk=alassane.pk).update(title="Stiekem")
    assert b"Stiekem" not in client.get(alassane.url).content
    alassane.refresh_from_db()
    alassane.title = "Alassane T."
    alassane.save_revision().publish()
    assert b"Alassane T." in client.get(alassane.url).content


def test_the_first_request_stores_only_what_the_url_depends_on(client, index, alassane):
    client.get(alassane.url)
    factories.DefenderPage.objects.filter(pk=alassane.pk).update(title="Stiekem")
    assert b"Stiekem" in client.get(alassane.url).content  # stored now
    factories.DefenderPage.objects.filter(pk=alassane.pk).update(title="Later")
    assert b"Stiekem" in client.get(alassane.url).content


def test_logged_in_users_are_never_served_or_stored(client, index, alassane):
    from django.contrib.auth import get_user_model

    warm(client, alassane.url)
    factories.DefenderPage.objects.filter(pk=alassane.pk).update(title="Stiekem")
    client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    response = client.get(alassane.url)
    assert b"Stiekem" in response.content
    assert "private" in response["Cache-Control"]


def test_authorization_and_other_methods_bypass_the_cache(client, index, alassane):
    warm(client, alassane.url)
    factories.DefenderPage.objects.filter(pk=alassane.pk).update(title="Stiekem")
    response = client.get(alassane.url, HTTP_AUTHORIZATION="Bearer x")
    assert b"Stiekem" in response.content
    assert "private" in response["Cache-Control"]
    assert b"Stiekem" not in client.get(alassane.url).content
    assert client.head(alassane.url).status_code == 200
    assert client.post(alassane.url).status_code in (200, 403, 405)


def test_headers_for_a_cdn(client, index, alassane):
    response = client.get(alassane.url)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=60"} <= cache_control
    assert "cookie" in response["Vary"].lower()
    warm(client, alassane.url)
    assert response["Cache-Control"] == client.get(alassane.url)["Cache-Control"]


def test_pages_the_package_does_not_mark_are_left_alone(client, home):
    response = client.get(home.url)
    assert response.status_code == 200
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_responses_setting_cookies_or_private_are_not_stored():
    request = RequestFactory().get("/")
    cookie = HttpResponse("x")
    cookie.set_cookie("csrftoken", "secret")
    private = HttpResponse("x")
    private["Cache-Control"] = "private"
    assert ResponseCacheMiddleware.may_store(request, HttpResponse("x"))
    assert not ResponseCacheMiddleware.may_store(request, cookie)
    assert not ResponseCacheMiddleware.may_store(request, private)
    request.is_preview = True
    assert not ResponseCacheMiddleware.may_store(request, HttpResponse("x"))


def test_answers_are_kept_apart_by_the_headers_they_vary_on(client, index, alassane):
    from wagtail_defenders.response_cache import _response_key

    response = client.get(DEFENDERS)
    assert "accept-language" in response["Vary"].lower()
    factory = RequestFactory()
    dutch = factory.get(DEFENDERS, HTTP_ACCEPT_LANGUAGE="nl")
    english = factory.get(DEFENDERS, HTTP_ACCEPT_LANGUAGE="en")
    vary = ["accept-language"]
    assert _response_key(dutch, "u", 1, vary) != _response_key(english, "u", 1, vary)
    english.COOKIES["django_language"] = "en"
    assert _response_key(english, "u", 1, []) != _response_key(dutch, "u", 1, [])


# What another visitor may not see is gone from the next anonymous request.


def shown(client, urls: list[str]) -> list[bool]:
    return [b"Alassane" in client.get(url).content for url in urls]


def all_urls(index, alassane) -> list[str]:
    return [index.url, alassane.url, DEFENDERS, f"{DEFENDERS}{alassane.pk}/"]


def test_a_takedown_is_visible_at_once(client, index, alassane):
    from wagtail_defenders.takedown import take_down

    urls = all_urls(index, alassane)
    for url in urls:
        warm(client, url)
    assert shown(client, urls) == [True] * 4
    take_down(alassane)
    assert shown(client, urls) == [False] * 4


def test_a_privacy_change_is_visible_at_once(client, index, alassane):
    urls = all_urls(index, alassane)
    for url in urls:
        warm(client, url)
    PageViewRestriction.objects.create(
        page=alassane, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([Group.objects.create(name="Staff")])
    assert shown(client, urls) == [False] * 4


def test_a_withheld_portrait_is_gone_at_once(client, index, alassane):
    urls = [index.url, alassane.url, f"{DEFENDERS}{alassane.pk}/"]
    for url in urls:
        warm(client, url)
    assert b"PORTRET-VAN-ALASSANE" in client.get(alassane.url).content
    renditions = {
        url: [b"/images/" in client.get(url).content for _ in range(1)] for url in urls
    }
    assert all(found == [True] for found in renditions.values())
    alassane.refresh_from_db()
    alassane.withhold_portrait = True
    alassane.save_revision().publish()
    for url in urls:
        content = client.get(url).content
        assert b"/images/" not in content, url
        assert b"PORTRET-VAN-ALASSANE" not in content, url


# Edits invalidate what they touch.


def served_from_cache(client, url: str) -> bool:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return not queries


def test_publishing_a_profile_invalidates_only_what_shows_it(
    client, home, index, terms, settings
):
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 300, "RELATED_NEWS_PAGE_TYPES": []}
    other_index = factories.index_page(home, "Elders", slug="elders")

    def make(parent, title, **kwargs):
        return factories.profile(
            parent, title, country=terms["mali"], city=terms["utrecht"], **kwargs
        )

    edited = make(index, "Bewerkt", themes=[terms["lhbti"]])
    neighbour = make(index, "Buur", themes=[terms["pers"]])
    elsewhere = make(other_index, "Elders", themes=[terms["pers"]])
    linking = make(other_index, "Verwijzend", themes=[], related_news=[edited])
    urls = {
        "edited": edited.url,
        "neighbour": neighbour.url,
        "elsewhere": elsewhere.url,
        "linking": linking.url,
        "its index": index.url,
        "its index, filtered": f"{index.url}?theme=lhbti",
        "other index": other_index.url,
        "api listing": DEFENDERS,
        "api detail": f"{DEFENDERS}{elsewhere.pk}/",
        "its api detail": f"{DEFENDERS}{edited.pk}/",
        "linking api detail": f"{DEFENDERS}{linking.pk}/",
        "api themes": THEMES,
    }
    for url in urls.values():
        warm(client, url)
    assert all(served_from_cache(client, url) for url in urls.values())

    edited.refresh_from_db()
    edited.title = "Bewerkt opnieuw"
    edited.save_revision().publish()

    survived = {name for name, url in urls.items() if served_from_cache(client, url)}
    assert survived == {"neighbour", "elsewhere", "other index", "api detail"}
    assert b"Bewerkt opnieuw" in client.get(index.url).content
    assert b"Bewerkt opnieuw" in client.get(linking.url).content
    for name in ("api listing", "its api detail", "linking api detail"):
        assert b"Bewerkt opnieuw" in client.get(urls[name]).content, name


@pytest.mark.parametrize("edit", ["term", "privacy", "takedown", "other page"])
def test_wide_edits_invalidate_everything(client, home, index, terms, edit):
    first = factories.profile(
        index, "Eerste", country=terms["mali"], city=terms["utrecht"], themes=[]
    )
    second = factories.profile(
        index, "Tweede", country=terms["nl"], city=terms["utrecht"], themes=[]
    )
    urls = [first.url, second.url, index.url, DEFENDERS]
    for url in urls:
        warm(client, url)
    if edit == "term":
        terms["nl"].name = "Holland"
        terms["nl"].save()
    elif edit == "privacy":
        PageViewRestriction.objects.create(
            page=first, restriction_type=PageViewRestriction.LOGIN
        )
    elif edit == "takedown":
        from wagtail_defenders.takedown import take_down

        take_down(first)
    else:
        factories.news(home, "Nieuws")
    assert not any(served_from_cache(client, url) for url in urls[1:])


def test_an_alias_api_detail_follows_its_source(client, home, index, terms, settings):
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 300, "RELATED_NEWS_PAGE_TYPES": []}
    other_index = factories.index_page(home, "Elders", slug="elders")
    source = factories.profile(
        index, "Bron", country=terms["mali"], city=terms["utrecht"], themes=[]
    )
    alias = source.create_alias(parent=other_index)
    url = f"{DEFENDERS}{alias.pk}/"
    warm(client, url)
    assert served_from_cache(client, url)

    source.refresh_from_db()
    source.title = "Bron opnieuw"
    source.save_revision().publish()

    assert not served_from_cache(client, url)
    assert b"Bron opnieuw" in client.get(url).content
