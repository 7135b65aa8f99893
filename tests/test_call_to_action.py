"""The call to action block of a profile's body (issue 16): open until its deadline,
then closed everywhere, without the editor taking it down."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from wagtail_defenders import blocks
from wagtail_defenders.api import v3

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def on_day(monkeypatch):
    """Set the site's date (``wagtail_defenders.blocks.today``)."""

    def set_day(day: datetime.date) -> None:
        monkeypatch.setattr(blocks, "today", lambda: day)

    set_day(TODAY)
    return set_day


def action(heading: str, deadline: datetime.date, **values) -> tuple:
    return (
        "action",
        {
            "heading": heading,
            "text": "<p>Vraag om vrijlating.</p>",
            "addressee": "De minister van Justitie",
            "deadline": deadline,
            "link": "https://example.org/petitie",
            "email": "",
            "link_text": "Teken de petitie",
            **values,
        },
    )


@pytest.fixture
def profile(index, terms):
    return factories.profile(
        index,
        "Amina",
        slug="amina",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
        body=[
            action("Schrijf de minister", TODAY),
            action(
                "Stuur een kaart",
                TODAY - datetime.timedelta(days=1),
                link="",
                email="kaart@example.org",
            ),
        ],
    )


def test_an_open_action_shows_and_a_past_one_says_it_has_closed(
    client, profile, on_day
):
    html = client.get(profile.url).content.decode()
    assert "Schrijf de minister" in html
    assert 'href="https://example.org/petitie"' in html
    assert "Teken de petitie" in html and "De minister van Justitie" in html
    assert "Stuur een kaart" in html and "defender-action--closed" in html
    assert "kaart@example.org" not in html


def test_the_next_day_the_action_closes_even_with_the_cache_on(
    client, profile, on_day, settings
):
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 300}
    assert "petitie" in client.get(profile.url).content.decode()
    on_day(TODAY + datetime.timedelta(days=1))
    html = client.get(profile.url).content.decode()
    assert "petitie" not in html and "Schrijf de minister" in html


def test_v2_gives_an_open_action_and_only_the_heading_of_a_closed_one(
    client, profile, on_day, settings
):
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 300}
    body = client.get(f"/api/v2/defenders/{profile.pk}/").json()["body"]
    open_action, closed = (block["value"] for block in body)
    assert body[0]["type"] == "action"
    assert open_action == {
        "heading": "Schrijf de minister",
        "deadline": "2026-06-01",
        "is_open": True,
        "text": "<p>Vraag om vrijlating.</p>",
        "addressee": "De minister van Justitie",
        "link": "https://example.org/petitie",
        "email": None,
        "link_text": "Teken de petitie",
    }
    assert closed["is_open"] is False and closed["email"] is None
    assert "kaart@example.org" not in str(body)
    on_day(TODAY + datetime.timedelta(days=1))
    body = client.get(f"/api/v2/defenders/{profile.pk}/").json()["body"]
    assert [block["value"]["is_open"] for block in body] == [False, False]


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_v3_and_graphql_agree(client, profile, on_day):
    body = client.get(f"/api/v3/defenders/{profile.pk}/").json()["body"]
    assert [block["value"]["is_open"] for block in body] == [True, False]
    pytest.importorskip("grapple")
    query = (
        f"{{ defender(id: {profile.pk}) {{ body {{ __typename "
        "... on DefenderActionBlock { heading isOpen link email } } } }"
    )
    data = client.post(
        "/graphql/", {"query": query}, content_type="application/json"
    ).json()["data"]
    assert data["defender"]["body"] == [
        {
            "__typename": "DefenderActionBlock",
            "heading": "Schrijf de minister",
            "isOpen": True,
            "link": "https://example.org/petitie",
            "email": None,
        },
        {
            "__typename": "DefenderActionBlock",
            "heading": "Stuur een kaart",
            "isOpen": False,
            "link": None,
            "email": None,
        },
    ]


def test_an_action_needs_a_link_or_an_e_mail_address():
    block = blocks.ActionBlock()
    value = block.to_python(
        {"heading": "Doe iets", "deadline": "2026-07-01", "link": "", "email": ""}
    )
    with pytest.raises(ValidationError):
        block.clean(value)
    value = block.to_python(
        {"heading": "Doe iets", "deadline": "2026-07-01", "email": "a@example.org"}
    )
    assert block.clean(value)["email"] == "a@example.org"
