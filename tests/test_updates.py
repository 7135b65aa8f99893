"""Dated updates of a defender's case (issue 16): the timeline, the status they
set, ``order=last_updated`` and ``updates`` / ``last_updated`` in every API.

A non-public update is an editor's note: no output may show it.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry

from tests import factories
from tests.api_world import clear_caches
from wagtail_defenders.api import v3
from wagtail_defenders.models import DefenderPage, DefenderUpdate, Status

pytestmark = pytest.mark.django_db

NOTE = "Bron in de gevangenis meldt iets vertrouwelijks"


@pytest.fixture(autouse=True)
def fresh_caches():
    clear_caches()


@pytest.fixture
def statuses(db):
    return {
        "detained": factories.status("detained", "Gedetineerd"),
        "charged": factories.status("charged", "Aangeklaagd"),
        "released": factories.status("released", "Vrijgelaten"),
    }


def update(day: str, heading: str, *, status=None, public=True, text=""):
    return {
        "date": datetime.date.fromisoformat(day),
        "heading": heading,
        "status": status,
        "is_public": public,
        "text": text or f"<p>{heading}.</p>",
    }


@pytest.fixture
def amina(index, terms, statuses):
    return factories.profile(
        index,
        "Amina",
        slug="amina",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
        updates=[
            update("2024-03-01", "Gearresteerd", status=statuses["detained"]),
            update(
                "2024-06-10", "Vrijgelaten op borgtocht", status=statuses["released"]
            ),
            update("2024-05-02", "Aangeklaagd", status=statuses["charged"]),
            update("2024-07-01", NOTE, status=statuses["detained"], public=False),
        ],
    )


@pytest.fixture
def bakary(index, terms, statuses):
    return factories.profile(
        index,
        "Bakary",
        slug="bakary",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
        updates=[update("2025-01-15", "Verhuisd naar Utrecht")],
    )


def test_publishing_sets_the_status_from_the_newest_public_update(amina, statuses):
    # The note is newer and says "detained": it is not public, so it counts for nothing.
    assert DefenderPage.objects.get(pk=amina.pk).status == statuses["released"]


def test_without_a_public_update_with_a_status_the_editors_choice_stays(
    index, terms, statuses
):
    profile = factories.profile(
        index,
        "Chantal",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
        status=statuses["charged"],
        updates=[update("2024-01-01", "Zonder status")],
    )
    assert DefenderPage.objects.get(pk=profile.pk).status == statuses["charged"]


def test_a_status_change_is_recorded_in_the_history(amina, statuses):
    page = DefenderPage.objects.get(pk=amina.pk)
    page.updates.add(
        DefenderUpdate(
            date=datetime.date(2024, 8, 1),
            heading="Weer opgepakt",
            status=statuses["detained"],
            is_public=True,
        )
    )
    page.save_revision().publish()
    assert DefenderPage.objects.get(pk=amina.pk).status == statuses["detained"]
    entries = PageLogEntry.objects.filter(
        page=amina, action="wagtail_defenders.status_changed"
    ).order_by("timestamp")
    assert [entry.data["status"] for entry in entries] == [
        {
            "old": "Vrijgelaten",
            "new": "Gedetineerd",
            "old_id": statuses["released"].pk,
            "new_id": statuses["detained"].pk,
        }
    ]
    assert "Vrijgelaten" in entries.last().message
    # A publish that leaves the status alone adds nothing.
    page = DefenderPage.objects.get(pk=amina.pk)
    page.title = "Amina K."
    page.save_revision().publish()
    assert entries.count() == 1


def test_the_first_publication_records_the_status(index, terms, statuses):
    draft = factories.profile(
        index,
        "Femi",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
        status=statuses["charged"],
        live=False,
    )
    DefenderPage.objects.get(pk=draft.pk).save_revision().publish()
    entry = PageLogEntry.objects.get(
        page=draft, action="wagtail_defenders.status_changed"
    )
    assert (entry.data["status"]["old"], entry.data["status"]["new"]) == (
        "",
        "Aangeklaagd",
    )


def test_profile_page_shows_the_public_timeline_newest_first(client, amina):
    html = client.get(amina.url).content.decode()
    assert NOTE not in html
    positions = [
        html.index(heading)
        for heading in ("Vrijgelaten op borgtocht", "Aangeklaagd</h3>", "Gearresteerd")
    ]
    assert positions == sorted(positions)
    assert 'datetime="2024-06-10"' in html
    assert "Vrijgelaten" in html  # the status, in the facets


def test_v2_detail_has_public_updates_newest_first(client, amina, statuses):
    data = client.get(f"/api/v2/defenders/{amina.pk}/").json()
    assert [u["heading"] for u in data["updates"]] == [
        "Vrijgelaten op borgtocht",
        "Aangeklaagd",
        "Gearresteerd",
    ]
    assert data["updates"][0]["status"]["code"] == "released"
    assert data["updates"][0]["text"] == "<p>Vrijgelaten op borgtocht.</p>"
    assert data["last_updated"] == "2024-06-10"
    assert NOTE not in str(data)
    # A listing carries neither: they are a profile's detail.
    listing = client.get("/api/v2/defenders/").json()
    assert "updates" not in listing["items"][0]
    refused = client.get("/api/v2/defenders/?fields=updates")
    assert refused.status_code == 400


def test_wagtails_pages_endpoint_shows_only_public_updates(client, amina):
    data = client.get(f"/api/v2/pages/{amina.pk}/").json()
    assert len(data["updates"]) == 3
    assert data["last_updated"] == "2024-06-10"
    assert NOTE not in str(data)


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_v3_detail_and_order(client, amina, bakary):
    data = client.get(f"/api/v3/defenders/{amina.pk}/").json()
    assert [u["date"] for u in data["updates"]] == [
        "2024-06-10",
        "2024-05-02",
        "2024-03-01",
    ]
    assert NOTE not in str(data)
    listing = client.get("/api/v3/defenders/?order=last_updated").json()
    assert [item["title"] for item in listing["items"]] == ["Bakary", "Amina"]
    assert client.get("/api/v3/defenders/?order=newest").status_code == 400
    pages = client.get(f"/api/v3/pages/{amina.pk}/").json()
    assert NOTE not in str(pages)


def test_graphql_updates_and_order(client, amina, bakary):
    pytest.importorskip("grapple")
    query = (
        '{ defenders(order: "last_updated") { items { title } } '
        f"defender(id: {amina.pk}) {{ lastUpdated updates {{ date heading "
        "status { code } } } }"
    )
    data = client.post(
        "/graphql/", {"query": query}, content_type="application/json"
    ).json()["data"]
    assert [item["title"] for item in data["defenders"]["items"]] == [
        "Bakary",
        "Amina",
    ]
    assert data["defender"]["lastUpdated"] == "2024-06-10"
    assert [u["status"]["code"] for u in data["defender"]["updates"]] == [
        "released",
        "charged",
        "detained",
    ]
    assert NOTE not in str(data)


def test_index_orders_by_last_update(client, index, terms, amina, bakary):
    plain = factories.profile(
        index,
        "Zonder updates",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
        year=2030,
    )
    html = client.get(f"{index.url}?order=last_updated").content.decode()
    positions = [html.index(name) for name in ("Bakary", "Amina", plain.title)]
    assert positions == sorted(positions)
    assert 'class="defender-card__updated"' in html
    html = client.get(index.url).content.decode()
    assert html.index(plain.title) < html.index("Bakary")  # the newest stay first
    bad = client.get(f"{index.url}?order=sideways")
    assert bad.status_code == 200 and "last_updated" in bad.content.decode()
    v2 = client.get("/api/v2/defenders/?order=last_updated").json()
    assert [item["title"] for item in v2["items"]][:2] == ["Bakary", "Amina"]
    assert client.get("/api/v2/defenders/?order=sideways").status_code == 400


def test_a_status_an_update_uses_cannot_be_deleted(amina, statuses):
    from wagtail_defenders.usage import term_in_use

    # Only the Amina's updates use "charged" (and a draft's update "detained").
    assert term_in_use(statuses["charged"])
    assert term_in_use(statuses["detained"])


def test_a_status_only_a_drafts_update_uses_is_protected(index, terms):
    from wagtail_defenders.usage import term_in_use

    exile = factories.status("in-exile", "In ballingschap")
    profile = factories.profile(
        index,
        "Dawit",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
    )
    assert not term_in_use(exile)
    draft = DefenderPage.objects.get(pk=profile.pk)
    draft.updates.add(
        DefenderUpdate(
            date=datetime.date(2025, 2, 1),
            heading="Gevlucht",
            status=exile,
            is_public=False,
        )
    )
    draft.save_revision()
    assert term_in_use(exile)


def test_an_old_revision_whose_update_status_is_gone_still_loads(
    index, terms, statuses
):
    gone = Status.objects.create(
        code="kidnapped", name="Ontvoerd", locale=factories.locale("nl")
    )
    profile = factories.profile(
        index,
        "Esther",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
        updates=[update("2024-01-01", "Ontvoerd", status=gone, public=False)],
    )
    old = profile.get_latest_revision()
    page = DefenderPage.objects.get(pk=profile.pk)
    page.updates = [DefenderUpdate(date=datetime.date(2024, 1, 1), heading="Ontvoerd")]
    page.save_revision().publish()
    Status.objects.filter(pk=gone.pk).delete()
    loaded = old.as_object()
    assert [u.heading for u in loaded.updates.all()] == ["Ontvoerd"]
    assert loaded.updates.all()[0].status_id is None


def test_a_translation_follows_the_updates(amina, statuses):
    """The Translate action copies the updates with their words to translate,
    maps their statuses to the target language's, and keeps the note a note."""
    from django.contrib.auth import get_user_model
    from wagtail_localize.models import StringSegment
    from wagtail_localize.operations import TranslationCreator

    en = factories.locale("en")  # the seeded statuses come with the language
    admin = get_user_model().objects.create_superuser("t", "t@example.org", "pw")
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(amina)
    english_page = DefenderPage.objects.get(
        translation_key=amina.translation_key, locale=en
    )
    updates = list(english_page.updates.all())
    assert len(updates) == 4
    assert {u.locale_id for u in updates} == {en.pk}
    assert {u.status.locale_id for u in updates if u.status} == {en.pk}
    note = next(u for u in updates if not u.is_public)
    assert note.date == datetime.date(2024, 7, 1)
    assert english_page.status.code == "released"
    assert english_page.status.locale_id == en.pk
    texts = set(StringSegment.objects.values_list("string__data", flat=True))
    assert "Vrijgelaten op borgtocht" in texts


