"""What the API v2 tests share: the endpoint's path and a checked GET."""

from __future__ import annotations

DEFENDERS = "/api/v2/defenders/"


def get(client, url: str, status: int = 200, **params):
    """The JSON of ``url``, asserting the status first."""
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    return response.json()


def titles(data: dict) -> list[str]:
    return [item["title"] for item in data["items"]]
