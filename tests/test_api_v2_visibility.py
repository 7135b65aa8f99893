"""API v2: what must never appear (drafts, private pages, other sites unless asked)."""

from __future__ import annotations

import json

import pytest

from tests.api_v2_support import DEFENDERS, get, titles
from tests.api_world import SECRET, hidden_ids

pytestmark = pytest.mark.django_db


# What must never appear


def test_hidden_profiles_never_listed(client, world):
    seen = set()
    for query in (
        {},
        {"locale": "en"},
        {"theme": "persvrijheid"},
        {"country": "ML"},
        {"search": "SECRET"},
    ):
        data = get(client, DEFENDERS, **query)
        seen |= {item["id"] for item in data["items"]}
        assert SECRET not in json.dumps(data)
    assert not seen & hidden_ids(world)
    assert world.other_site_profile.pk not in seen


def test_hidden_profile_detail_is_a_404(client, world):
    for name in (
        "draft",
        "login",
        "password",
        "groups",
        "below_restricted",
        "hide_from_api",
    ):
        get(client, f"{DEFENDERS}{world.hidden[name].pk}/", status=404)


def test_restricted_profiles_stay_hidden_from_logged_in_users(
    client, world, django_user_model
):
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    for name in ("login", "password", "groups", "below_restricted"):
        get(client, f"{DEFENDERS}{world.hidden[name].pk}/", status=404)
    listed = {item["id"] for item in get(client, DEFENDERS)["items"]}
    assert not listed & hidden_ids(world)


def test_live_version_served_not_unpublished_changes(client, world):
    page = world.hidden["unpublished_changes"]
    data = get(client, f"{DEFENDERS}{page.pk}/")
    assert data["title"] == "Gepubliceerd"
    assert data["introduction"] == "A human rights defender."
    listing = get(client, DEFENDERS, year="2022")
    assert titles(listing) == ["Gepubliceerd"]
    assert SECRET not in json.dumps(listing)


def test_another_sites_profiles_only_when_asked(client, world):
    other = world.other_site_profile
    get(client, f"{DEFENDERS}{other.pk}/", status=404)
    data = get(client, DEFENDERS, site="other.example")
    assert [item["id"] for item in data["items"]] == [other.pk]
    assert (
        get(client, f"{DEFENDERS}{other.pk}/", site="other.example:80")["id"]
        == other.pk
    )
    # Its host serves it by default.
    response = client.get(DEFENDERS, HTTP_HOST="other.example")
    assert [item["id"] for item in response.json()["items"]] == [other.pk]


def test_unpublishing_a_profile_removes_it(client, world):
    world.maria.unpublish()
    assert titles(get(client, DEFENDERS)) == ["Alassane", "Gepubliceerd"]
    get(client, f"{DEFENDERS}{world.maria.pk}/", status=404)
