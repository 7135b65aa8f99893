"""Odd bytes in query parameters: a 400 (or an empty result), never a 500.

On PostgreSQL a NUL byte that reaches a query is a driver error, so before these
fixes ``/api/v2/pages/?search=%00`` and its siblings were 500s. Each case of
issue 12 (item 5) is here; the tests run on the database ``DATABASE_URL`` names,
so CI runs them on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tests import factories
from tests.api_world import clear_caches
from wagtail_defenders.api import v3
from wagtail_defenders.request_guard import (
    SafeQueryStringMiddleware,
    is_unsafe_text,
    unsafe_parameters,
)

GUARD = "wagtail_defenders.request_guard.SafeQueryStringMiddleware"
EXAMPLE_PROJECT = Path(__file__).resolve().parent.parent / "example_project"


@pytest.fixture
def site(db):
    clear_caches()
    home = factories.site_with_home()
    index = factories.index_page(home)
    nl = factories.country("Nederland", "NL", "nederland")
    profile = factories.profile(
        index,
        "Alassane",
        slug="alassane",
        country=nl,
        city=factories.city("Den Haag", nl, "den-haag"),
        themes=[factories.theme("LHBTI", "lhbti")],
    )
    return {"index": index, "profile": profile}


def get(client, url: str):
    client.raise_request_exception = False
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en")


# The package's own endpoints refuse these without the middleware.
PACKAGE_CASES = [
    ("/api/v2/pages/?search=%00", "search"),
    ("/api/v2/pages/?site=%00", "site"),
    ("/api/v2/pages/?locale=%00", "locale"),
    ("/api/v2/pages/find/?html_path=%00", "html_path"),
    ("/api/v2/pages/find/?html_path=/defenders/%00/", "html_path"),
    ("/api/v2/pages/?search=a&search_operator=xyz", "search_operator"),
    # Found by the fuzz: an OFFSET beyond a bigint is a PostgreSQL error.
    ("/api/v2/pages/?offset=99999999999999999999999", "offset"),
    ("/api/v2/pages/?offset=-99999999999999999999999", "offset"),
    ("/api/v2/pages/?offset=9223372036854775808", "offset"),
    ("/api/v2/pages/?limit=" + "9" * 5000, "limit"),
    ("/api/v2/pages/1/?site=%00", "site"),
    ("/api/v2/pages/?type=a%00", "type"),
    ("/api/v2/defenders/?search=%00", "search"),
    ("/api/v2/defenders/?locale=%00", "locale"),
    ("/api/v2/defenders/?site=%00", "site"),
    ("/api/v2/defenders/?theme=a%00", "theme"),
    ("/api/v2/themes/?locale=en%00", "locale"),
    ("/api/v2/cities/?site=localhost%00", "site"),
]


@pytest.mark.parametrize(("url", "parameter"), PACKAGE_CASES)
def test_package_v2_endpoints_answer_400(client, site, url, parameter):
    response = get(client, url)
    assert response.status_code == 400, response.content[:300]
    payload = response.json()
    assert parameter in payload["message"], payload


def test_the_largest_offset_the_database_counts_is_an_empty_page(client, site):
    response = get(client, "/api/v2/pages/?offset=9223372036854775807")
    assert response.status_code == 200
    assert response.json()["items"] == []
    if v3.AVAILABLE:
        response = get(client, "/api/v3/pages/?offset=9223372036854775807")
        assert response.status_code == 200
        assert response.json()["items"] == []


def test_a_known_search_operator_still_searches(client, site):
    response = get(client, "/api/v2/pages/?search=Alassane&search_operator=and")
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Alassane"]


V3_PACKAGE_CASES = [
    # Wagtail's own pages/ route, as defenders_v3.build_api() mounts it.
    "/api/v3/pages/?search=%00",
    "/api/v3/pages/?locale=%00",
    "/api/v3/pages/?site=%00",
    "/api/v3/pages/find/?html_path=%00",
    "/api/v3/pages/1/?x=%00",
    "/api/v3/pages/?offset=19321718542205404925919232",
    "/api/v3/sites/?x=%00",
    "/api/v3/defenders/?search=%00",
    "/api/v3/defenders/?locale=%00",
    "/api/v3/defenders/?site=%00",
    "/api/v3/themes/?locale=%00",
    "/api/v3/defenders/1/?site=%00",
]


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
@pytest.mark.parametrize("url", V3_PACKAGE_CASES)
def test_package_v3_routes_answer_400(client, site, url):
    response = get(client, url)
    assert response.status_code in (400, 422), response.content[:300]


# A site's own views (Wagtail's admin, its v2 images/...) are covered by the
# middleware.
GUARDED_CASES = [
    "/api/v3/pages/?search=%00",
    "/admin/login/?next=%00",
    "/?q=%00&theme=%01",
]


@pytest.mark.parametrize("url", GUARDED_CASES)
def test_the_middleware_answers_400_before_any_view(client, site, url):
    if url.startswith("/api/v3/") and not v3.AVAILABLE:
        pytest.skip("API v3 needs Wagtail 8")
    with override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, GUARD]):
        response = get(client, url)
    assert response.status_code == 400, response.content[:300]
    if url.startswith("/api/"):
        assert set(response.json()["errors"]) <= {
            "search",
            "locale",
            "site",
            "html_path",
        }


def test_the_middleware_lets_ordinary_requests_through(client, site):
    with override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, GUARD]):
        assert get(client, "/api/v2/defenders/?search=Alassane").status_code == 200
        assert get(client, site["index"].url + "?q=a%09b%0Ac").status_code == 200


def test_v3_pages_answer_422_to_an_unknown_search_operator(client, site):
    if not v3.AVAILABLE:
        pytest.skip("API v3 needs Wagtail 8")
    response = get(client, "/api/v3/pages/?search=a&search_operator=xyz")
    assert response.status_code == 422


def test_the_index_page_reads_a_nul_as_nothing(client, site):
    response = get(client, site["index"].url + "?q=%00")
    assert response.status_code == 200
    assert b"Alassane" in response.content


def test_graphql_search_with_a_nul_is_an_empty_search(client, site):
    if not apps.is_installed("grapple"):
        pytest.skip("the graphql extra is not installed")
    response = client.post(
        "/graphql/",
        {"query": '{ defenders(search: "\\u0000", locale: "nl") { items { title } } }'},
        content_type="application/json",
    )
    assert response.status_code in (200, 400)
    payload = response.json()
    assert payload.get("errors") or payload["data"]["defenders"] is not None


def _example_search_view():
    if not (EXAMPLE_PROJECT / "search" / "views.py").exists():
        pytest.skip("example_project/ is not in this checkout")
    sys.path.insert(0, str(EXAMPLE_PROJECT))
    try:
        return importlib.import_module("search.views").search
    finally:
        sys.path.remove(str(EXAMPLE_PROJECT))


@pytest.mark.parametrize(("raw", "read"), [("\x00", ""), ("Alas\x00sane", "Alassane")])
def test_example_site_search_view_drops_a_nul(site, raw, read):
    view = _example_search_view()
    response = view(RequestFactory().get("/search/", {"q": raw}))
    assert response.status_code == 200
    assert response.context_data["search_query"] == read
    if read:
        titles = [page.title for page in response.context_data["search_results"]]
        assert titles == ["Alassane"]


def test_the_example_site_installs_the_middleware():
    base = EXAMPLE_PROJECT / "example_site" / "settings" / "base.py"
    if not base.exists():
        pytest.skip("example_project/ is not in this checkout")
    assert GUARD in base.read_text()


# The rule itself, over generated text.
refused = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x1F).filter(
        lambda character: character not in "\t\n\r"
    ),
    st.characters(min_codepoint=0x7F, max_codepoint=0x9F),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
)
printable = st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), max_size=20)


@given(before=printable, character=refused, after=printable)
def test_any_control_character_is_refused(before, character, after):
    assert is_unsafe_text(before + character + after)
    assert list(unsafe_parameters({"q": [before + character + after]})) == ["q"]
    name = unsafe_parameters({before + character + after: "x"})
    assert len(name) == 1
    assert character not in next(iter(name))


@given(text=st.text(st.characters(categories=("L", "M", "N", "P", "S", "Z"))))
def test_text_without_control_characters_passes(text):
    assert not is_unsafe_text(text + "\t\n\r")


def test_middleware_calls_the_view_only_for_safe_requests():
    seen = []
    middleware = SafeQueryStringMiddleware(lambda request: seen.append(request) or 1)
    factory = RequestFactory()
    assert middleware(factory.get("/", {"q": "ok"})) == 1
    assert middleware(factory.get("/search/", {"q": "\x00"})).status_code == 400
    with translation.override("en"):
        response = middleware(factory.get("/api/v2/pages/", {"\x00": "1"}))
    assert response.status_code == 400
    assert json.loads(response.content)["errors"] == {
        "\\x00": "Control characters (such as NUL) are not accepted in a parameter."
    }
    assert len(seen) == 1
