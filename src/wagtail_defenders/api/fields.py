"""Serializer fields for ``DefenderPage.api_fields``: Wagtail's own page APIs.

Wagtail's stock v2 pages endpoint and Wagtail 8's v3 pages endpoint read a page
model's ``api_fields``. These fields make both present a profile the way
:mod:`wagtail_defenders.api.serializers` does (terms with their slugs and stable
keys, portraits as renditions only, the body with its kinds of section). API v3
turns each ``to_representation`` return annotation into the field's OpenAPI type,
so every field here is annotated with the shape it returns.

They are plain Django REST framework fields, which Wagtail 7 and 8 both ship.
"""

from __future__ import annotations

import datetime
from typing import Any

from rest_framework.fields import Field, SkipField

from .serializers import (
    BodyBlockData,
    CountryData,
    NewsData,
    PortraitData,
    StatusData,
    StayData,
    TermData,
    TranslationData,
    UpdateData,
    body_data,
    country_data,
    portrait_data,
    related_news_data,
    status_data,
    stay_data,
    term_data,
    translations_data,
    updates_data,
)


class _ReadOnlyField(Field):
    """A read-only field that shows nothing of a profile kept out of the API.

    Wagtail's own page endpoints do not know ``hide_from_api``; these fields at
    least leave such a profile's content out (v2 omits them, v3 gives ``null``).
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        if getattr(instance, "hide_from_api", False):
            raise SkipField
        return super().get_attribute(instance)

    @property
    def request(self):
        return self.context.get("request") if self.parent is not None else None


class PlainTextField(_ReadOnlyField):
    """Plain text, such as the introduction."""

    def to_representation(self, value) -> str:
        return str(value)


class TermField(_ReadOnlyField):
    """A theme or city: id, name, slug and ``translation_key``."""

    def to_representation(self, value) -> TermData:
        return term_data(value)


class CountryTermField(_ReadOnlyField):
    """A country: id, name, slug, ``translation_key`` and ISO code."""

    def to_representation(self, value) -> CountryData:
        return country_data(value)


class StatusTermField(_ReadOnlyField):
    """A status: id, name, slug, ``translation_key`` and its stable ``code``."""

    def to_representation(self, value) -> StatusData:
        return status_data(value)


class ThemesField(_ReadOnlyField):
    """The profile's themes in the editor's order (reads ``DefenderPage.themes``)."""

    def to_representation(self, value) -> list[TermData]:
        return [term_data(theme) for theme in value]


class PortraitField(_ReadOnlyField):
    """The portrait's renditions and alt text; use with ``source="*"``."""

    def to_representation(self, value) -> PortraitData | None:
        return portrait_data(value, self.request)


class StayField(_ReadOnlyField):
    """The year and dates of the stay; use with ``source="*"``."""

    def to_representation(self, value) -> StayData:
        return stay_data(value)


class BodyField(_ReadOnlyField):
    """The body's blocks with their kinds; use with ``source="*"``."""

    def to_representation(self, value) -> list[BodyBlockData]:
        return body_data(value, self.request)


class RelatedNewsField(_ReadOnlyField):
    """Live, public related news in the profile's language; use with ``source="*"``."""

    def to_representation(self, value) -> list[NewsData]:
        return related_news_data(value, self.request)


class TranslationsField(_ReadOnlyField):
    """The profile's live, public translations; use with ``source="*"``."""

    def to_representation(self, value) -> list[TranslationData]:
        return translations_data(value, self.request)


class UpdatesField(_ReadOnlyField):
    """The public updates, newest first; use with ``source="*"``."""

    def to_representation(self, value) -> list[UpdateData]:
        return updates_data(value, self.request)


class LastUpdatedField(_ReadOnlyField):
    """The date of the newest public update; use with ``source="*"``."""

    def to_representation(self, value) -> datetime.date | None:
        return value.last_updated
