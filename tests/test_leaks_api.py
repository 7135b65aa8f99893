"""What an API client gets leaks nothing (the leak matrix,
``tests/leak_matrix.py``): API v2 (and its term counts), API v3 and GraphQL."""

from __future__ import annotations

import json

import pytest
from django.apps import apps

from tests.leak_matrix import (
    LOCALES,
    assert_nothing_leaks,
    get_json,
    seen_in_each_language,
    seen_in_the_rest_api,
)
from wagtail_defenders.api import v3

pytestmark = pytest.mark.django_db


def test_api_v2(client, matrix):
    seen = seen_in_the_rest_api(client, matrix, "/api/v2", listing="&fields=*")
    for page in [*matrix.visible_nl, *matrix.visible_en]:
        data = get_json(client, f"/api/v2/pages/{page.pk}/")
        seen[page.locale.language_code].add_answer(data)
    for locale_code in LOCALES:
        data = get_json(
            client,
            "/api/v2/pages/?type=wagtail_defenders.DefenderPage&limit=20"
            f"&fields=*&locale={locale_code}",
        )
        seen[locale_code].add_answer(data)
    assert_nothing_leaks(
        "api_v2",
        seen,
        matrix,
        {
            "nl": ["Alassane", "Maria", "Gepubliceerd", "Publieke update"],
            "en": ["Alassane", "Maria"],
        },
    )
    assert matrix.world.alassane.pk in seen["nl"].ids


def test_api_v2_term_counts_count_only_what_is_shown(client, matrix):
    """Every hidden profile uses Persvrijheid, Mali and Utrecht: counts must not see them."""
    themes = get_json(client, "/api/v2/themes/")["items"]
    assert {t["slug"]: t["profile_count"] for t in themes}["persvrijheid"] == 2
    listed = get_json(client, "/api/v2/defenders/?theme=persvrijheid")
    assert sorted(item["title"] for item in listed["items"]) == [
        "Alassane",
        "Gepubliceerd",
    ]
    countries = get_json(client, "/api/v2/countries/")["items"]
    mali = get_json(client, "/api/v2/defenders/?country=ML&limit=20")
    assert {c["code"]: c["profile_count"] for c in countries}["ML"] == mali["meta"][
        "total_count"
    ]
    assert mali["meta"]["total_count"] == 6  # Alassane, Gepubliceerd and the four new
    cities = get_json(client, "/api/v2/cities/")["items"]
    assert {c["slug"]: c["profile_count"] for c in cities}["utrecht"] == 2


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_api_v3(client, matrix):
    seen = seen_in_the_rest_api(client, matrix, "/api/v3")
    assert_nothing_leaks(
        "api_v3",
        seen,
        matrix,
        {"nl": ["Alassane", "Maria", "Gepubliceerd"], "en": ["Alassane", "Maria"]},
    )


GRAPHQL_CARD = "id title introduction htmlUrl portrait { alt renditions { url } }"


def _graphql(client, query: str) -> dict:
    response = client.post(
        "/graphql/", {"query": query}, content_type="application/json"
    )
    assert response.status_code == 200, response.content[:300]
    payload = response.json()
    assert "errors" not in payload, payload
    return payload["data"]


def test_graphql(client, matrix):
    if not apps.is_installed("grapple"):
        pytest.skip("the graphql extra is not installed")
    seen = seen_in_each_language()
    for locale_code in LOCALES:
        for arguments in (
            "",
            'theme: "persvrijheid"',
            'country: "ML"',
            'city: "utrecht"',
            'year: "2022"',
            'search: "SECRET"',
            'search: "Unpublished"',
        ):
            data = _graphql(
                client,
                f'{{ defenders(locale: "{locale_code}" {arguments}) '
                f"{{ items {{ {GRAPHQL_CARD} updates {{ heading text }} }} }} }}",
            )
            seen[locale_code].add_answer(data)
        data = _graphql(
            client,
            f'{{ defenderThemes(locale: "{locale_code}") {{ slug profileCount }} '
            f'defenderCountries(locale: "{locale_code}") {{ code profileCount }} }}',
        )
        seen[locale_code].add(json.dumps(data))
    hidden = [*matrix.hidden_pages, matrix.kept_out_of_api]
    for page in [*matrix.visible_nl, *matrix.visible_en, *hidden]:
        data = _graphql(
            client,
            f"{{ defender(id: {page.pk}) {{ {GRAPHQL_CARD} "
            "relatedNews { title } updates { heading text } lastUpdated "
            "body { ... on DefenderQuoteBlock { quote } } } }",
        )
        if page in hidden:
            assert data["defender"] is None, page.title
        seen[page.locale.language_code].add_answer(data)
    assert_nothing_leaks(
        "graphql",
        seen,
        matrix,
        {
            "nl": ["Alassane", "Maria", "Gepubliceerd", "Publieke update"],
            "en": ["Alassane", "Maria"],
        },
    )
