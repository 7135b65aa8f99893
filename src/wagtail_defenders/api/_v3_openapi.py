"""What API v3's ``openapi.json`` says beyond the routes' types (Wagtail 8 only).

django-ninja derives each operation's parameters and its 200 response from the
view's signature. That leaves out what a schema-driven client (a generated
client, schemathesis) needs to send only requests the API accepts and to read
every answer:

- every error response, with its ``application/problem+json`` shape
  (:data:`PROBLEM_SCHEMA`): the 400 of a malformed parameter, the 404 of an
  unknown profile or site, the 422 of a value of the wrong type;
- the draft's route (``defenders/preview/``, :mod:`._v3_preview`): listed only
  while ``WAGTAIL_DEFENDERS["HEADLESS_PREVIEW"]`` is on, with its 400, 403 and
  404 problems and its two parameters required (a missing one is a 400);
- what a parameter accepts: no control characters in any text
  (:mod:`wagtail_defenders.request_guard`), ``limit`` at most
  ``WAGTAILAPI_LIMIT_MAX``, ``offset`` within a database integer, the filters'
  slugs and years, ``order``'s values, ``site``'s format (``hostname`` or
  ``hostname:port``) and ``locale``'s values (the languages the site has).

:class:`DescribedNinjaAPI` is the ``NinjaAPI`` that
:func:`wagtail_defenders.api.v3.build_api` makes: its schema passes through
:func:`describe_schema` each time it is served, so ``limit``'s maximum and the
languages follow the settings and the database. A site that builds its own
``NinjaAPI`` can call :func:`describe_schema` on its schema too.
:class:`LocalSwagger` is its ``docs/`` page: Swagger UI without a CDN.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from .. import headless_preview
from ..conf import defenders_settings, wagtail_setting
from ..request_guard import MAX_INTEGER

#: The package's operations, by ``operationId`` (see ``_v3_routes``).
PACKAGE_OPERATIONS = frozenset(
    {
        "defenders_list",
        "defenders_detail",
        "defenders_theme_list",
        "defenders_country_list",
        "defenders_city_list",
        "defenders_status_list",
    }
)

#: Wagtail's problem details (RFC 9457), as ``wagtail.api.v3.errors`` sends them.
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string", "description": "about:blank"},
        "title": {"type": "string", "description": "The status's phrase."},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What went wrong, in words."},
        "errors": {
            "type": "array",
            "description": "One entry per bad parameter: loc is "
            '["query", name]; msg says what the parameter accepts.',
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "loc": {
                        "type": "array",
                        "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                    },
                    "msg": {"type": "string"},
                },
            },
        },
    },
}

#: Text without the characters :mod:`~wagtail_defenders.request_guard` refuses
#: (control characters other than tab, line feed and carriage return).
SAFE_TEXT = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"
#: ``hostname`` or ``hostname:port`` (``wagtail_defenders.api.inputs.SITE_RE``).
SITE_PATTERN = "^[A-Za-z0-9._-]{1,253}(:[0-9]{1,5})?$"


def _list_pattern(piece: str, more: int) -> str:
    # Comma-separated pieces, spaces around them and empty pieces allowed, as
    # filters.parse_filters reads them; at most ``more + 1`` pieces.
    return f"^ *({piece})? *(, *({piece})? *){{0,{more}}}$"


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
    }


MALFORMED = (
    "A parameter is malformed (a control character, a limit above the "
    "maximum, an unknown language, a filter value that is not a slug): "
    "errors names each one and what it accepts."
)
WRONG_TYPE = "A parameter has the wrong type (a limit that is not a number)."
NO_SITE = "No site has the hostname (and port) given in site."
NO_PROFILE = "No visible profile has this id (or no site has the hostname in site)."

#: The ``operationId`` of the draft's route (``_v3_preview.OPERATION_ID``).
PREVIEW_OPERATION = "defenders_preview"
PREVIEW_RESPONSES = {
    "400": "content_type or token is missing, content_type names a page type "
    "this route does not preview, or a parameter holds a control character.",
    "403": "The token is not valid, has expired (previews are kept since "
    "yesterday) or was made for another page, or the profile is kept out of "
    "the API: preview the page again in the admin.",
    "404": "Headless preview is off (WAGTAIL_DEFENDERS['HEADLESS_PREVIEW']).",
}


def describe_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Complete ``schema`` (an ``openapi.json`` as a dict) in place; return it.

    Every operation gains the 400 of the request guard; the package's also the
    404 and 422 they give and the bounds of their parameters.
    """
    from wagtail.models import Locale

    languages: list[str] | None = None
    paths = schema.get("paths", {})
    for path, operations in list(paths.items()):
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            if operation.get("operationId") == PREVIEW_OPERATION:
                if not headless_preview.enabled():
                    # The route answers 404 to every request: not offered.
                    del paths[path]
                    break
                _describe_preview(operation)
                continue
            responses = operation.setdefault("responses", {})
            responses.setdefault("400", _problem(MALFORMED))
            ours = operation.get("operationId") in PACKAGE_OPERATIONS
            if ours:
                responses.setdefault(
                    "404", _problem(NO_PROFILE if "{" in path else NO_SITE)
                )
                responses.setdefault("422", _problem(WRONG_TYPE))
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query":
                    if ours and parameter.get("in") == "path":
                        _bound(parameter["schema"], minimum=1, maximum=MAX_INTEGER)
                    continue
                if ours and parameter["name"] == "locale" and languages is None:
                    languages = sorted(
                        Locale.objects.values_list("language_code", flat=True)
                    )
                _describe_parameter(parameter, ours=ours, languages=languages or [])
    return schema


