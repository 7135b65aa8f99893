"""One format for every timestamp an API serves: RFC 3339, in UTC, with ``Z``.

For the same instant, Wagtail's API v2 (REST framework's ``DateTimeField``)
wrote the current time zone's offset (``2026-03-01T10:00:00.123456+01:00``),
API v3 (django-ninja, Django's ``DjangoJSONEncoder``) UTC with milliseconds
(``2026-03-01T09:00:00.123Z``) and GraphQL (graphene's ``DateTime``)
``+00:00`` with microseconds. Every surface now writes what
:func:`format_timestamp` returns, v3's form: the time in UTC, ``Z``, and the
fraction of a second to the millisecond when there is one (Django's JSON
format, which JavaScript's ``Date`` reads and writes). Dates without a time stay
``YYYY-MM-DD``.

- API v2: :class:`TimestampJSONRenderer` (the package's endpoints and
  ``PagesAPIViewSet``) and :class:`TimestampField`, which
  ``PagesAPIViewSet``'s serializer maps every ``DateTimeField`` to (Wagtail's
  ``meta.first_published_at``, a page type's datetime ``api_fields``);
- API v3: :func:`ninja_renderer`, the renderer of
  :func:`wagtail_defenders.api.v3.build_api` (Wagtail's ``pages/`` too);
- GraphQL: :mod:`wagtail_defenders.api.graphql_timestamps`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from rest_framework.fields import DateTimeField
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_DJANGO_JSON = DjangoJSONEncoder()


def format_timestamp(value: datetime.datetime) -> str:
    """``value`` as RFC 3339 in UTC with ``Z``, such as ``2026-03-01T09:00:00.123Z``.

    The fraction is cut to milliseconds and left out when the time has none. A
    naive ``value`` (``USE_TZ = False``) is read in ``TIME_ZONE``."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    return _DJANGO_JSON.default(value.astimezone(datetime.timezone.utc))


class TimestampJSONEncoder(JSONEncoder):
    """REST framework's encoder, writing datetimes with :func:`format_timestamp`."""

    def default(self, obj: Any) -> Any:
        if isinstance(obj, datetime.datetime):
            return format_timestamp(obj)
        return super().default(obj)


class TimestampJSONRenderer(JSONRenderer):
    """REST framework's JSON renderer with :class:`TimestampJSONEncoder`."""

    encoder_class = TimestampJSONEncoder


class TimestampField(DateTimeField):
    """REST framework's ``DateTimeField``, written with :func:`format_timestamp`
    (REST framework writes the current time zone's offset)."""

    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]
        if not value:
            return None
        if isinstance(value, str):
            return value
        return format_timestamp(value)


def ninja_renderer() -> Any:
    """A django-ninja JSON renderer writing datetimes with :func:`format_timestamp`.

    Built on demand: django-ninja comes with Wagtail 8 only."""
    from ninja.renderers import JSONRenderer as NinjaJSONRenderer
    from ninja.responses import NinjaJSONEncoder

    class NinjaTimestampEncoder(NinjaJSONEncoder):
        def default(self, o: Any) -> Any:
            if isinstance(o, datetime.datetime):
                return format_timestamp(o)
            return super().default(o)

    class NinjaTimestampRenderer(NinjaJSONRenderer):
        encoder_class = NinjaTimestampEncoder

    return NinjaTimestampRenderer()
