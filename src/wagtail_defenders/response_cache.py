"""A whole-response cache for visitors who are not logged in.

One line in ``MIDDLEWARE``, before every other middleware so that it stores a
response with the headers and cookies they add, and serves it without running
them::

    MIDDLEWARE = [
        "wagtail_defenders.response_cache.ResponseCacheMiddleware",
        # ...Django's and Wagtail's middleware...
    ]

What is cached: the responses the package's views mark as the same for every
anonymous visitor (the index page, a profile page, the v2 API), for
``CACHE_TIMEOUT`` seconds, under the cache generation and the cache tags their
content depends on (:mod:`wagtail_defenders.cache`), so an edit that starts a
new generation or bumps one of the tags is never answered from before it.

Never cached, and never answered from the cache: a request other than ``GET``
or ``HEAD``, a request with the session cookie (a logged-in user, a visitor who
entered a page's password, anyone with a session) or an ``Authorization``
header, a preview, a response that is not a ``200``, that sets a cookie (a CSRF
token, a message) or that is marked ``private`` or ``no-store``. Stored
responses are kept apart by the full URL (scheme, host, path and query string)
and by the values of the request headers they ``Vary`` on, except ``Cookie``:
a request without the session cookie is served as any other such request.

A hit costs no database query and two cache round trips: the generation with
the URL's ``Vary`` list and tags, then the response with the tags' versions.
The first request for a URL learns its tags and stores nothing else; the next
one stores the response, with the versions it read before its view ran, so an
edit committed while a view runs is never stored under the versions after it.

For a CDN, a marked response says ``Vary: Cookie`` (a logged-in user sees the
Wagtail user bar); one for an anonymous visitor says ``public`` with ``s-maxage``
from ``CDN_MAX_AGE`` (browsers ``max-age=0``), one for anyone else ``private``.

Built on Django's cache middleware utilities (:mod:`django.utils.cache`); it
differs from Django's ``CacheMiddleware`` in caching only what the package's
views mark, never for a session, and in its keys (generation and tags).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import __version__, cache
from .conf import defenders_settings

#: The attribute a view sets on its response to make it cacheable: the cache
#: tags its content depends on (:func:`mark_cacheable`).
TAGS_ATTR = "wagtail_defenders_cache_tags"
_STATE_ATTR = "_wagtail_defenders_response_cache"
_PREFIX = "wagtail_defenders:response"
#: The separator of a list header (``Vary``, ``Cache-Control``); Django 6.1 no
#: longer has its own ``django.utils.cache.cc_delim_re``.
HEADER_LIST = re.compile(r"\s*,\s*")


def mark_cacheable(response: Any, tags: Iterable[str] = ()) -> Any:
    """Mark ``response`` as the same for every anonymous visitor, depending on
    ``tags`` (and the cache generation). Returns ``response``."""
    setattr(response, TAGS_ATTR, sorted(set(tags)))
    return response


def anonymous_request(request: HttpRequest) -> bool:
    """Whether ``request`` may be answered from, and stored in, the cache."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _url_digest(request: HttpRequest) -> str:
    return hashlib.md5(  # noqa: S324 - a key, not a secret
        request.build_absolute_uri().encode(), usedforsecurity=False
    ).hexdigest()


def _vary_key(url_digest: str) -> str:
    return f"{_PREFIX}:vary:{url_digest}"


