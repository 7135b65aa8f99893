"""API v3 (Wagtail 8): the package's typed routes and DefenderPage in v3's pages."""

from __future__ import annotations

import json

import pytest
import wagtail

from tests.api_world import SECRET, build_world, hidden_ids
from wagtail_defenders.api import v3

pytestmark = pytest.mark.django_db

V3 = "/api/v3"
requires_v3 = pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")

PROFILE_FIELDS = [
    "introduction",
    "portrait",
    "country",
    "city",
    "status",
    "themes",
    "stay",
    "body",
    "updates",
    "last_updated",
    "related_news",
    "translations",
]


@pytest.fixture
def world(db):
    return build_world()


def get(client, url: str, status: int = 200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.content[:500]
    return response.json()


def test_module_imports_on_every_wagtail():
    assert v3.AVAILABLE is (wagtail.VERSION >= (8, 0))
    if not v3.AVAILABLE:
        with pytest.raises(Exception, match="Wagtail 8"):
            v3.register_routes(object())


@requires_v3
def test_openapi_has_typed_routes_and_profile_schema(client):
    spec = get(client, f"{V3}/openapi.json")
    for path in (
        "defenders/",
        "defenders/{profile_id}/",
        "themes/",
        "countries/",
        "cities/",
    ):
        assert f"/api/v3/{path}" in spec["paths"]
    schemas = spec["components"]["schemas"]
    for name in (
        "DefenderPageSchema",
        "ProfileListData",
        "ProfileCardData",
        "ProfileData",
        "ThemeListData",
        "CountryEntryData",
        "CityEntryData",
        "PortraitData",
        "SectionBlockData",
        "NewsData",
    ):
        untyped = [
            field
            for field, schema in schemas[name]["properties"].items()
            if not {"type", "$ref", "anyOf", "allOf", "const"} & set(schema)
        ]
        assert untyped == [], (name, untyped)
    profile = schemas["DefenderPageSchema"]["properties"]
    assert set(PROFILE_FIELDS) <= set(profile)
    assert schemas["TermData"]["properties"]["translation_key"]["format"] == "uuid"


@requires_v3
def test_listing_matches_v2(client, world):
    v3_data = get(client, f"{V3}/defenders/", data={"locale": "en"})
    v2_data = get(client, "/api/v2/defenders/", data={"locale": "en"})
    assert v3_data["count"] == v2_data["meta"]["total_count"] == 2
    assert v3_data["locale"] == "en"
    for v3_item, v2_item in zip(v3_data["items"], v2_data["items"], strict=True):
        assert v3_item["id"] == v2_item["id"]
        assert v3_item["slug"] == v2_item["meta"]["slug"]
        for name in ("title", "introduction", "country", "city", "themes", "stay"):
            assert v3_item[name] == v2_item[name], name
        assert v3_item["portrait"] == v2_item["portrait"]


@requires_v3
def test_filters_and_bad_input(client, world, settings):
    settings.LANGUAGE_CODE = "en"
    titles = [
        i["title"] for i in get(client, f"{V3}/defenders/?theme=lhbti,milieu")["items"]
    ]
    assert titles == ["Alassane", "Maria"]
    data = get(client, f"{V3}/defenders/?locale=en&city=the-hague&year=2024")
    assert [i["id"] for i in data["items"]] == [world.alassane_en.pk]
    assert get(client, f"{V3}/defenders/?theme=unknown")["items"] == []
    problem = get(client, f"{V3}/defenders/?year=20x4&locale=xx", status=400)
    assert {tuple(e["loc"]) for e in problem["errors"]} == {
        ("query", "year"),
        ("query", "locale"),
    }
    assert "four-digit" in problem["detail"]
    for query in (
        "limit=abc",
        "limit=0",
        "offset=-1",
        "search=%22",
        "offset=99999999999999999999",
    ):
        assert client.get(f"{V3}/defenders/?{query}").status_code < 500, query


@requires_v3
def test_profile_detail_matches_v2_in_both_v3_endpoints(client, world):
    for page in (world.alassane, world.alassane_en):
        v2_detail = get(client, f"/api/v2/defenders/{page.pk}/")
        ours = get(client, f"{V3}/defenders/{page.pk}/")
        stock = get(client, f"{V3}/pages/{page.pk}/")
        assert stock["meta"]["type"] == "wagtail_defenders.DefenderPage"
        assert stock["meta"]["locale"] == ours["locale"] == v2_detail["meta"]["locale"]
        for name in PROFILE_FIELDS:
            if name in ("body", "portrait"):
                continue  # compared below: v3's pages router has no request for full URLs
            assert ours[name] == v2_detail[name], name
            assert stock[name] == v2_detail[name], name
        assert (
            ours["body"] == v2_detail["body"]
            and ours["portrait"] == v2_detail["portrait"]
        )
        assert [block["type"] for block in stock["body"]] == [
            b["type"] for b in ours["body"]
        ]
        assert set(stock["portrait"]["renditions"]) == {"card", "profile"}
        assert "original_images" not in json.dumps(stock)


@requires_v3
def test_taxonomies(client, world):
    data = get(client, f"{V3}/themes/?locale=en")
    assert [(t["name"], t["profile_count"]) for t in data["items"]] == [
        ("LGBTI", 1),
        ("Press freedom", 1),
        ("Environment", 1),
    ]
    countries = get(client, f"{V3}/countries/")["items"]
    assert {c["code"]: c["profile_count"] for c in countries} == {"ML": 2, "NL": 1}
    cities = get(client, f"{V3}/cities/?site=other.example")["items"]
    assert [(c["slug"], c["profile_count"], c["country"]["code"]) for c in cities] == [
        ("utrecht", 1, "NL")
    ]


@requires_v3
def test_nothing_hidden_appears(client, world, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    from wagtail.models import APIToken

    _token, plaintext = APIToken.create_token(user=admin, name="tests")
    for headers in ({}, {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}):
        seen = set()
        for query in (
            "",
            "?locale=en",
            "?theme=persvrijheid",
            "?search=SECRET",
            "?country=ML",
        ):
            data = get(client, f"{V3}/defenders/{query}", **headers)
            seen |= {item["id"] for item in data["items"]}
            assert SECRET not in json.dumps(data)
        assert not seen & hidden_ids(world), headers
        assert world.other_site_profile.pk not in seen
        for page in world.hidden.values():
            if page is world.hidden["unpublished_changes"]:
                continue
            get(client, f"{V3}/defenders/{page.pk}/", status=404, **headers)
        get(
            client,
            f"{V3}/defenders/{world.other_site_profile.pk}/",
            status=404,
            **headers,
        )
    # Anonymous readers of v3's own pages endpoints: no drafts, private pages or
    # unpublished changes; a profile kept out of the API shows no content.
    for name in ("draft", "login", "password", "groups", "below_restricted"):
        get(client, f"{V3}/pages/{world.hidden[name].pk}/", status=404)
    changed = get(client, f"{V3}/pages/{world.hidden['unpublished_changes'].pk}/")
    assert changed["title"] == "Gepubliceerd" and SECRET not in json.dumps(changed)
    # A profile kept out of the API is not there at all (the visibility rule).
    get(client, f"{V3}/pages/{world.hidden['hide_from_api'].pk}/", status=404)
    listing = get(client, f"{V3}/pages/?type=wagtail_defenders.DefenderPage&limit=20")
    listed = {item["id"] for item in listing["items"]}
    assert not listed & hidden_ids(world)


@requires_v3
def test_unpublished_changes_serve_the_live_version(client, world):
    page = world.hidden["unpublished_changes"]
    data = get(client, f"{V3}/defenders/{page.pk}/")
    assert (
        data["title"] == "Gepubliceerd"
        and data["introduction"] == "A human rights defender."
    )
