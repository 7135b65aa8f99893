"""GraphQL (wagtail-grapple): the defenders query and the profile and term types."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api_world import SECRET, build_world, hidden_ids

pytest.importorskip("grapple", reason="the graphql extra is not installed")

pytestmark = pytest.mark.django_db

CARD = """
    id title slug locale htmlUrl introduction
    portrait { alt renditions { name url width height } }
    country { id name slug code translationKey }
    city { id name slug translationKey }
    themes { id name slug translationKey }
    stay { year startDate endDate }
"""
PROFILE = (
    CARD
    + """
    body {
        __typename
        ... on DefenderSectionBlock { id kind kindLabel heading text }
        ... on DefenderQuoteBlock { quote attribution }
        ... on DefenderImageBlock { alt caption renditions { name url width height } }
        ... on DefenderEmbedBlock { url }
    }
    relatedNews { id title htmlUrl date }
    translations { id locale htmlUrl }
"""
)


@pytest.fixture
def world(db):
    return build_world()


def graphql(client, query: str, errors: bool = False, **headers) -> dict:
    response = client.post(
        "/graphql/", {"query": query}, content_type="application/json", **headers
    )
    assert response.status_code in (200, 400), response.content[:500]
    payload = response.json()
    if errors:
        assert payload.get("errors"), payload
    else:
        assert "errors" not in payload, payload.get("errors")
    return payload


def defenders(client, arguments: str = "", fields: str = "id title") -> dict:
    query = f"{{ defenders{f'({arguments})' if arguments else ''} {{ items {{ {fields} }} pagination {{ total count perPage currentPage prevPage nextPage totalPages }} }} }}"
    return graphql(client, query)["data"]["defenders"]


def test_cards_match_api_v2(client, world):
    for locale in ("nl", "en"):
        cards = defenders(client, f'locale: "{locale}"', CARD)["items"]
        v2 = client.get("/api/v2/defenders/", {"locale": locale}).json()["items"]
        assert [card["id"] for card in cards] == [item["id"] for item in v2]
        for card, item in zip(cards, v2, strict=True):
            assert card["locale"] == item["meta"]["locale"] == locale
            assert card["htmlUrl"] == item["meta"]["html_url"]
            assert card["introduction"] == item["introduction"]
            assert _same_term(card["country"], item["country"])
            assert card["country"]["code"] == item["country"]["code"]
            assert _same_term(card["city"], item["city"])
            assert [_term(t) for t in card["themes"]] == [
                _term(t) for t in item["themes"]
            ]
            assert card["stay"]["year"] == item["stay"]["year"]
            if item["portrait"]:
                assert {
                    r["name"]: r["url"] for r in card["portrait"]["renditions"]
                } == {
                    name: r["url"] for name, r in item["portrait"]["renditions"].items()
                }
                assert card["portrait"]["alt"] == item["portrait"]["alt"]
            else:
                assert card["portrait"] is None


def _term(term: dict) -> tuple:
    return (
        term["id"],
        term["name"],
        term["slug"],
        term.get("translationKey") or term.get("translation_key"),
    )


def _same_term(a, b) -> bool:
    return (a is None and b is None) or _term(a) == _term(b)


def test_whole_profile_in_english(client, world):
    data = graphql(
        client, f"{{ defender(id: {world.alassane_en.pk}) {{ {PROFILE} }} }}"
    )
    profile = data["data"]["defender"]
    v2 = client.get(f"/api/v2/defenders/{world.alassane_en.pk}/").json()
    assert profile["locale"] == "en" and profile["title"] == "Alassane"
    assert [t["name"] for t in profile["themes"]] == ["LGBTI", "Press freedom"]
    assert [b["__typename"] for b in profile["body"]] == [
        "DefenderSectionBlock",
        "DefenderSectionBlock",
        "DefenderQuoteBlock",
        "DefenderImageBlock",
        "DefenderEmbedBlock",
    ]
    about = profile["body"][0]
    assert about["kind"] == "about" and about["text"] == v2["body"][0]["value"]["text"]
    assert f'href="{world.news_en.url}"' in about["text"]
    assert profile["body"][2] == {
        "__typename": "DefenderQuoteBlock",
        "quote": "We gaan door.",
        "attribution": "Alassane",
    }
    image = profile["body"][3]
    assert (
        image["alt"] == "Een vergadering" and image["renditions"][0]["name"] == "body"
    )
    assert profile["body"][4]["url"] == "https://www.youtube.com/watch?v=abc123"
    assert profile["relatedNews"] == [
        {
            "id": world.news_en.pk,
            "title": "Alassane speaks in The Hague",
            "htmlUrl": world.news_en.get_full_url(),
            "date": "2024-05-01",
        }
    ]
    assert [t["locale"] for t in profile["translations"]] == ["nl"]
    assert "original_images" not in json.dumps(data)


def test_filters_are_those_of_the_index(client, world):
    cases = [
        ('theme: "lhbti,milieu"', ["Alassane", "Maria"]),
        ('theme: "persvrijheid", city: "utrecht"', ["Gepubliceerd"]),
        ('country: "ML", year: "2024"', ["Alassane"]),
        ('year: "2023,2022"', ["Maria", "Gepubliceerd"]),
        ('search: "regenwoud"', ["Maria"]),
        ('theme: "no-such-theme"', []),
        ('locale: "en", theme: "lgbti"', ["Alassane"]),
        ('locale: "en", city: "the-hague,utrecht"', ["Alassane", "Maria"]),
        ('locale: "en", search: "rainforest"', ["Maria"]),
    ]
    for arguments, expected in cases:
        assert [
            item["title"] for item in defenders(client, arguments)["items"]
        ] == expected, arguments


def test_pagination(client, world):
    result = defenders(client, "page: 2, perPage: 2")
    assert [item["title"] for item in result["items"]] == ["Gepubliceerd"]
    assert result["pagination"] == {
        "total": 3,
        "count": 1,
        "perPage": 2,
        "currentPage": 2,
        "prevPage": 1,
        "nextPage": None,
        "totalPages": 2,
    }
    assert defenders(client, "page: 9")["items"] == []


def test_bad_input_is_a_graphql_error_naming_each_argument(client, world, settings):
    settings.LANGUAGE_CODE = "en"
    payload = graphql(
        client,
        '{ defenders(year: "20x4", theme: "a b", locale: "xx") { items { id } } }',
        errors=True,
    )
    assert set(payload["errors"][0]["extensions"]["errors"]) == {
        "year",
        "theme",
        "locale",
    }
    assert "four-digit" in payload["errors"][0]["message"]
    for arguments in ("perPage: 0", "perPage: 100000", "page: 0", 'site: "bad host/"'):
        graphql(
            client, f"{{ defenders({arguments}) {{ items {{ id }} }} }}", errors=True
        )
    for arguments in (
        'search: "\\""',
        'search: "\\u0000"',
        'theme: "\\u0000"',
        'country: "%FF"',
    ):
        response = client.post(
            "/graphql/",
            {"query": f"{{ defenders({arguments}) {{ items {{ id }} }} }}"},
            content_type="application/json",
        )
        assert response.status_code < 500, arguments


def test_taxonomies(client, world):
    data = graphql(
        client,
        '{ defenderThemes(locale: "en") { name slug profileCount translationKey }'
        " defenderCountries { code profileCount }"
        ' defenderCities(site: "other.example") { slug profileCount country { code } } }',
    )["data"]
    assert [(t["name"], t["profileCount"]) for t in data["defenderThemes"]] == [
        ("LGBTI", 1),
        ("Press freedom", 1),
        ("Environment", 1),
    ]
    assert {c["code"]: c["profileCount"] for c in data["defenderCountries"]} == {
        "ML": 2,
        "NL": 1,
    }
    assert data["defenderCities"] == [
        {"slug": "utrecht", "profileCount": 1, "country": {"code": "NL"}}
    ]


def test_nothing_hidden_appears(client, world, django_user_model):
    seen = set()
    for arguments in (
        "",
        'locale: "en"',
        'theme: "persvrijheid"',
        'country: "ML"',
        'search: "SECRET"',
    ):
        result = defenders(client, arguments, CARD)
        seen |= {item["id"] for item in result["items"]}
        assert SECRET not in json.dumps(result)
    assert not seen & hidden_ids(world)
    assert world.other_site_profile.pk not in seen
    client.force_login(
        django_user_model.objects.create_superuser("admin", "a@example.org", "pw")
    )
    for page in [*world.hidden.values(), world.other_site_profile]:
        if page is world.hidden["unpublished_changes"]:
            continue
        data = graphql(client, f"{{ defender(id: {page.pk}) {{ id title }} }}")
        assert data["data"]["defender"] is None, page.title
    changed = graphql(
        client,
        f"{{ defender(id: {world.hidden['unpublished_changes'].pk}) {{ title introduction }} }}",
    )
    assert changed["data"]["defender"] == {
        "title": "Gepubliceerd",
        "introduction": "A human rights defender.",
    }
    other = defenders(client, 'site: "other.example"')["items"]
    assert [item["id"] for item in other] == [world.other_site_profile.pk]


def test_query_count_is_flat(client, index, terms):
    query = "{ defenders(perPage: 20) { items { " + CARD + " } } }"

    def count() -> int:
        graphql(client, query)
        with CaptureQueriesContext(connection) as queries:
            graphql(client, query)
        return len(queries)

    def add(start: int, number: int) -> None:
        for n in range(start, start + number):
            factories.profile(
                index,
                f"Person {n:03d}",
                country=terms["mali"],
                city=terms["den-haag"],
                themes=[terms["lhbti"], terms["pers"]],
                portrait=factories.image(f"g{n}", size=(8, 8)),
            )

    add(0, 20)
    small = count()
    add(20, 40)
    assert count() == small <= 10


def test_updates_in_a_listing_cost_the_same_for_any_number(client, index, terms):
    """``updates`` and ``lastUpdated`` on the cards of a listing: one query for
    the page of profiles (and one for the pages their texts link to), not one
    per profile (issue 16)."""
    import datetime

    linked = factories.news(index.get_parent(), "Linked news")
    released = factories.status("released", "Vrijgelaten")
    query = (
        "{ defenders(perPage: 20) { items { id lastUpdated "
        "updates { heading text status { name } } } } }"
    )

    def add(start: int, number: int) -> None:
        for n in range(start, start + number):
            factories.profile(
                index,
                f"Person {n:03d}",
                country=terms["mali"],
                city=terms["den-haag"],
                themes=[terms["lhbti"]],
                updates=[
                    {
                        "date": datetime.date(2025, 3, 1 + n % 20),
                        "heading": f"Released {n}",
                        "text": f'<p><a linktype="page" id="{linked.pk}">news</a></p>',
                        "status": released,
                        "is_public": True,
                    },
                    {
                        "date": datetime.date(2025, 4, 1),
                        "heading": "An editor's note",
                        "is_public": False,
                    },
                ],
            )

    def count() -> tuple[int, list]:
        graphql(client, query)
        with CaptureQueriesContext(connection) as queries:
            items = graphql(client, query)["data"]["defenders"]["items"]
        return len(queries), items

    add(0, 3)
    small, items = count()
    [update] = items[0]["updates"]
    assert update["status"]["name"] == released.name
    assert f'href="{linked.url}"' in update["text"]
    assert all(item["lastUpdated"] for item in items)
    assert "An editor's note" not in json.dumps(items)
    add(3, 12)
    large, items = count()
    assert len(items) == 15
    assert large == small
