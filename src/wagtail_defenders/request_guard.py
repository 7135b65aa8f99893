"""What no request parameter may hold, checked once for every output.

A query string is text a visitor chose. Some characters in it can never be part of
a meaningful value and break layers below the view: PostgreSQL refuses a NUL byte
in any string (the driver raises, so the view answers 500), and the other control
characters are never part of a slug, a language code, a host name, a path or a
search. So they are refused before anything looks at the value:

- :func:`unsafe_parameters` names every parameter whose name or value holds one;
  the package's API surfaces turn that into their own 400 (API v2, v3, GraphQL
  read parameters through :mod:`wagtail_defenders.api.inputs`);
- :class:`SafeQueryStringMiddleware` answers any such request with a 400 before a
  view runs, so Wagtail's own routes (v3 ``pages/``, ``images/``...), the site's
  own views (a search page) and the admin are covered too. A site adds it to
  ``MIDDLEWARE``; the package's endpoints do not depend on it.

Tab, line feed and carriage return are allowed: forms send them in text fields.
This module is a leaf: it imports nothing of the package.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

#: Control characters a form may legitimately send in a text field.
ALLOWED_CONTROLS = frozenset("\t\n\r")
#: Unicode categories refused: control characters, and lone surrogates (which no
#: database encoding can store; JSON bodies can carry them as ``\\ud800``).
REFUSED_CATEGORIES = frozenset(["Cc", "Cs"])


def is_unsafe_text(text: str) -> bool:
    """True when ``text`` holds a character no parameter may hold."""
    return any(
        unicodedata.category(character) in REFUSED_CATEGORIES
        and character not in ALLOWED_CONTROLS
        for character in text
    )


def printable_name(name: str) -> str:
    """``name`` with its refused characters escaped, fit to appear in a message."""
    return "".join(
        character.encode("unicode_escape").decode("ascii")
        if unicodedata.category(character) in REFUSED_CATEGORIES
        else character
        for character in name
    )


def _items(params: Mapping) -> Iterable[tuple[str, Iterable]]:
    if hasattr(params, "lists"):
        return params.lists()
    return (
        (name, value if isinstance(value, list | tuple) else [value])
        for name, value in params.items()
    )


def unsafe_parameters(params: Mapping) -> dict[str, str]:
    """A message for each parameter of ``params`` whose name or a value is unsafe.

    ``params`` is a ``QueryDict`` or a plain mapping (values may be lists). The
    keys of the result are the parameters' names, escaped by
    :func:`printable_name`. Empty when every parameter is acceptable.
    """
    errors: dict[str, str] = {}
    for name, values in _items(params):
        text_values = [value for value in values if isinstance(value, str)]
        if is_unsafe_text(str(name)) or any(map(is_unsafe_text, text_values)):
            errors[printable_name(str(name))] = _(
                "Control characters (such as NUL) are not accepted in a parameter."
            )
    return errors


#: The largest number PostgreSQL's ``bigint`` holds: an ``OFFSET`` or ``LIMIT``
#: beyond it is a database error (a 500), where SQLite clamps it.
MAX_INTEGER = 2**63 - 1
#: The parameters Wagtail's own page endpoints (API v2 and v3) hand to the
#: database as numbers without a bound.
PAGINATION_PARAMETERS = ("offset", "limit")


def oversized_numbers(
    params: Mapping, names: Iterable[str] = PAGINATION_PARAMETERS
) -> dict[str, str]:
    """A message for each of ``names`` in ``params`` holding a whole number too
    large for the database; other values are left to the endpoint to judge."""
    errors: dict[str, str] = {}
    for name, values in _items(params):
        if name not in names:
            continue
        for value in values:
            digits = str(value).strip().lstrip("+-").lstrip("0")
            # Compared as text: int() refuses more than 4,300 digits.
            too_large = len(digits) > len(str(MAX_INTEGER)) or (
                len(digits) == len(str(MAX_INTEGER)) and digits > str(MAX_INTEGER)
            )
            if digits.isdigit() and too_large:
                errors[name] = _("Use a whole number no larger than %(max)d.") % {
                    "max": MAX_INTEGER
                }
    return errors


def errors_message(errors: Mapping[str, str]) -> str:
    """One line naming each bad parameter with what it accepts."""
    return " ".join(f"{name}: {text}" for name, text in errors.items())


def plain_bad_request(errors: Mapping[str, str]) -> HttpResponse:
    """A 400 whose plain-text body is :func:`errors_message` (the index page's
    own routes and any page that is not an API)."""
    return HttpResponseBadRequest(
        errors_message(errors), content_type="text/plain; charset=utf-8"
    )


class SafeQueryStringMiddleware:
    """Answers 400 to a request whose query string holds a refused character.

    Add it to ``MIDDLEWARE`` (anywhere: it reads only the query string). An API
    request (its path under ``/api/``, or asking for JSON) gets a JSON body in
    Wagtail v2's shape, ``{"message": ...}``; any other request a plain text one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        errors = unsafe_parameters(request.GET)
        if not errors:
            return self.get_response(request)
        if "/api/" in request.path or "json" in request.headers.get("Accept", ""):
            return JsonResponse(
                {"message": errors_message(errors), "errors": errors}, status=400
            )
        return plain_bad_request(errors)
