"""How ``for_listing`` and ``for_detail`` load what a card shows, and what the API
sends (``wagtail_defenders.models.querysets``, ``wagtail_defenders.api``)."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import AbstractImage

from tests import factories
from wagtail_defenders.models import DefenderPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(index, terms):
    def add(title, themes):
        return factories.profile(
            index, title, country=terms["mali"], city=terms["utrecht"], themes=themes
        )

    return (
        add("Aminata", [terms["pers"], terms["lhbti"]]),
        add("Bakary", [terms["lhbti"]]),
        add("Coumba", []),  # a draft may be saved without themes
    )


def test_themes_come_in_the_editors_order_in_one_query(three):
    aminata, bakary, coumba = three
    with CaptureQueriesContext(connection) as queries:
        profiles = {
            profile.pk: profile
            for profile in DefenderPage.objects.filter(
                pk__in=[p.pk for p in three]
            ).for_listing()
        }
        names = {pk: [theme.name for theme in p.themes] for pk, p in profiles.items()}
    # The profiles with country, city and portrait, then the themes (no portrait
    # here, so no renditions query).
    assert len(queries) == 2
    assert names == {
        aminata.pk: ["Persvrijheid", "LHBTI"],
        bakary.pk: ["LHBTI"],
        coumba.pk: [],
    }
    # One object per theme, shared by the profiles that have it.
    assert profiles[aminata.pk].themes[1] is profiles[bakary.pk].themes[0]


def test_for_detail_loads_the_themes_too(three):
    aminata = DefenderPage.objects.filter(pk=three[0].pk).for_detail().get()
    with CaptureQueriesContext(connection) as queries:
        assert [theme.name for theme in aminata.themes] == ["Persvrijheid", "LHBTI"]
    assert len(queries) == 0


def test_themes_follow_unsaved_changes_without_the_listing_loader(three, terms):
    # A page built from a revision (previews, the admin) reads its in-memory links.
    aminata = DefenderPage.objects.get(pk=three[0].pk)
    aminata.defender_themes = [
        type(aminata.defender_themes.first())(theme=terms["lhbti"], sort_order=0)
    ]
    assert [theme.name for theme in aminata.themes] == ["LHBTI"]


def test_values_and_iterator_still_work_on_a_listing(three):
    listing = DefenderPage.objects.filter(pk__in=[p.pk for p in three]).for_listing()
    assert sorted(listing.values_list("title", flat=True)) == [
        "Aminata",
        "Bakary",
        "Coumba",
    ]
    themes = {
        profile.title: [theme.name for theme in profile.themes]
        for profile in listing.iterator(chunk_size=2)
    }
    assert themes["Aminata"] == ["Persvrijheid", "LHBTI"]


def test_the_api_sends_compact_json(client, index, terms, three):
    from tests.api_world import clear_caches

    clear_caches()
    response = client.get("/api/v2/defenders/?fields=themes")
    assert response.status_code == 200
    body = response.content.decode()
    # No indentation: machines read it, and Python encodes compact JSON in C.
    assert "\n" not in body
    data = json.loads(body)
    assert {item["title"] for item in data["items"]} == {"Aminata", "Bakary", "Coumba"}


@pytest.mark.skipif(
    not hasattr(AbstractImage, "clean_filter_for_svg"),
    reason="Wagtail 7.0 has no preserve-svg filter directive",
)
def test_a_preserve_svg_portrait_spec_still_finds_its_rendition(index, terms, settings):
    from wagtail_defenders.templatetags.defenders_tags import defender_portrait

    settings.WAGTAIL_DEFENDERS = {
        "PORTRAIT_RENDITIONS": {
            "card": "fill-20x20|preserve-svg",
            "profile": "fill-40x40",
        }
    }
    profile = factories.profile(
        index,
        "Aminata",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
        portrait=factories.image("aminata", size=(60, 60)),
    )
    first = defender_portrait(profile, "card")  # made once
    assert first is not None and first.width == 20
    loaded = DefenderPage.objects.filter(pk=profile.pk).for_listing().get()
    with CaptureQueriesContext(connection) as queries:
        assert defender_portrait(loaded, "card").pk == first.pk
    assert len(queries) == 0  # the prefetch found it under Wagtail's stored spec
