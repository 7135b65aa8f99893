"""Every GraphQL error message in the language asked for, graphql-core's included.

The package's resolvers answer in the language of their field's ``locale``
argument (:mod:`.language`), but graphql-core rejects a malformed or invalid
document before any resolver runs, in English, and graphene-django refuses a
request it cannot read in English too. :func:`translate_view_errors` makes the
GraphQL view that serves the package's schema (grapple's ``/graphql/``, or any
graphene-django ``GraphQLView`` whose schema has the ``defenders`` query) give
each such message in the requested language (:mod:`.graphql_messages`), keeping
graphql-core's English in the error's ``extensions.originalMessage``.

The language of an error, in order:

1. the ``locale`` argument of the root field the error is in: the field its
   ``path`` starts with, else the one whose text holds its ``locations``
   (``defenders(locale: "fr") { items { idd } }`` is refused in French);
2. else the one language the document's root fields ask for (a document that
   does not parse is read token by token up to the error);
3. else ``?locale=``, then ``Accept-Language`` (:func:`.language.requested_language`).

Only a response that carries errors is read again; a response without one
is left as it is, byte for byte.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from .graphql_messages import translate_graphql_message
from .language import requested_language

__all__ = ["translate_view_errors"]

#: The root field that marks the package's schema.
PACKAGE_ROOT_FIELD = "defenders"


@dataclass(frozen=True)
class RootField:
    """A root field of the document: its response key, text span and ``locale``."""

    key: str
    start: tuple[int, int]
    end: tuple[int, int]
    locale: str | None


def translate_view_errors() -> None:
    """Wrap graphene-django's ``GraphQLView.dispatch`` (once) so the errors of
    the package's schema come in the requested language.

    graphene-django has no hook between "collect the errors" and "encode the
    response" that sees the request; grapple mounts the view class itself.
    """
    from graphene_django.views import GraphQLView

    if getattr(GraphQLView.dispatch, "_defenders_translated", False):
        return
    dispatch = GraphQLView.dispatch

    @functools.wraps(dispatch)
    def translated_dispatch(self, request, *args, **kwargs):
        response = dispatch(self, request, *args, **kwargs)
        if serves_package(self) and _has_errors(response):
            _translate_response(self, request, response)
        return response

    translated_dispatch._defenders_translated = True  # type: ignore[attr-defined]
    GraphQLView.dispatch = translated_dispatch


def serves_package(view: Any) -> bool:
    """Whether the GraphQL ``view``'s schema has the package's root query."""
    schema = getattr(getattr(view, "schema", None), "graphql_schema", None)
    query_type = getattr(schema, "query_type", None)
    return query_type is not None and PACKAGE_ROOT_FIELD in query_type.fields


def _has_errors(response: HttpResponse) -> bool:
    return (
        not getattr(response, "streaming", False)
        and response.get("Content-Type", "").startswith("application/json")
        and b'"errors"' in response.content
    )


def _translate_response(
    view: Any, request: HttpRequest, response: HttpResponse
) -> None:
    try:
        payload = json.loads(response.content)
    except ValueError:
        return
    fallback = requested_language(request)
    if isinstance(payload, dict):
        root_fields = _root_fields(*_document(view, request))
        changed = _translate_errors(payload, root_fields, request, fallback)
    else:  # a batch: each entry in the request's language
        changed = False
        for entry in payload if isinstance(payload, list) else ():
            if isinstance(entry, dict):
                changed |= _translate_errors(entry, [], request, fallback)
    if changed:
        response.content = view.json_encode(request, payload)


def _translate_errors(
    payload: dict, root_fields: list[RootField], request: HttpRequest, fallback: str
) -> bool:
    changed = False
    for error in payload.get("errors") or ():
        message = error.get("message") if isinstance(error, dict) else None
        if not isinstance(message, str):
            continue
        language = _error_language(error, root_fields, request, fallback)
        with translation.override(language):
            translated = translate_graphql_message(message)
        if translated != message:
            error["message"] = translated
            extensions = error.setdefault("extensions", {})
            if isinstance(extensions, dict):
                extensions.setdefault("originalMessage", message)
            changed = True
    return changed


def _error_language(
    error: dict, root_fields: list[RootField], request: HttpRequest, fallback: str
) -> str:
    path = error.get("path")
    if isinstance(path, list) and path:
        for field in root_fields:
            if field.key == path[0]:
                return requested_language(request, field.locale)
    for location in error.get("locations") or ():
        if not isinstance(location, dict):
            continue
        position = (location.get("line"), location.get("column"))
        for field in root_fields:
            if field.start <= position <= field.end:
                return requested_language(request, field.locale)
    asked = {field.locale for field in root_fields if field.locale}
    if len(asked) == 1:
        return requested_language(request, asked.pop())
    return fallback


def _document(view: Any, request: HttpRequest) -> tuple[str | None, Mapping]:
    """The request's query text and variables, as the view reads them."""
    try:
        data = view.parse_body(request)
        query, variables, _name, _id = view.get_graphql_params(request, data)
    except Exception:  # noqa: BLE001 - the view has already answered this request
        return None, {}
    return (query if isinstance(query, str) else None), (
        variables if isinstance(variables, Mapping) else {}
    )


def _root_fields(query: str | None, variables: Mapping) -> list[RootField]:
    """The root fields of ``query`` with their ``locale`` arguments; for a
    document that does not parse, one field per ``locale: "…"`` read before
    the error, spanning the whole text."""
    if not query:
        return []
    from graphql import GraphQLError, parse
    from graphql.language import ast

    try:
        document = parse(query)
    except GraphQLError:
        return [
            RootField("", (0, 0), (0, 0), locale)
            for locale in _locales_before_the_error(query)
        ]
    found = []
    for definition in document.definitions:
        if not isinstance(definition, ast.OperationDefinitionNode):
            continue
        defaults = {
            variable.variable.name.value: getattr(variable.default_value, "value", None)
            for variable in definition.variable_definitions or ()
        }
        for selection in definition.selection_set.selections:
            if not isinstance(selection, ast.FieldNode) or selection.loc is None:
                continue
            found.append(
                RootField(
                    key=(selection.alias or selection.name).value,
                    start=_position(selection.loc.start_token),
                    end=_position(selection.loc.end_token),
                    locale=_locale_argument(selection, variables, defaults),
                )
            )
    return found


def _position(token: Any) -> tuple[int, int]:
    return (token.line, token.column)


def _locale_argument(field: Any, variables: Mapping, defaults: dict) -> str | None:
    from graphql.language import ast

    for argument in field.arguments or ():
        if argument.name.value != "locale":
            continue
        value = argument.value
        if isinstance(value, ast.StringValueNode):
            return value.value
        if isinstance(value, ast.VariableNode):
            name = value.name.value
            found = variables.get(name, defaults.get(name))
            return found if isinstance(found, str) else None
    return None


def _locales_before_the_error(query: str) -> Iterator[str]:
    """The strings that follow ``locale:`` in ``query``, up to its first bad token."""
    from graphql import GraphQLError
    from graphql.language import Lexer, Source, TokenKind

    lexer = Lexer(Source(query))
    recent: list[Any] = []
    try:
        while (token := lexer.advance()).kind is not TokenKind.EOF:
            recent = [*recent[-2:], token]
            if (
                len(recent) == 3
                and recent[0].kind is TokenKind.NAME
                and recent[0].value == "locale"
                and recent[1].kind is TokenKind.COLON
                and recent[2].kind is TokenKind.STRING
            ):
                yield recent[2].value
    except GraphQLError:
        return