def _describe_preview(operation: dict[str, Any]) -> None:
    """The draft's route: its refusals, and both parameters required and
    bounded, so a request the schema allows is one the route reads."""
    from ._v3_preview import PREVIEWED_MODELS

    responses = operation.setdefault("responses", {})
    for status, description in PREVIEW_RESPONSES.items():
        responses[status] = _problem(description)
    for parameter in operation.get("parameters", []):
        parameter["required"] = True
        if parameter["name"] == "content_type":
            parameter["schema"] = {"type": "string", "enum": list(PREVIEWED_MODELS)}
        else:
            parameter["schema"] = {
                "type": "string",
                "minLength": 1,
                "pattern": SAFE_TEXT,
            }


def _describe_parameter(
    parameter: dict[str, Any], *, ours: bool, languages: list[str]
) -> None:
    name = parameter["name"]
    schema = parameter["schema"]
    if name in ("limit", "offset"):
        limit_max = wagtail_setting("WAGTAILAPI_LIMIT_MAX") if name == "limit" else 0
        _bound(schema, maximum=limit_max or MAX_INTEGER)
    for text in _string_schemas(schema):
        if "enum" in text or "const" in text or "format" in text:
            continue
        text["pattern"] = SAFE_TEXT
        if not ours:
            continue
        max_values = defenders_settings.FILTER_MAX_VALUES - 1
        if name in ("theme", "country", "city", "status"):
            text["pattern"] = _list_pattern("[-_A-Za-z0-9]+", max_values)
        elif name == "year":
            text["pattern"] = _list_pattern("[0-9]{4}", max_values)
        elif name == "order":
            del text["pattern"]
            text["enum"] = ["last_updated"]
        elif name == "search":
            text["maxLength"] = defenders_settings.SEARCH_QUERY_MAX_LENGTH
        elif name == "site":
            text["pattern"] = SITE_PATTERN
        elif name == "locale":
            del text["pattern"]
            text["enum"] = languages


def _string_schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The string branches of a parameter's schema (``str | None`` is an anyOf)."""
    branches = schema.get("anyOf", [schema])
    found = [branch for branch in branches if branch.get("type") == "string"]
    for branch in branches:
        if branch.get("type") == "array" and branch.get("items", {}).get("type") == (
            "string"
        ):
            found.append(branch["items"])
    return found


def _bound(schema: dict[str, Any], *, maximum: int, minimum: int | None = None) -> None:
    for number in schema.get("anyOf", [schema]):
        if number.get("type") == "integer":
            number["maximum"] = min(number.get("maximum", maximum), maximum)
            if minimum is not None:
                number["minimum"] = max(number.get("minimum", minimum), minimum)


class DescribedNinjaAPI(NinjaAPI):
    """Wagtail's ``NinjaAPI`` whose ``openapi.json`` passes through :func:`describe_schema`.

    Each of its URLs answers a method it has no operation for with a 405
    problem in the requested language
    (:func:`wagtail_defenders.api.v3.method_not_allowed_as_problem`), not
    django-ninja's plain text.
    """

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return describe_schema(super().get_openapi_schema(*args, **kwargs))

    @property
    def urls(self) -> Any:
        from django.urls import URLPattern

        from .v3 import method_not_allowed_as_problem

        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = method_not_allowed_as_problem(pattern.callback)
        return patterns, app_name, namespace


class LocalSwagger(Swagger):
    """Swagger UI from django-ninja's own static files, never from a CDN.

    django-ninja ships Swagger UI (``ninja/static/ninja/``) and serves it when
    ``"ninja"`` is in ``INSTALLED_APPS``, else from a CDN. This page never
    does: without the app (whose static files it needs) it answers 404, and
    the system check ``wagtail_defenders.W012`` says why. The online validator
    badge is off: it would send the schema's address to an outside host.
    """

    default_settings = {**Swagger.default_settings, "validatorUrl": None}

    def render_page(
        self, request: HttpRequest, api: Any, **kwargs: Any
    ) -> HttpResponse:
        from django.apps import apps
        from django.http import Http404
        from django.shortcuts import render
        from ninja.openapi.docs import _csrf_needed

        if not apps.is_installed("ninja"):
            raise Http404
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)
