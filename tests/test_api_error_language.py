"""Every error message in the language asked for, the ones the package does not write too.

Through the real endpoints, mounted as the README writes them (``tests/api_urls.py``):
Wagtail's v2 messages, Wagtail 8's v3 problems (title, detail, pydantic's message
for each bad parameter) and graphql-core's syntax and validation errors. Each
expected text comes from the catalogue and is checked to differ from the English,
so a missing translation fails here as well as in ``test_locale_catalogue``.
"""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from tests.api_world import FIVE_LANGUAGES, clear_caches
from wagtail_defenders.api import v3
from wagtail_defenders.api.graphql_messages import translate_graphql_message
from wagtail_defenders.api.v3_messages import (
    VALIDATION_MESSAGES,
    translate_problem,
    translate_validation_error,
)

pytestmark = pytest.mark.django_db

needs_v3 = pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")


@pytest.fixture(autouse=True)
def five_languages(home):
    clear_caches()
    with override_settings(LANGUAGES=FIVE_LANGUAGES):
        yield


def said(language: str, msgid: str, context: str | None = None, **values) -> str:
    """``msgid`` in ``language``, checked to be translated there."""
    with translation.override(language):
        if context:
            text = translation.pgettext(context, msgid)
        else:
            text = translation.gettext(msgid)
    if language != "en":
        assert text != msgid, f"{msgid!r} has no {language} translation"
    return text % values if values else text


def suggestion(language: str, *names: str) -> str:
    with translation.override(language):
        return translation.ngettext(
            "Did you mean %(names)s?", "Did you mean one of %(names)s?", len(names)
        ) % {"names": ", ".join(f"'{name}'" for name in names)}


def graphql(client, query: str, path: str = "/graphql/", **headers):
    pytest.importorskip("grapple", reason="the graphql extra is not installed")
    response = client.post(
        path, {"query": query}, content_type="application/json", **headers
    )
    return response.json()["errors"]


# -- API v2 -------------------------------------------------------------------------


