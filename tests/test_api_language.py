"""API messages in the language asked for: ``locale=``, else ``Accept-Language``.

Every surface (API v2, Wagtail's own v2 ``pages`` endpoint as the package
registers it, API v3, GraphQL) answers an error in the requested language,
Wagtail's own English messages included (:mod:`wagtail_defenders.api.language`).
The expected texts come from the catalogues, so each test also checks that the
message really differs from the English.
"""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from tests.api_world import FIVE_LANGUAGES, clear_caches
from wagtail_defenders.api import v3
from wagtail_defenders.api.language import requested_language
from wagtail_defenders.api.wagtail_messages import translate_wagtail_message

pytestmark = pytest.mark.django_db

UNKNOWN = "query parameter is not an operation or a recognised field: %(names)s"
UNKNOWN_LANGUAGE = "Unknown language. Use one of: %(codes)s."


@pytest.fixture(autouse=True)
def five_languages(home):
    clear_caches()
    with override_settings(LANGUAGES=FIVE_LANGUAGES):
        yield


def in_language(language: str, msgid: str, **values) -> str:
    with translation.override(language):
        text = translation.gettext(msgid) % values
    if language != "en":
        assert text != msgid % values, f"{msgid!r} has no {language} translation"
    return text


def test_unknown_parameter_v2_follows_locale_fr(client):
    response = client.get("/api/v2/defenders/?foo=1&locale=fr")
    assert response.status_code == 400
    assert response.json()["message"].startswith(
        in_language("fr", UNKNOWN, names="foo")
    )
    assert translation.get_language() != "fr"  # the request's language is gone


def test_wagtails_own_message_follows_locale_ar(client):
    response = client.get("/api/v2/pages/?foo=1&locale=ar")
    assert response.status_code == 400
    assert response.json() == {"message": in_language("ar", UNKNOWN, names="foo")}


def test_accept_language_es_without_locale(client):
    response = client.get("/api/v2/pages/?foo=1", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json() == {"message": in_language("es", UNKNOWN, names="foo")}
    response = client.get("/api/v2/themes/?bar=1", HTTP_ACCEPT_LANGUAGE="es-MX,en")
    assert response.json()["message"].startswith(
        in_language("es", UNKNOWN, names="bar")
    )


def test_locale_wins_over_accept_language(client):
    response = client.get("/api/v2/pages/?foo=1&locale=fr", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json() == {"message": in_language("fr", UNKNOWN, names="foo")}


def test_an_unknown_locale_is_refused_in_the_headers_language(client):
    # No French content here: the code is refused, in the language of the header.
    response = client.get("/api/v2/defenders/?locale=xx", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert response.json()["errors"]["locale"] == in_language(
        "es", UNKNOWN_LANGUAGE, codes="nl"
    )


def test_wagtails_pagination_message_is_translated(client):
    response = client.get("/api/v2/pages/?limit=-3", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert response.json() == {
        "message": in_language("fr", "limit must be a positive integer")
    }


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_v3_routes_answer_in_the_requested_language(client):
    response = client.get("/api/v3/defenders/?year=abc&locale=fr")
    assert response.status_code == 400
    messages = {error["loc"][-1]: error["msg"] for error in response.json()["errors"]}
    assert messages == {
        "year": in_language(
            "fr", "Expected four-digit years such as 2024, separated by commas."
        ),
        "locale": in_language("fr", UNKNOWN_LANGUAGE, codes="nl"),
    }
    response = client.get("/api/v3/themes/?locale=xx", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.json()["errors"][0]["msg"] == in_language(
        "ar", UNKNOWN_LANGUAGE, codes="nl"
    )


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_wagtails_v3_messages_answer_in_the_requested_language(client):
    """Wagtail's own v3 pages/ writes its messages in English; the ones v2's
    table knows come in the language asked for."""
    response = client.get("/api/v3/pages/?limit=500&locale=nl")
    assert response.status_code == 400
    assert response.json()["detail"] == in_language(
        "nl", "limit cannot be higher than %(max)s", max=20
    )
    response = client.get("/api/v3/pages/?limit=500", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["detail"] == in_language(
        "fr", "limit cannot be higher than %(max)s", max=20
    )


def test_graphql_error_follows_the_locale_argument(client):
    pytest.importorskip("grapple", reason="the graphql extra is not installed")
    response = client.post(
        "/graphql/",
        {"query": '{ defenderThemes(locale: "zz") { id } }'},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    (error,) = response.json()["errors"]
    assert error["extensions"]["errors"]["locale"] == in_language(
        "es", UNKNOWN_LANGUAGE, codes="nl"
    )
    response = client.post(
        "/graphql/",
        {"query": '{ defenders(locale: "fr", year: "abc") { items { id } } }'},
        content_type="application/json",
    )
    (error,) = response.json()["errors"]
    assert error["extensions"]["errors"]["year"] == in_language(
        "fr", "Expected four-digit years such as 2024, separated by commas."
    )


def test_requested_language_rule(rf):
    assert requested_language(rf.get("/", {"locale": "fr-CA"})) == "fr"
    assert (
        requested_language(rf.get("/", {"locale": "xx"}, HTTP_ACCEPT_LANGUAGE="ar"))
        == "ar"
    )
    assert requested_language(rf.get("/"), "es") == "es"
    assert requested_language(rf.get("/", HTTP_ACCEPT_LANGUAGE="de")) == "nl"


def test_an_unrecognised_wagtail_message_stays_as_it_is():
    with translation.override("fr"):
        assert translate_wagtail_message("something new") == "something new"
        assert translate_wagtail_message(
            "limit cannot be higher than 20"
        ) == in_language("fr", "limit cannot be higher than %(max)s", max="20")
