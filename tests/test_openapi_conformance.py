"""API v3's ``openapi.json`` says what the routes do, checked by schemathesis.

A schema-driven client reads the schema to know what it may send and what comes
back. Schemathesis (the ``fuzz`` extra) generates requests that follow the
schema of each of the package's operations and checks, for each answer:

- ``positive_data_acceptance``: a request the schema allows is not refused
  (no 400 or 422 for schema-valid input);
- ``status_code_conformance``: the status is one the schema documents;
- ``response_schema_conformance``: the body has the documented shape (the
  problem+json of an error included).

The operations come from the fuzz's harness (``tests.fuzz.run.schema_operations``).
Wagtail's own operations are checked for documented statuses only: what they
accept is Wagtail's to describe.
"""

from __future__ import annotations

import pytest

from tests.api_world import build_world, clear_caches
from wagtail_defenders.api import v3

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8"),
]

PACKAGE_PATHS = tuple(
    f"/api/v3/{name}/"
    for name in ("defenders", "themes", "countries", "cities", "statuses")
)
#: Examples per operation: enough to reach every parameter, few enough for CI.
EXAMPLES = 30


def _failures(operation, checks) -> list[str]:
    from hypothesis import HealthCheck, Phase, given, settings

    found: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        database=None,
        deadline=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def call(case) -> None:
        response = case.call()
        try:
            case.validate_response(response, checks=checks)
        except BaseException as failure:  # schemathesis' FailureGroup
            found.append(str(failure)[:1500])

    call()
    return found


@pytest.fixture
def keep_test_connection():
    """Schemathesis calls Django's real WSGI handler, whose request signals close
    "old" database connections. Inside the test's transaction (autocommit off) that
    closes the connection on PostgreSQL; Django's test client disconnects the same
    receiver for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def operations(db, keep_test_connection):
    pytest.importorskip("schemathesis")
    from tests.fuzz.run import schema_operations

    clear_caches()
    build_world()
    return schema_operations()


def test_package_routes_conform_to_their_schema(operations):
    pytest.importorskip("schemathesis")
    from schemathesis.specs.openapi.checks import (
        positive_data_acceptance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [
        positive_data_acceptance,
        status_code_conformance,
        response_schema_conformance,
    ]
    ours = [op for op in operations if op.path.startswith(PACKAGE_PATHS)]
    assert len(ours) == 6
    failures = {op.label: _failures(op, checks) for op in ours}
    assert {label: found[:2] for label, found in failures.items() if found} == {}


def _schema(client) -> dict:
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    return response.json()


def _parameter(operation: dict, name: str) -> dict:
    (parameter,) = [p for p in operation["parameters"] if p["name"] == name]
    return parameter["schema"]


def _string(schema: dict) -> dict:
    (text,) = [b for b in schema.get("anyOf", [schema]) if b.get("type") == "string"]
    return text


def test_schema_documents_errors_and_bounds(client, settings):
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="en")
    settings.WAGTAILAPI_LIMIT_MAX = 50
    paths = _schema(client)["paths"]
    listing = paths["/api/v3/defenders/"]["get"]
    detail = paths["/api/v3/defenders/{profile_id}/"]["get"]
    for operation in (listing, detail, paths["/api/v3/themes/"]["get"]):
        for status in ("400", "404", "422"):
            problem = operation["responses"][status]["content"][
                "application/problem+json"
            ]["schema"]
            assert problem["required"] == ["type", "title", "status"]
            assert "errors" in problem["properties"]
    assert _parameter(listing, "limit")["maximum"] == 50
    assert _parameter(listing, "offset")["maximum"] == 2**63 - 1
    assert _string(_parameter(listing, "locale"))["enum"] == sorted(
        Locale.objects.values_list("language_code", flat=True)
    )
    assert _string(_parameter(listing, "site"))["pattern"].startswith("^[A-Za-z0-9")
    assert _string(_parameter(listing, "order"))["enum"] == ["last_updated"]
    assert _parameter(detail, "profile_id")["minimum"] == 1
    # Wagtail's own routes: the request guard's 400, and no control characters.
    pages = paths["/api/v3/pages/"]["get"]
    assert "application/problem+json" in pages["responses"]["400"]["content"]
    assert _string(_parameter(pages, "search"))["pattern"].startswith("^[^\\u0000")


def test_unknown_site_is_404(client):
    clear_caches()
    build_world()
    for url in (
        "/api/v3/defenders/?site=nowhere.example",
        "/api/v3/themes/?site=nowhere.example",
        "/api/v3/defenders/1/?site=nowhere.example",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404
    # A malformed site is still a 400, with the other bad parameters.
    problem = client.get("/api/v3/defenders/?site=no%20such&year=x").json()
    assert problem["status"] == 400
    assert {tuple(e["loc"]) for e in problem["errors"]} == {
        ("query", "site"),
        ("query", "year"),
    }


def test_swagger_ui_uses_no_outside_host(client):
    import re

    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui-bundle.js" in page
    addresses = re.findall(r"""(?:src|href)=["']([^"']+)""", page)
    assert addresses
    assert [a for a in addresses if "//" in a] == []
    assert '"validatorUrl": null' in page


def test_swagger_needs_ninja_installed(client, monkeypatch):
    from django.apps import apps

    from wagtail_defenders.checks import check_swagger_assets

    assert check_swagger_assets() == []
    is_installed = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda n: n != "ninja" and is_installed(n)
    )
    assert [m.id for m in check_swagger_assets()] == ["wagtail_defenders.W012"]
    assert client.get("/api/v3/docs/").status_code == 404


def test_the_preview_route_conforms_to_its_schema(db, keep_test_connection, settings):
    """With ``HEADLESS_PREVIEW`` on, ``defenders/preview/`` is listed: a request
    its schema allows (both parameters, a token schemathesis makes up) is
    refused with a documented problem, never a 400 or a 422."""
    pytest.importorskip("schemathesis")
    pytest.importorskip("wagtail_headless_preview")
    from schemathesis.specs.openapi.checks import (
        positive_data_acceptance,
        response_schema_conformance,
        status_code_conformance,
    )

    from tests.fuzz.run import schema_operations

    settings.WAGTAIL_DEFENDERS = {
        **settings.WAGTAIL_DEFENDERS,
        "HEADLESS_PREVIEW": True,
    }
    [preview] = [
        op for op in schema_operations() if op.path == "/api/v3/defenders/preview/"
    ]
    checks = [
        positive_data_acceptance,
        status_code_conformance,
        response_schema_conformance,
    ]
    assert _failures(preview, checks) == []
