"""Wagtail 8's API v3 problem responses, in the active language.

Wagtail's v3 answers an error with an RFC 7807 problem (``application/problem+json``)
whose ``title`` is the English phrase of the HTTP status (``"Unprocessable
Entity"``), whose ``detail`` is Wagtail's English (``"Validation failed"``,
``"No Page matches the given query."``) and whose ``errors`` carry pydantic's
English message for each bad parameter (``"Input should be greater than or equal
to 1"``). None of it is marked for translation. :func:`translate_problem` gives
each of them in the active language:

- ``title``: when it is the status's own phrase (a custom title stays);
- ``detail``: through :mod:`.wagtail_messages` (Wagtail's wordings, v2's and v3's);
- each error's ``msg``: by the error's pydantic ``type`` and ``ctx``, only when the
  message is pydantic's own wording for them (a custom ``value_error`` keeps its
  text, apart from pydantic's "Value error, " prefix). The ``type``, ``loc`` and
  ``ctx`` stay as they are: they are what a client matches on.

A leaf: no django-ninja, no pydantic, no models, so it imports on Wagtail 7 too.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import (
    gettext,
    gettext_noop,
    ngettext,
    pgettext,
    pgettext_lazy,
)

from .wagtail_messages import translate_wagtail_message

__all__ = ["translate_problem", "translate_validation_error"]

#: The titles of the statuses the v3 API answers with, by status code.
STATUS_TITLES: dict[int, Promise] = {
    400: pgettext_lazy("HTTP status", "Bad Request"),
    401: pgettext_lazy("HTTP status", "Unauthorized"),
    403: pgettext_lazy("HTTP status", "Forbidden"),
    404: pgettext_lazy("HTTP status", "Not Found"),
    405: pgettext_lazy("HTTP status", "Method Not Allowed"),
    409: pgettext_lazy("HTTP status", "Conflict"),
    422: pgettext_lazy("HTTP status", "Unprocessable Content"),
    429: pgettext_lazy("HTTP status", "Too Many Requests"),
    500: pgettext_lazy("HTTP status", "Internal Server Error"),
    503: pgettext_lazy("HTTP status", "Service Unavailable"),
}
#: Before Python 3.13, 422's English phrase is "Unprocessable Entity".
_ENGLISH_TITLES: dict[int, frozenset[str]] = {
    status: frozenset({HTTPStatus(status).phrase})
    | ({"Unprocessable Entity", "Unprocessable Content"} if status == 422 else set())
    for status in STATUS_TITLES
}

#: pydantic's message for an error ``type``: its English template (pydantic's
#: ``message_template_python``, ``{name}`` for a ``ctx`` value) and the msgid the
#: package translates it with (``%(name)s`` for the same value).
#: ``tests/test_api_language.py`` checks each template against pydantic's own.
VALIDATION_MESSAGES: dict[str, tuple[str, str]] = {
    error_type: (template, msgid)
    for error_type, template, msgid in (
        ("missing", "Field required", gettext_noop("Field required")),
        (
            "extra_forbidden",
            "Extra inputs are not permitted",
            gettext_noop("Extra inputs are not permitted"),
        ),
        (
            "int_type",
            "Input should be a valid integer",
            gettext_noop("Input should be a valid integer"),
        ),
        (
            "int_parsing",
            "Input should be a valid integer, unable to parse string as an integer",
            gettext_noop(
                "Input should be a valid integer, unable to parse string as an integer"
            ),
        ),
        (
            "int_from_float",
            "Input should be a valid integer, got a number with a fractional part",
            gettext_noop(
                "Input should be a valid integer, got a number with a fractional part"
            ),
        ),
        (
            "int_parsing_size",
            "Unable to parse input string as an integer, exceeded maximum size",
            gettext_noop(
                "Unable to parse input string as an integer, exceeded maximum size"
            ),
        ),
        (
            "float_type",
            "Input should be a valid number",
            gettext_noop("Input should be a valid number"),
        ),
        (
            "float_parsing",
            "Input should be a valid number, unable to parse string as a number",
            gettext_noop(
                "Input should be a valid number, unable to parse string as a number"
            ),
        ),
        (
            "bool_type",
            "Input should be a valid boolean",
            gettext_noop("Input should be a valid boolean"),
        ),
        (
            "bool_parsing",
            "Input should be a valid boolean, unable to interpret input",
            gettext_noop("Input should be a valid boolean, unable to interpret input"),
        ),
        (
            "string_type",
            "Input should be a valid string",
            gettext_noop("Input should be a valid string"),
        ),
        (
            "list_type",
            "Input should be a valid list",
            gettext_noop("Input should be a valid list"),
        ),
        (
            "greater_than",
            "Input should be greater than {gt}",
            gettext_noop("Input should be greater than %(gt)s"),
        ),
        (
            "greater_than_equal",
            "Input should be greater than or equal to {ge}",
            gettext_noop("Input should be greater than or equal to %(ge)s"),
        ),
        (
            "less_than",
            "Input should be less than {lt}",
            gettext_noop("Input should be less than %(lt)s"),
        ),
        (
            "less_than_equal",
            "Input should be less than or equal to {le}",
            gettext_noop("Input should be less than or equal to %(le)s"),
        ),
        (
            "literal_error",
            "Input should be {expected}",
            gettext_noop("Input should be %(expected)s"),
        ),
        (
            "enum",
            "Input should be {expected}",
            gettext_noop("Input should be %(expected)s"),
        ),
        (
            "uuid_parsing",
            "Input should be a valid UUID, {error}",
            gettext_noop("Input should be a valid UUID, %(error)s"),
        ),
    )
}


def _at_least(ctx: dict[str, Any]) -> str:
    return ngettext(
        "String should have at least %(min_length)s character",
        "String should have at least %(min_length)s characters",
        ctx["min_length"],
    ) % {"min_length": ctx["min_length"]}


def _at_most(ctx: dict[str, Any]) -> str:
    return ngettext(
        "String should have at most %(max_length)s character",
        "String should have at most %(max_length)s characters",
        ctx["max_length"],
    ) % {"max_length": ctx["max_length"]}


#: pydantic's messages with a plural ("3 characters"): the English template, the
#: ``ctx`` key holding the number, and the translation.
_PLURAL_MESSAGES: dict[str, tuple[str, str, Callable[[dict[str, Any]], str]]] = {
    "string_too_short": (
        "String should have at least {min_length} character{expected_plural}",
        "min_length",
        _at_least,
    ),
    "string_too_long": (
        "String should have at most {max_length} character{expected_plural}",
        "max_length",
        _at_most,
    ),
}


def _english(template: str, ctx: dict[str, Any]) -> str | None:
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return None


def translate_validation_error(error: dict[str, Any]) -> str | None:
    """The active language's text for one v3 validation ``error`` (pydantic's
    ``type``, ``msg`` and ``ctx``), or ``None`` when its wording is not pydantic's."""
    error_type, message = error.get("type"), error.get("msg")
    if not isinstance(error_type, str) or not isinstance(message, str):
        return None
    ctx: dict[str, Any] = error["ctx"] if isinstance(error.get("ctx"), dict) else {}
    if error_type == "value_error" and message.startswith("Value error, "):
        reason = translate_wagtail_message(message.removeprefix("Value error, "))
        return pgettext("pydantic", "Value error, %(error)s") % {"error": reason}
    if error_type in _PLURAL_MESSAGES:
        template, number, translate = _PLURAL_MESSAGES[error_type]
        plural = "" if ctx.get(number) == 1 else "s"
        if _english(template, {**ctx, "expected_plural": plural}) == message:
            return translate(ctx)
        return None
    if error_type in VALIDATION_MESSAGES:
        template, msgid = VALIDATION_MESSAGES[error_type]
        if _english(template, ctx) == message:
            return gettext(msgid) % ctx
    return None


def translate_problem(problem: dict[str, Any]) -> bool:
    """Translate a v3 problem's ``title``, ``detail`` and errors in place.

    Returns whether anything changed. A text the package does not know (a
    newer Wagtail's, the package's own, already translated) stays as it is.
    """
    changed = False
    status, title = problem.get("status"), problem.get("title")
    if status in STATUS_TITLES and title in _ENGLISH_TITLES[status]:
        with translation.override(None):
            english = str(STATUS_TITLES[status])
        title = str(STATUS_TITLES[status])
        # Untranslated (English), the title stays the phrase this Python gives.
        if title != english:
            problem["title"] = title
            changed = True
    detail = problem.get("detail")
    if isinstance(detail, str) and detail:
        problem["detail"] = translate_wagtail_message(detail)
        changed |= problem["detail"] != detail
    for error in problem.get("errors") or ():
        message = translate_validation_error(error) if isinstance(error, dict) else None
        if message is not None and message != error.get("msg"):
            error["msg"] = message
            changed = True
    return changed