def test_a_translation_follows_a_later_update_of_the_source(amina, statuses):
    """Syncing the translation after the source gets a new update brings it
    over, its status in the target language (issue 16, safety: a translation
    follows the source's status and updates)."""
    from django.contrib.auth import get_user_model
    from wagtail_localize.models import Translation, TranslationSource
    from wagtail_localize.operations import TranslationCreator

    en = factories.locale("en")  # the seeded statuses come with the language
    english_statuses = {
        code: Status.objects.get(locale=en, code=code) for code in statuses
    }
    admin = get_user_model().objects.create_superuser("t", "t@example.org", "pw")
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(amina)
    source_page = DefenderPage.objects.get(pk=amina.pk)
    source_page.updates.add(
        DefenderUpdate(
            date=datetime.date(2025, 1, 9),
            heading="Opnieuw gearresteerd",
            status=statuses["detained"],
            is_public=True,
        )
    )
    source_page.save_revision().publish()
    assert DefenderPage.objects.get(pk=amina.pk).status == statuses["detained"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        source, _created = TranslationSource.update_or_create_from_instance(
            DefenderPage.objects.get(pk=amina.pk)
        )
        translation = Translation.objects.get(source=source, target_locale=en)
        translation.save_target(user=admin, publish=True)
    english_page = DefenderPage.objects.get(
        translation_key=amina.translation_key, locale=en
    )
    newest = english_page.public_updates[0]
    assert newest.date == datetime.date(2025, 1, 9)
    assert newest.status == english_statuses["detained"]
    assert english_page.status == english_statuses["detained"]
    assert len(english_page.public_updates) == 4


def count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def with_updates(index, terms, statuses, title: str, number: int):
    return factories.profile(
        index,
        title,
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
        updates=[
            update(
                f"2024-01-{day + 1:02d}",
                f"Update {day}",
                status=statuses["detained"] if day % 2 else None,
                public=day % 3 != 0,
            )
            for day in range(number)
        ],
    )


def test_profile_and_details_are_flat_in_the_number_of_updates(
    client, index, terms, statuses, settings
):
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 0}
    few = with_updates(index, terms, statuses, "Weinig", 2)
    many = with_updates(index, terms, statuses, "Veel", 12)
    for url in ("{}", "/api/v2/defenders/{}/", "/api/v2/pages/{}/"):
        small = count(client, url.format(few.url if url == "{}" else few.pk))
        large = count(client, url.format(many.url if url == "{}" else many.pk))
        assert small == large, url
        if "pages" not in url:  # Wagtail's own endpoint has its own costs
            assert large <= 12, url
    if v3.AVAILABLE:
        small = count(client, f"/api/v3/defenders/{few.pk}/")
        assert count(client, f"/api/v3/defenders/{many.pk}/") == small <= 12


def test_ordered_listings_are_flat(client, index, terms, statuses, settings):
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 0}
    urls = [
        f"{index.url}?order=last_updated",
        "/api/v2/defenders/?order=last_updated&status=gedetineerd",
    ]
    if v3.AVAILABLE:
        urls.append("/api/v3/defenders/?order=last_updated")
    for number in range(4):
        with_updates(index, terms, statuses, f"Eerst {number}", 3)
    small = [count(client, url) for url in urls]
    for number in range(12):
        with_updates(index, terms, statuses, f"Later {number}", 3)
    large = [count(client, url) for url in urls]
    assert small == large
    assert large[0] <= 12 and all(n <= 10 for n in large[1:])
