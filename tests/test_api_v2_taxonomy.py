"""API v2: the themes, countries, cities endpoints, in each language, with counts of visible profiles."""

from __future__ import annotations

import pytest

from tests import factories
from tests.api_v2_support import get

pytestmark = pytest.mark.django_db


# Taxonomy endpoints


def test_themes_in_each_language_with_live_public_counts(client, world):
    data = get(client, "/api/v2/themes/")
    counts = {item["slug"]: item["profile_count"] for item in data["items"]}
    # "persvrijheid" is used by Alassane and by the page with unpublished changes
    # (live); every hidden profile that uses it is not counted.
    assert counts == {"lhbti": 1, "persvrijheid": 2, "milieu": 1}
    assert data["items"][0]["locale"] == "nl"
    english = get(client, "/api/v2/themes/", locale="en")
    assert [item["name"] for item in english["items"]] == [
        "LGBTI",
        "Press freedom",
        "Environment",
    ]
    assert {item["profile_count"] for item in english["items"]} == {1}
    assert english["items"][0]["translation_key"] == data["items"][0]["translation_key"]


def test_unused_terms_only_on_request(client, world):
    factories.theme("Vrouwenrechten", "vrouwenrechten")
    slugs = [item["slug"] for item in get(client, "/api/v2/themes/")["items"]]
    assert "vrouwenrechten" not in slugs
    data = get(client, "/api/v2/themes/", include_unused="true")
    assert {item["slug"]: item["profile_count"] for item in data["items"]}[
        "vrouwenrechten"
    ] == 0
    get(client, "/api/v2/themes/", status=400, include_unused="maybe")


def test_countries_and_cities(client, world):
    countries = get(client, "/api/v2/countries/", locale="en")["items"]
    assert [(c["name"], c["code"], c["profile_count"]) for c in countries] == [
        ("Mali", "ML", 1),
        ("The Netherlands", "NL", 1),
    ]
    cities = get(client, "/api/v2/cities/")["items"]
    assert [(c["slug"], c["profile_count"]) for c in cities] == [
        ("den-haag", 1),
        ("utrecht", 2),
    ]
    assert cities[0]["country"]["code"] == "NL"


def test_term_detail(client, world):
    theme = world.en["lhbti"]
    data = get(client, f"/api/v2/themes/{theme.pk}/")
    assert (
        data["name"] == "LGBTI"
        and data["locale"] == "en"
        and data["profile_count"] == 1
    )
    get(client, "/api/v2/themes/999999/", status=404)


def test_other_site_counts_only_when_asked(client, world):
    counts = {
        i["slug"]: i["profile_count"]
        for i in get(client, "/api/v2/countries/")["items"]
    }
    assert counts["mali"] == 2
    other = get(client, "/api/v2/countries/", site="other.example")["items"]
    assert [(i["slug"], i["profile_count"]) for i in other] == [("mali", 1)]