def test_v2_wagtails_messages_in_dutch(client):
    response = client.get("/api/v2/pages/?offset=x&locale=nl")
    assert response.status_code == 400
    assert response.json() == {
        "message": said("nl", "offset must be a positive integer")
    }
    response = client.get("/api/v2/pages/?order=colour", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.json() == {
        "message": said(
            "nl", "cannot order by '%(field)s' (unknown field)", field="colour"
        )
    }


def test_v2_not_found_in_dutch_and_spanish(client):
    response = client.get("/api/v2/pages/999999/?locale=nl")
    assert response.status_code == 404
    assert response.json() == {
        "message": said("nl", "No %(model)s matches the given query.", model="pagina")
    }
    response = client.get("/api/v2/defenders/999999/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.json() == {
        "message": said("es", "No profile matches the given query.")
    }


# -- API v3 (Wagtail 8) -----------------------------------------------------------


@needs_v3
def test_v3_validation_problem_in_dutch(client):
    response = client.get("/api/v3/defenders/?limit=0&offset=-1&locale=nl")
    assert response.status_code == 422
    problem = response.json()
    assert problem["title"] == said("nl", "Unprocessable Content", "HTTP status")
    assert problem["detail"] == said("nl", "Validation failed")
    assert [
        (error["loc"], error["type"], error["msg"]) for error in problem["errors"]
    ] == [
        (
            ["query", "limit"],
            "greater_than_equal",
            said("nl", "Input should be greater than or equal to %(ge)s", ge=1),
        ),
        (
            ["query", "offset"],
            "greater_than_equal",
            said("nl", "Input should be greater than or equal to %(ge)s", ge=0),
        ),
    ]
    assert [error["ctx"] for error in problem["errors"]] == [{"ge": 1}, {"ge": 0}]


@needs_v3
def test_v3_wagtails_own_routes_in_french_and_arabic(client):
    response = client.get("/api/v3/pages/?limit=x", HTTP_ACCEPT_LANGUAGE="fr")
    (error,) = response.json()["errors"]
    assert error["msg"] == said(
        "fr", "Input should be a valid integer, unable to parse string as an integer"
    )
    response = client.get("/api/v3/themes/?include_unused=maybe&locale=ar")
    (error,) = response.json()["errors"]
    assert error["msg"] == said(
        "ar", "Input should be a valid boolean, unable to interpret input"
    )
    response = client.get("/api/v3/pages/999999/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 404
    assert response.json()["title"] == said("ar", "Not Found", "HTTP status")
    assert response.json()["detail"] == said(
        "ar", "No %(model)s matches the given query.", model="صفحة"
    )


@needs_v3
def test_v3_the_packages_own_problem_gets_a_translated_title(client):
    response = client.get("/api/v3/defenders/?year=abc", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    problem = response.json()
    assert problem["title"] == said("nl", "Bad Request", "HTTP status")
    (error,) = problem["errors"]
    assert error["msg"] == said(
        "nl", "Expected four-digit years such as 2024, separated by commas."
    )


@needs_v3
def test_v3_in_english_keeps_wagtails_words(client):
    response = client.get("/api/v3/defenders/?limit=0&locale=en")
    problem = response.json()
    assert problem["title"] in {"Unprocessable Entity", "Unprocessable Content"}
    assert problem["detail"] == "Validation failed"
    assert problem["errors"][0]["msg"] == "Input should be greater than or equal to 1"


def test_the_validation_templates_are_pydantics():
    pydantic_core = pytest.importorskip("pydantic_core")
    templates = {
        error["type"]: error["message_template_python"]
        for error in pydantic_core._pydantic_core.list_all_errors()
    }
    for error_type, (template, _msgid) in VALIDATION_MESSAGES.items():
        assert templates[error_type] == template, error_type


def test_a_custom_message_is_left_alone():
    with translation.override("fr"):
        assert (
            translate_validation_error(
                {"type": "greater_than", "msg": "Too small", "ctx": {"gt": 1}}
            )
            is None
        )
        plural = translate_validation_error(
            {
                "type": "string_too_long",
                "msg": "String should have at most 1 character",
                "ctx": {"max_length": 1},
            }
        )
        problem = {"status": 404, "title": "Gone fishing", "detail": "Elsewhere"}
        assert translate_problem(problem) is False
        assert problem == {
            "status": 404,
            "title": "Gone fishing",
            "detail": "Elsewhere",
        }
    with translation.override("fr"):
        french = translation.ngettext(
            "String should have at most %(max_length)s character",
            "String should have at most %(max_length)s characters",
            1,
        )
    assert "%(max_length)s" in french and french.startswith("La chaîne")
    assert plural == french % {"max_length": 1}


# -- GraphQL ------------------------------------------------------------------------


def test_graphql_syntax_error_in_the_documents_language(client):
    (error,) = graphql(client, '{ defenders(locale: "nl" { items { id } } }')
    assert error["message"] == said(
        "nl",
        "Syntax Error: Expected %(expected)s, found %(found)s.",
        expected="Name",
        found="'{'",
    )
    assert error["extensions"]["originalMessage"] == (
        "Syntax Error: Expected Name, found '{'."
    )
    assert error["locations"] == [{"line": 1, "column": 26}]


def test_graphql_unknown_field_in_its_root_fields_language(client):
    errors = graphql(
        client,
        '{ defenders(locale: "nl") { items { idd } } '
        'defenderThemes(locale: "fr") { nam } }',
        HTTP_ACCEPT_LANGUAGE="es",
    )
    unknown = "Cannot query field '%(field)s' on type '%(type)s'."
    assert [error["message"] for error in errors] == [
        said("nl", unknown, field="idd", type="Defender")
        + " "
        + suggestion("nl", "id"),
        said("fr", unknown, field="nam", type="DefenderThemeEntry")
        + " "
        + suggestion("fr", "name"),
    ]
    assert errors[0]["extensions"]["originalMessage"] == (
        "Cannot query field 'idd' on type 'Defender'. Did you mean 'id'?"
    )


def test_graphql_unknown_argument_follows_the_urls_locale(client):
    (error,) = graphql(
        client, '{ defenders(lokale: "fr") { items { id } } }', "/graphql/?locale=ar"
    )
    assert error["message"] == (
        said(
            "ar",
            "Unknown argument '%(argument)s' on field '%(field)s'.",
            argument="lokale",
            field="Query.defenders",
        )
        + " "
        + suggestion("ar", "locale")
    )


def test_graphql_wrong_type_and_missing_argument_follow_accept_language(client):
    errors = graphql(
        client,
        '{ defenders(perPage: "x") { items { id } } defender { id } }',
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert [error["message"] for error in errors] == [
        said(
            "es",
            "Int cannot represent non-integer value: %(value)s",
            value='"x"',
        ),
        said(
            "es",
            "Field '%(field)s' argument '%(argument)s' of type '%(type)s' is "
            "required, but it was not provided.",
            field="defender",
            argument="id",
            type="Int!",
        ),
    ]


def test_graphql_missing_variable_and_missing_query_in_dutch(client):
    (error,) = graphql(
        client,
        "query ($n: Int!) { defenders(perPage: $n) { items { id } } }",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert error["message"] == said(
        "nl",
        "Variable '%(variable)s' of required type '%(type)s' was not provided.",
        variable="$n",
        type="Int!",
    )
    pytest.importorskip("grapple")
    response = client.get("/graphql/?locale=nl", HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == said(
        "nl", "Must provide query string."
    )


def test_graphql_in_english_is_graphql_cores_own(client):
    (error,) = graphql(client, "{ nope }", HTTP_ACCEPT_LANGUAGE="en")
    assert error == {
        "message": "Cannot query field 'nope' on type 'Query'.",
        "locations": [{"line": 1, "column": 3}],
    }


BAD_DOCUMENTS = [
    "{ defenders(locale: ) { items { id } } }",
    '{ defenders(locale: "nl") { items { id } }',
    '{ defenders(locale: "nl) { items { id } } }',
    "{ defenders(perPage: 1.5x) { items { id } } }",
    "{ defenders(perPage: 'x') { items { id } } }",
    "{ nope }",
    "{ defenders { itemz { id } } }",
    "{ defenders { items { idd } } }",
    "{ defenders(nope: 1) { items { id } } }",
    "{ defenders { items } }",
    "{ defenders { items { id { x } } } }",
    '{ defenders(perPage: "x") { items { id } } }',
    "{ defenders(search: 1) { items { id } } }",
    "{ defenders(year: true) { items { id } } }",
    "{ defender { id } }",
    "{ defender(id: 1, id: 2) { id } }",
    "query ($n: Int) { defenders { items { id } } }",
    "{ defenders(perPage: $n) { items { id } } }",
    "query Q ($n: Strin) { defenders { items { id } } }",
    "query ($n: String) { defenders(perPage: $n) { items { id } } }",
    "{ defenders { items { ...Missing } } }",
    "{ defenders { items { id @nope } } }",
    "{ defenders { items { id @include } } }",
    "query A { defenders { items { id } } } query A { defenders { items { id } } }",
    "{ defenders { items { id } } } query B { defenders { items { id } } }",
    "fragment F on Defender { ...F } { defenders { items { ...F } } }",
    "fragment F on DefenderTerm { name } { defenders { items { ...F } } }",
]


@pytest.mark.parametrize("document", BAD_DOCUMENTS)
def test_graphql_cores_messages_are_all_known(document):
    """graphql-core's own wording, from parsing and validating against the real
    schema, is translated into each language (each message differs from it)."""
    pytest.importorskip("grapple", reason="the graphql extra is not installed")
    from graphql import GraphQLError, parse, validate
    from grapple.schema import schema

    try:
        errors = validate(schema.graphql_schema, parse(document))
    except GraphQLError as error:
        errors = [error]
    assert errors
    for error in errors:
        for language in ("nl", "fr", "es", "ar"):
            with translation.override(language):
                assert translate_graphql_message(error.message) != error.message, (
                    language,
                    error.message,
                )


def test_only_the_packages_schema_is_translated_and_the_view_wrapped_once(rf):
    """Another graphene-django view in the same site keeps graphql-core's English."""
    pytest.importorskip("grapple", reason="the graphql extra is not installed")
    import json

    import graphene
    from graphene_django.views import GraphQLView

    from wagtail_defenders.api.graphql_errors import translate_view_errors

    wrapped = GraphQLView.dispatch
    translate_view_errors()
    assert GraphQLView.dispatch is wrapped

    class Query(graphene.ObjectType):
        hello = graphene.String()

    view = GraphQLView.as_view(schema=graphene.Schema(query=Query))
    request = rf.post(
        "/other-graphql/",
        json.dumps({"query": "{ nope }"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    (error,) = json.loads(view(request).content)["errors"]
    assert error["message"] == "Cannot query field 'nope' on type 'Query'."
