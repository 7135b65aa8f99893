"""RSS and Atom feeds of an index page (``wagtail_defenders.feeds``)."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - parses the package's own output

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests import factories
from tests.api_world import clear_caches

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def profiles(index, terms):
    shown = factories.profile(
        index,
        "Alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        portrait=factories.image("alassane"),
        introduction="Alassane <coordinates> LHBTI work.",
    )
    withheld = factories.profile(
        index,
        "Withheld",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
        portrait=factories.image("withheld"),
    )
    withheld.withhold_portrait = True
    withheld.save_revision().publish()
    for title, field in (
        ("NoSearch", "hide_from_search_engines"),
        ("NoApi", "hide_from_api"),
    ):
        page = factories.profile(
            index, title, country=terms["nl"], city=terms["utrecht"], themes=[]
        )
        setattr(page, field, True)
        page.save_revision().publish()
    factories.profile(
        index,
        "Draft",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[],
        live=False,
    )
    private = factories.profile(
        index, "Private", country=terms["nl"], city=terms["utrecht"], themes=[]
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="x"
    )
    return {"shown": shown, "withheld": withheld}


def rss_items(response) -> list:
    assert response.status_code == 200, response.content
    return ET.fromstring(response.content).findall("./channel/item")  # noqa: S314


def test_rss_feed_lists_only_profiles_for_feeds(client, index, profiles):
    response = client.get(f"{index.url}feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    assert channel.findtext("language") == "nl"
    titles = [item.findtext("title") for item in rss_items(response)]
    assert sorted(titles) == ["Alassane", "Withheld"]


def test_entries_carry_introduction_portrait_and_facets(client, index, profiles):
    items = {
        item.findtext("title"): item
        for item in rss_items(client.get(f"{index.url}feed/"))
    }
    alassane = items["Alassane"]
    description = alassane.findtext("description")
    assert "Alassane &lt;coordinates&gt; LHBTI work." in description
    assert '<img src="http://testserver/media/images/' in description
    assert "original_images" not in description
    categories = {element.text for element in alassane.findall("category")}
    assert categories == {"LHBTI", "Mali", "Den Haag"}
    assert alassane.findtext("link").endswith(profiles["shown"].url)
    assert "<img" not in items["Withheld"].findtext("description")


def test_feed_follows_the_index_filters(client, index, profiles):
    items = rss_items(client.get(f"{index.url}feed/?country=ML"))
    assert [item.findtext("title") for item in items] == ["Alassane"]
    channel_link = ET.fromstring(  # noqa: S314
        client.get(f"{index.url}feed/?theme=pers&page=2").content
    ).findtext("channel/link")
    assert channel_link.endswith(f"{index.url}?theme=pers")


def test_a_feeds_self_link_keeps_its_filters(client, index, profiles):
    """A reader that follows the feed's "self" address gets the same feed."""
    rss = ET.fromstring(  # noqa: S314
        client.get(f"{index.url}feed/?theme=pers&page=2&utm=x").content
    )
    self_link = rss.find("channel/{http://www.w3.org/2005/Atom}link[@rel='self']")
    assert self_link.get("href").endswith(f"{index.url}feed/?theme=pers")
    atom = ET.fromstring(  # noqa: S314
        client.get(f"{index.url}feed/atom/?country=ML").content
    )
    links = {link.get("rel"): link.get("href") for link in atom.findall(f"{ATOM}link")}
    assert links["self"].endswith(f"{index.url}feed/atom/?country=ML")
    unfiltered = ET.fromstring(client.get(f"{index.url}feed/").content)  # noqa: S314
    self_link = unfiltered.find("channel/{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href").endswith(f"{index.url}feed/")


def test_bad_filter_is_a_400(client, index, profiles):
    response = client.get(f"{index.url}feed/?year=soon")
    assert response.status_code == 400
    assert response.content.startswith(b"year: ")


def test_atom_feed(client, index, profiles):
    response = client.get(f"{index.url}feed/atom/?theme=lhbti")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Alassane"]
    terms = {c.get("term") for c in entries[0].findall(f"{ATOM}category")}
    assert terms == {"LHBTI", "Mali", "Den Haag"}


