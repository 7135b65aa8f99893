"""The language an API request is answered in: every message in the one asked for.

A headless client asks for a language with ``locale=`` (the same parameter that
picks the content's language) or with an ``Accept-Language`` header. Every API
surface (the v2 viewsets, the v3 routes, the GraphQL resolvers) handles its
request inside :func:`speaking_requested_language`, so the package's messages,
Wagtail's and Django's all come in that language, and so do the labels in the
data (a section's kind, for instance).

The rule, in order:

1. ``locale`` (the GraphQL argument, else the query parameter), when it names a
   language of ``settings.LANGUAGES`` (``fr-ca`` falls back to ``fr``);
2. else what Django reads from the request (``get_language_from_request``: the
   language cookie, then ``Accept-Language``), also limited to ``LANGUAGES``;
3. else ``settings.LANGUAGE_CODE``.

An unknown ``locale`` is no reason to answer in another language than the
client's header asks for: the message that says the code is unknown then comes
in the header's language. Django's ``LocaleMiddleware`` does not read
``Accept-Language`` for a path outside ``i18n_patterns`` when the default
language has no prefix (the usual Wagtail set-up), which is why this does.

Wagtail's API v2 and v3, pydantic and graphql-core write their own error
messages in English without marking them for translation; the package gives the
ones it knows in the active language: :mod:`.wagtail_messages` (v2's messages,
v3's ``detail``), :mod:`.v3_messages` (v3's ``title`` and each validation
error's ``msg``) and :mod:`.graphql_errors` (graphql-core's syntax, validation and
variable errors, in the language of the root field they belong to).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.http import HttpRequest
from django.utils import translation

__all__ = ["requested_language", "speaking_requested_language"]


def _supported(code: str | None) -> str | None:
    """The language of ``LANGUAGES`` that ``code`` names, or ``None``."""
    if not code or not isinstance(code, str) or len(code) > 35:
        return None
    try:
        return translation.get_supported_language_variant(code.strip())
    except LookupError:
        return None


def requested_language(request: HttpRequest, locale: str | None = None) -> str:
    """The language code to answer ``request`` in (the module's rule).

    ``locale`` is an argument the surface read itself (a GraphQL field's); without
    it, the ``locale`` query parameter counts.
    """
    for candidate in (locale, request.GET.get("locale")):
        language = _supported(candidate)
        if language is not None:
            return language
    language = _supported(translation.get_language_from_request(request))
    return language or translation.get_language() or "en"


@contextmanager
def speaking_requested_language(
    request: HttpRequest, locale: str | None = None
) -> Iterator[str]:
    """Handle ``request`` inside this block in :func:`requested_language`.

    Yields the language code; the previous language is active again afterwards.
    """
    language = requested_language(request, locale)
    with translation.override(language):
        yield language