def _response_key(
    request: HttpRequest, url_digest: str, generation: int, vary: list[str]
) -> str:
    headers = [
        (header, request.META.get("HTTP_" + header.upper().replace("-", "_"), ""))
        for header in vary
    ]
    # The language cookie too: the API reads it (wagtail_defenders.api.language).
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    from .blocks import today  # loads Wagtail's blocks: not at import

    parts = (
        __version__,
        defenders_settings.fingerprint(),
        generation,
        headers,
        language,
        # A call to action closes at its deadline: no answer outlives its day.
        today().isoformat(),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"{_PREFIX}:{url_digest}:{digest}"


def _vary_headers(response: HttpResponse) -> list[str]:
    """The request headers ``response`` varies on, but ``Cookie`` (see above)."""
    if not response.has_header("Vary"):
        return []
    return sorted(
        {
            header.strip().lower()
            for header in HEADER_LIST.split(response["Vary"])
            if header.strip() and header.strip().lower() != "cookie"
        }
    )


class _Miss:
    """What a request that missed the cache read before its view ran."""

    def __init__(self, url_digest: str, generation: int | None) -> None:
        self.url_digest = url_digest
        self.generation = generation
        self.vary: list[str] | None = None
        self.tags: list[str] | None = None
        self.versions: dict[str, int | None] = {}


def _stored_response(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for header, value in entry["headers"]:
        response[header] = value
    return response


class ResponseCacheMiddleware:
    """Serve and store whole responses for anonymous visitors (module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = cache.cache_timeout()
        if timeout and anonymous_request(request):
            hit = self.fetch(request)
            if hit is not None:
                return hit
        response = self.get_response(request)
        tags = getattr(response, TAGS_ATTR, None)
        if tags is None:
            return response
        self.patch_headers(request, response)
        miss = getattr(request, _STATE_ATTR, None)
        if timeout and miss is not None and self.may_store(request, response):
            self.store(miss, request, response, tags, timeout)
        return response

    def fetch(self, request: HttpRequest) -> HttpResponse | None:
        """The stored response for ``request``, or ``None`` (and what was read,
        for :meth:`store`)."""
        url_digest = _url_digest(request)
        found = django_cache.get_many([cache.GENERATION_KEY, _vary_key(url_digest)])
        miss = _Miss(url_digest, found.get(cache.GENERATION_KEY))
        setattr(request, _STATE_ATTR, miss)
        learned = found.get(_vary_key(url_digest))
        if miss.generation is None or learned is None:
            return None
        miss.vary, miss.tags = learned["vary"], learned["tags"]
        key = _response_key(request, url_digest, miss.generation, miss.vary)
        tag_keys = {cache.tag_key(tag): tag for tag in miss.tags}
        found = django_cache.get_many([key, *tag_keys])
        miss.versions = {tag: found.get(key_) for key_, tag in tag_keys.items()}
        entry = found.get(key)
        if entry is None or None in miss.versions.values():
            return None
        if entry["versions"] != miss.versions:
            return None
        return _stored_response(entry)

    @staticmethod
    def may_store(request: HttpRequest, response: HttpResponse) -> bool:
        cache_control = {
            directive.split("=", 1)[0].strip().lower()
            for directive in HEADER_LIST.split(response.get("Cache-Control", ""))
        }
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not getattr(request, "is_preview", False)
            and not {"private", "no-store", "no-cache"} & cache_control
        )

    @staticmethod
    def patch_headers(request: HttpRequest, response: HttpResponse) -> None:
        """Tell a CDN and browsers what the package's own cache does."""
        patch_vary_headers(response, ["Cookie"])
        if anonymous_request(request) and not getattr(request, "is_preview", False):
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=int(defenders_settings.CDN_MAX_AGE),
            )
        else:
            patch_cache_control(response, private=True)

    @staticmethod
    def store(
        miss: _Miss,
        request: HttpRequest,
        response: HttpResponse,
        tags: list[str],
        timeout: int,
    ) -> None:
        vary = _vary_headers(response)
        ready = (
            miss.generation is not None
            and miss.vary == vary
            and miss.tags == tags
            and None not in miss.versions.values()
        )
        if not ready:
            # Learn the URL's Vary list and tags; the next request stores the
            # response, with the versions it reads before its view runs.
            django_cache.set(
                _vary_key(miss.url_digest), {"vary": vary, "tags": tags}, timeout
            )
            cache.generation()  # so that the next request finds them
            cache.tag_versions(tags)
            return
        assert miss.generation is not None  # noqa: S101 - for the type checker
        key = _response_key(request, miss.url_digest, miss.generation, vary)
        entry = {
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content,
            "versions": miss.versions,
        }
        django_cache.set(key, entry, timeout)
