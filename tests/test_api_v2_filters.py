"""API v2: the index page's filters, pagination, and bad input answered with a 400 that says what is accepted, never a 500."""

from __future__ import annotations

import pytest

from tests.api_v2_support import DEFENDERS, get, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_messages(settings):
    """Messages follow the site's default language outside the i18n URLs; read English."""
    settings.LANGUAGE_CODE = "en"


# Filters


FILTER_CASES = [
    ({"theme": "lhbti"}, ["Alassane"]),
    ({"theme": "lhbti,milieu"}, ["Alassane", "Maria"]),
    ({"theme": "persvrijheid", "city": "utrecht"}, ["Gepubliceerd"]),
    ({"country": "ML"}, ["Alassane", "Gepubliceerd"]),
    ({"country": "nederland"}, ["Maria"]),
    ({"country": "ml,nederland", "year": "2023"}, ["Maria"]),
    ({"city": "den-haag,utrecht", "year": "2024,2023"}, ["Alassane", "Maria"]),
    ({"year": "2022"}, ["Gepubliceerd"]),
    ({"search": "regenwoud"}, ["Maria"]),
    ({"search": "Alassane", "theme": "milieu"}, []),
    ({"theme": "no-such-theme"}, []),
    ({"theme": "lgbti"}, []),  # an English slug in the Dutch listing
    ({"locale": "en", "theme": "lgbti"}, ["Alassane"]),
    ({"locale": "en", "city": "the-hague,utrecht"}, ["Alassane", "Maria"]),
    ({"locale": "en", "country": "netherlands"}, ["Maria"]),
    ({"locale": "en", "search": "rainforest"}, ["Maria"]),
    ({"locale": "EN"}, ["Alassane", "Maria"]),
]


def test_filters(client, world):
    for query, expected in FILTER_CASES:
        data = get(client, DEFENDERS, **query)
        assert titles(data) == expected, query
        assert data["meta"]["total_count"] == len(expected)


def test_repeated_parameter_means_or(client, world):
    data = get(client, f"{DEFENDERS}?theme=lhbti&theme=milieu")
    assert titles(data) == ["Alassane", "Maria"]


def test_english_listing_is_all_english(client, world):
    data = get(client, DEFENDERS, locale="en")
    assert data["meta"]["locale"] == "en"
    assert {item["meta"]["locale"] for item in data["items"]} == {"en"}
    assert data["items"][0]["city"]["name"] == "The Hague"


def test_pagination(client, world):
    data = get(client, DEFENDERS, limit=1, offset=1)
    assert titles(data) == ["Maria"] and data["meta"]["total_count"] == 3


# Bad input: a 400 that says what is accepted, never a 500


MALFORMED_CASES = [
    ({"year": "20x4"}, "year", "four-digit years"),
    ({"year": "2024,abc"}, "year", "four-digit years"),
    ({"theme": "not a slug!"}, "theme", "slugs"),
    ({"country": "M L"}, "country", "ISO 3166-1"),
    ({"city": "<script>"}, "city", "slugs"),
    ({"search": "x" * 201}, "search", "200 characters"),
    ({"locale": "xx"}, "locale", "en, nl"),
    ({"locale": "n\x00l"}, "locale", "en, nl"),
    ({"site": "no-such-site.example"}, "site", "No site"),
    ({"site": "bad host/"}, "site", "hostname"),
]


def test_malformed_values_are_a_400_naming_the_parameter(
    client, world, english_messages
):
    for query, parameter, hint in MALFORMED_CASES:
        data = get(client, DEFENDERS, status=400, **query)
        assert parameter in data["errors"], query
        assert hint in data["errors"][parameter], query
        assert f"{parameter}: " in data["message"]


def test_every_bad_parameter_is_named_at_once(client, world):
    data = get(client, DEFENDERS, status=400, year="soon", theme="a b", locale="zz")
    assert set(data["errors"]) == {"year", "theme", "locale"}


BAD_OPTIONS = [
    "type=wagtail_defenders.DefenderPage",
    "order=title",
    "limit=abc",
    "limit=-1",
    "limit=1000",
    "offset=x",
    "fields=nonsense",
    "fields=body",
    "fields=themes(name)",
    "fields=(((",
    "include_unused=1",
]


def test_unknown_parameters_and_bad_options_are_a_400(client, world):
    for query in BAD_OPTIONS:
        data = get(client, f"{DEFENDERS}?{query}", status=400)
        assert data["message"], query


HOSTILE_QUERIES = [
    "search=%00",
    "search=%27%22%3B--",
    "search=a%26b%7Cc%21d%28",
    "search=%E2%80%8F%F0%9F%92%A5",
    "theme=%00",
    "country=%FF%FE",
    "year=%00",
    "year=99999999999999999999",
    "site=%00",
    "site=localhost:99999999",
    "offset=99999999999999999999",
    "locale=" + "a" * 300,
    "theme=" + ",".join(f"t{n}" for n in range(50)),
    "format=api",
    "format=xml",
]


def test_nothing_a_user_sends_is_a_500(client, world):
    urls = (DEFENDERS, f"{DEFENDERS}{world.alassane.pk}/", "/api/v2/cities/")
    for query in HOSTILE_QUERIES:
        for url in urls:
            response = client.get(f"{url}?{query}")
            assert response.status_code < 500, (url, query, response.content[:300])


def test_unknown_profile_is_a_404(client, world):
    assert get(client, f"{DEFENDERS}999999/", status=404)["message"]
