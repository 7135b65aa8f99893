"""API v3's listing declares the parameters the shared parser reads, and only those.

The route's ``theme``, ``country``, ``city``, ``status``, ``year``, ``search``,
``order``, ``locale`` and ``site`` arguments are not read by the route itself: the
listing reads ``request.GET`` through the parsing every surface shares
(:class:`wagtail_defenders.api.inputs.RequestReader`). They are declared so that the
OpenAPI schema documents them; these tests show each is read, and that the
schema and the parser agree.
"""

from __future__ import annotations

import pytest

from wagtail_defenders.api import v3

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8"),
]

LISTING = "/api/v3/defenders/"
BAD_VALUES = {
    "theme": "no slug!",
    "country": "no slug!",
    "city": "no slug!",
    "status": "no slug!",
    "year": "20x4",
    "order": "alphabetical",
    "locale": "not a language",
    "site": "no host!",
}


def test_the_schema_lists_what_the_listing_reads(client):
    spec = client.get("/api/v3/openapi.json").json()
    parameters = spec["paths"][LISTING]["get"]["parameters"]
    declared = {parameter["name"] for parameter in parameters}
    assert declared == {*BAD_VALUES, "search", "limit", "offset"}


@pytest.mark.parametrize("name", list(BAD_VALUES))
def test_each_declared_parameter_is_read(client, name):
    response = client.get(LISTING, {name: BAD_VALUES[name]})
    assert response.status_code == 400
    assert [error["loc"] for error in response.json()["errors"]] == [["query", name]]
