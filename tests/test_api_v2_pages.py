"""Wagtail's own pages endpoint, as the package's PagesAPIViewSet serves it."""

from __future__ import annotations

import json

import pytest

from tests.api_v2_support import DEFENDERS, get
from tests.api_world import SECRET, hidden_ids

pytestmark = pytest.mark.django_db


# Wagtail's own pages endpoint, as the package's PagesAPIViewSet serves it


def test_pages_endpoint_uses_api_fields_and_leaves_out_kept_out_profiles(client, world):
    listing = get(
        client, "/api/v2/pages/", type="wagtail_defenders.DefenderPage", limit=20
    )
    listed = {item["id"] for item in listing["items"]}
    assert world.alassane.pk in listed
    assert not listed & hidden_ids(world)
    assert SECRET not in json.dumps(listing)
    get(client, f"/api/v2/pages/{world.hidden['hide_from_api'].pk}/", status=404)
    page = get(client, f"/api/v2/pages/{world.alassane.pk}/")
    ours = get(client, f"{DEFENDERS}{world.alassane.pk}/")
    for name in (
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
    ):
        assert page[name] == ours[name], name
    assert page["related_news"] == ours["related_news"]
    assert "original_images" not in json.dumps(page)


@pytest.mark.parametrize("site", ["nowhere.example", "localhost:abc"])
def test_pages_endpoint_answers_an_unknown_site_without_a_500(client, world, site):
    # Wagtail 7.0's own endpoint raised Site.DoesNotExist (a 500) here.
    for url in ("/api/v2/pages/", f"/api/v2/pages/{world.alassane.pk}/"):
        response = client.get(url, {"site": site})
        assert response.status_code < 500, (url, response.content[:200])
