"""An alias shows its own language's term names (issue 13).

Locale synchronisation makes an English alias of a Dutch profile with
``copy_for_translation(en, alias=True)``: the alias keeps the Dutch themes,
country and city it copied, while the English index's filters offer the English
terms. Every output shows the English names of those terms where they exist: the
index cards, the profile page, API v2 and v3 and GraphQL. The stored choice is
not changed (the alias follows its source).
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import TestCase

from tests import factories
from wagtail_defenders.api import v3
from wagtail_defenders.models import DefenderIndexPage, DefenderPage

DUTCH = {"Vrouwenrechten", "Land en milieu", "Kameroen", "Douala-Noord"}


def english(term, name: str, slug: str):
    copy = term.copy_for_translation(factories.locale("en"))
    copy.name, copy.slug = name, slug
    copy.save()
    return copy


@pytest.fixture
def alias(index):
    en = factories.locale("en")
    womens = factories.theme("Vrouwenrechten")
    land = factories.theme("Land en milieu")  # no English version: stays Dutch
    cameroon = factories.country("Kameroen", "CM")
    douala = factories.city("Douala-Noord", cameroon)
    english(womens, "Women's rights", "womens-rights")
    english(cameroon, "Cameroon", "cameroon")
    english(douala, "Douala North", "douala-north")
    profile = factories.profile(
        index,
        "Amina",
        slug="amina",
        country=cameroon,
        city=douala,
        themes=[womens, land],
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        index.copy_for_translation(en, copy_parents=True, alias=True)
        copy = DefenderPage.objects.get(pk=profile.pk).copy_for_translation(
            en, alias=True
        )
    page = DefenderPage.objects.get(pk=copy.pk)
    assert page.alias_of_id == profile.pk
    assert page.country.name == "Kameroen", "the alias stores the source's terms"
    return page


def test_index_cards_and_profile_page(client, alias):
    english_index = DefenderIndexPage.objects.get(pk=alias.get_parent().pk)
    response = client.get(english_index.url)
    assert response.status_code == 200
    [card] = response.context["profiles"].object_list
    assert [theme.name for theme in card.themes] == ["Women's rights", "Land en milieu"]
    assert (card.country.name, card.city.name) == ("Cameroon", "Douala North")
    html = response.content.decode()
    assert "Women&#x27;s rights" in html or "Women's rights" in html
    assert "Kameroen" not in html and "Vrouwenrechten" not in html
    # The filters the cards go with offer the same English names.
    assert "womens-rights" in html
    assert (
        client.get(f"{english_index.url}?theme=womens-rights")
        .context["profiles"]
        .object_list
    )

    response = client.get(alias.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cameroon" in html and "Douala North" in html
    assert "Kameroen" not in html and "Douala-Noord" not in html
    assert "Vrouwenrechten" not in html
    # Nothing stored changed: the alias still follows its source.
    assert DefenderPage.objects.get(pk=alias.pk).country.name == "Kameroen"


def names(data: dict) -> set[str]:
    return {data["country"]["name"], data["city"]["name"]} | {
        theme["name"] for theme in data["themes"]
    }


EXPECTED = {"Cameroon", "Douala North", "Women's rights", "Land en milieu"}


def test_api_v2(client, alias):
    listing = client.get("/api/v2/defenders/", {"locale": "en"}).json()
    [item] = listing["items"]
    assert names(item) == EXPECTED
    detail = client.get(f"/api/v2/defenders/{alias.pk}/").json()
    assert names(detail) == EXPECTED


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_api_v3(client, alias):
    listing = client.get("/api/v3/defenders/", {"locale": "en"}).json()
    [item] = listing["items"]
    assert names(item) == EXPECTED
    detail = client.get(f"/api/v3/defenders/{alias.pk}/").json()
    assert names(detail) == EXPECTED


@pytest.mark.skipif(not apps.is_installed("grapple"), reason="no graphql extra")
def test_graphql(client, alias):
    fields = "country { name } city { name } themes { name }"
    query = (
        f'{{ defenders(locale: "en") {{ items {{ {fields} }} }} '
        f"defender(id: {alias.pk}) {{ {fields} }} }}"
    )
    response = client.post(
        "/graphql/", {"query": query}, content_type="application/json"
    )
    data = response.json()
    assert "errors" not in data, data
    [item] = data["data"]["defenders"]["items"]
    assert names(item) == EXPECTED
    assert names(data["data"]["defender"]) == EXPECTED


def test_alias_listing_costs_are_flat(client, alias, index):
    """Mapping the terms costs a query per kind of term, not per profile."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.api_world import clear_caches

    def cost() -> int:
        clear_caches()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v2/defenders/", {"locale": "en"})
        assert response.status_code == 200
        return len(queries)

    one = cost()
    source = DefenderPage.objects.get(pk=alias.alias_of_id)
    en = factories.locale("en")
    for number in range(3):
        profile = factories.profile(
            index,
            f"Other {number}",
            country=source.country,
            city=source.city,
            themes=source.themes,
        )
        with TestCase.captureOnCommitCallbacks(execute=True):
            profile.copy_for_translation(en, alias=True)
    assert len(client.get("/api/v2/defenders/", {"locale": "en"}).json()["items"]) == 4
    assert cost() == one