def test_index_page_links_its_feeds(client, index, profiles):
    html = client.get(f"{index.url}?theme=lhbti&page=1").content.decode()
    # The site is in Dutch: the link's title is translated.
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Defenders (RSS-feed)" '
        f'href="{index.url}feed/?theme=lhbti">' in html
    )
    assert f'href="{index.url}feed/atom/?theme=lhbti"' in html
    assert f'<a href="{index.url}feed/?theme=lhbti" type="application/rss+xml">' in html


def test_feed_of_a_draft_index_is_a_404(client, index, profiles):
    index.unpublish()
    assert client.get(f"{index.url}feed/").status_code == 404


def test_feed_of_a_private_index_asks_for_the_password(client, index, profiles):
    PageViewRestriction.objects.create(
        page=index, restriction_type="password", password="x"
    )
    response = client.get(f"{index.url}feed/")
    assert b"Alassane" not in response.content


def test_feed_is_cached_and_a_publish_shows_a_new_profile(
    client, index, terms, profiles, settings
):
    settings.WAGTAIL_DEFENDERS = {**settings.WAGTAIL_DEFENDERS, "CACHE_TIMEOUT": 300}
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{index.url}feed/")
    cold = len(queries)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{index.url}feed/")
    cached = len(queries)
    factories.profile(
        index, "Newcomer", country=terms["nl"], city=terms["utrecht"], themes=[]
    )
    titles = [i.findtext("title") for i in rss_items(client.get(f"{index.url}feed/"))]
    assert titles[0] == "Newcomer"
    assert cached < cold  # routing only: the feed itself came from the cache


def test_a_profile_cannot_take_the_feed_slug(index, terms):
    from django.core.exceptions import ValidationError

    page = factories.profile(
        index,
        "Someone",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
    )
    page.slug = "feed"
    with pytest.raises(ValidationError):
        page.full_clean()


def test_publishing_a_profile_purges_the_feeds_and_downloads(
    settings, index, terms, django_capture_on_commit_callbacks
):
    from tests.caching.recording_backend import RecordingBackend

    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.caching.recording_backend.RecordingBackend"}
    }
    RecordingBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        factories.profile(
            index, "Maria", country=terms["nl"], city=terms["utrecht"], themes=[]
        )
    base = f"http://localhost{index.url}"
    for path in ("", "feed/", "feed/atom/", "export.csv", "export.json"):
        assert base + path in RecordingBackend.purged, path


def test_an_english_index_feed_is_in_english(client, index, home, terms):
    from tests.api_world import translated_page

    translated_page(home, title="Home EN")
    en_index = translated_page(index, title="Defenders EN")
    response = client.get(f"{en_index.url}feed/")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    assert channel.findtext("language") == "en"
    assert channel.findtext("title") == "Defenders EN"


@pytest.mark.parametrize("path", ["feed/", "feed/atom/", "feed/?theme=lhbti"])
def test_feed_queries_are_flat(client, index, terms, settings, path):
    settings.WAGTAIL_DEFENDERS = {**settings.WAGTAIL_DEFENDERS, "CACHE_TIMEOUT": 0}

    def count() -> int:
        clear_caches()
        client.get(f"{index.url}{path}")  # warm up: renditions, site root paths
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{index.url}{path}")
        assert response.status_code == 200
        return len(queries)

    factories.numbered_profiles(index, terms, 3)
    small = count()
    factories.numbered_profiles(index, terms, 12, start=3)
    # The index page's own budget (DESIGN.md): routing costs the same.
    assert count() == small <= 12, small


def test_newest_update_comes_first_and_status_is_a_category(client, index, terms):
    import datetime

    detained = factories.status("detained", "Gedetineerd")
    updated = factories.profile(
        index,
        "Updated",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[],
        status=detained,
        updates=[
            {"date": datetime.date(2099, 1, 1), "heading": "Vrij", "is_public": True}
        ],
    )
    factories.profile(
        index, "Newer", country=terms["nl"], city=terms["utrecht"], themes=[]
    )
    items = rss_items(client.get(f"{index.url}feed/"))
    assert [item.findtext("title") for item in items] == ["Updated", "Newer"]
    assert "Gedetineerd" in {c.text for c in items[0].findall("category")}
    assert updated.pk  # the update's day is the entry's update in Atom
    atom = ET.fromstring(client.get(f"{index.url}feed/atom/").content)  # noqa: S314
    assert atom.find(f"{ATOM}entry").findtext(f"{ATOM}updated").startswith("2099-01-01")
