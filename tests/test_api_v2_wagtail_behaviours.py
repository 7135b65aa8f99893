"""Wagtail's own API v2 behaviours, kept by the package's endpoints.

The package's endpoints are built on Wagtail's extension points, so for the
parameters Wagtail defines (``limit``, ``offset``, ``fields=``, an unknown
parameter) they answer as Wagtail's own ``pages`` endpoint answers, message for
message, translated alike; ``type`` stays Wagtail's on ``pages/`` and is no
parameter of ``defenders/``.
"""

from __future__ import annotations

import pytest

from tests import factories
from tests.api_v2_support import DEFENDERS, get

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"
THEMES = "/api/v2/themes/"
UNKNOWN = "query parameter is not an operation or a recognised field: "


@pytest.fixture
def profiles(client, index, terms):
    # Messages in English: asked for, as a client would (the site's default
    # language stays, so the pages' URLs do not change).
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return [
        factories.profile(
            index,
            f"Person {n}",
            country=terms["mali"],
            city=terms["utrecht"],
            themes=[terms["lhbti"]],
            year=2020 + n,
        )
        for n in range(3)
    ]


#: Queries whose answer is one of Wagtail's messages, the same on every endpoint.
WAGTAIL_ERRORS = [
    "limit=abc",
    "limit=-1",
    "limit=1000",
    "offset=x",
    "offset=-5",
    "fields=nonsense",
    "fields=(((",
    "fields=*,-nonsense",
    "fields=title(id)",
]


@pytest.mark.parametrize("query", WAGTAIL_ERRORS)
def test_wagtails_messages_for_wagtails_parameters(client, profiles, query):
    wagtails = get(client, f"{PAGES}?type=wagtail_defenders.DefenderPage&{query}", 400)
    for url in (DEFENDERS, THEMES):
        assert get(client, f"{url}?{query}", 400)["message"] == wagtails["message"]


def test_wagtails_messages_are_translated_alike(client, profiles):
    for query, english in (
        ("limit=abc", "limit must be a positive integer"),
        ("offset=x", "offset must be a positive integer"),
        ("fields=nonsense", "unknown fields: nonsense"),
    ):
        answers = {
            client.get(f"{url}?{query}", HTTP_ACCEPT_LANGUAGE="nl").json()["message"]
            for url in (PAGES, DEFENDERS, THEMES)
        }
        assert len(answers) == 1 and english not in answers, query


def test_limit_and_offset_choose_the_window(client, profiles):
    listing = get(client, DEFENDERS)
    assert listing["meta"]["total_count"] == 3 and len(listing["items"]) == 3
    window = get(client, DEFENDERS, limit=1, offset=1)
    assert window["meta"]["total_count"] == 3
    assert [item["id"] for item in window["items"]] == [listing["items"][1]["id"]]
    assert get(client, DEFENDERS, limit=0)["items"] == []
    assert get(client, DEFENDERS, offset=3)["items"] == []


def test_wagtails_limit_max_bounds_the_window(client, profiles, settings):
    settings.WAGTAILAPI_LIMIT_MAX = 2
    assert len(get(client, DEFENDERS)["items"]) == 2  # Wagtail's default: the max
    assert get(client, DEFENDERS, 400, limit=3)["message"] == (
        "limit cannot be higher than 2"
    )


def test_fields_adds_removes_and_starts_over(client, profiles):
    def body_fields(**params) -> set[str]:
        return set(get(client, DEFENDERS, **params)["items"][0]) - {"id", "meta"}

    defaults = body_fields()
    assert "title" in defaults and "body" not in defaults
    assert body_fields(fields="_,title") == {"title"}
    assert body_fields(fields="-title") == defaults - {"title"}
    assert body_fields(fields="*") == defaults
    detail = get(client, f"{DEFENDERS}{profiles[0].pk}/", fields="_,body")
    assert set(detail) == {"id", "meta", "body"}


def test_unknown_parameters_are_named_as_wagtail_names_them(client, profiles):
    assert get(client, PAGES, 400, foo="1")["message"] == f"{UNKNOWN}foo"
    for url in (DEFENDERS, THEMES, f"{DEFENDERS}{profiles[0].pk}/"):
        message = get(client, url, 400, foo="1", bar="2")["message"]
        assert message.startswith(f"{UNKNOWN}bar, foo. Accepted: ")


def test_type_is_wagtails_on_pages_and_no_parameter_of_defenders(client, profiles):
    assert get(client, PAGES, 400, type="nonsense")["message"] == "type doesn't exist"
    typed = get(client, PAGES, type="wagtail_defenders.DefenderPage")
    assert {item["id"] for item in typed["items"]} == {p.pk for p in profiles}
    message = get(client, DEFENDERS, 400, type="wagtail_defenders.DefenderPage")
    assert message["message"].startswith(f"{UNKNOWN}type")