@pytest.fixture
def alias_with_history(index):
    """An English alias of a Dutch profile whose status and update carry the
    Dutch 'Vrijgelaten' (released), which has an English translation."""
    import datetime

    en = factories.locale("en")
    released = factories.status("released", "Vrijgelaten")
    released.name = "Vrijgelaten"
    released.save()
    released_en = factories.status("released", "Released", language_code="en")
    if released_en.translation_key != released.translation_key:
        released_en.delete()
        released_en = english(released, "Released", "released")
    released_en.name = "Released"
    released_en.save()
    mali = factories.country("Mali", "ML")
    profile = factories.profile(
        index,
        "Amadou",
        slug="amadou",
        country=mali,
        city=factories.city("Bamako", mali),
        themes=[],
        status=released,
        updates=[
            {
                "date": datetime.date(2025, 2, 3),
                "heading": "Vrijgelaten op borgtocht",
                "status": released,
                "is_public": True,
            }
        ],
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        index.copy_for_translation(en, copy_parents=True, alias=True)
        copy = DefenderPage.objects.get(pk=profile.pk).copy_for_translation(
            en, alias=True
        )
    page = DefenderPage.objects.get(pk=copy.pk)
    [update] = page.updates.all()
    assert update.status.name == "Vrijgelaten", "the alias stores the source's status"
    return page


def test_alias_update_statuses_are_in_its_language(client, alias_with_history):
    """The status of an alias's update shows in the alias's language, as its
    other terms do, on the profile page and in every API (issue 16)."""
    alias = alias_with_history
    html = client.get(alias.url).content.decode()
    assert "Released" in html
    assert "Vrijgelaten" not in html.replace("Vrijgelaten op borgtocht", "")

    [update] = client.get(f"/api/v2/defenders/{alias.pk}/").json()["updates"]
    assert update["status"]["name"] == "Released"
    if v3.AVAILABLE:
        detail = client.get(f"/api/v3/defenders/{alias.pk}/").json()
        assert detail["updates"][0]["status"]["name"] == "Released"
    if apps.is_installed("grapple"):
        query = (
            f"{{ defender(id: {alias.pk}) {{ updates {{ status {{ name }} }} }} "
            '  defenders(locale: "en") { items { updates { status { name } } } } }'
        )
        data = client.post(
            "/graphql/", {"query": query}, content_type="application/json"
        ).json()
        assert "errors" not in data, data
        assert data["data"]["defender"]["updates"][0]["status"]["name"] == "Released"
        [item] = data["data"]["defenders"]["items"]
        assert item["updates"][0]["status"]["name"] == "Released"
