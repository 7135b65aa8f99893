"""What Wagtail's own page APIs (stock v2 "pages", v3) show of a profile.

The same shapes as the package's endpoints (:mod:`wagtail_defenders.api.serializers`),
portraits and body images as renditions only.
"""

from __future__ import annotations

from wagtail.api import APIField

from ...api.fields import (
    BodyField,
    CountryTermField,
    LastUpdatedField,
    PlainTextField,
    PortraitField,
    RelatedNewsField,
    StatusTermField,
    StayField,
    TermField,
    ThemesField,
    TranslationsField,
    UpdatesField,
)

#: ``DefenderPage.api_fields``.
api_fields = [
    APIField("introduction", serializer=PlainTextField()),
    APIField("portrait", serializer=PortraitField(source="*")),
    APIField("country", serializer=CountryTermField()),
    APIField("city", serializer=TermField()),
    APIField("status", serializer=StatusTermField()),
    APIField("themes", serializer=ThemesField()),
    APIField("stay", serializer=StayField(source="*")),
    APIField("body", serializer=BodyField(source="*")),
    APIField("updates", serializer=UpdatesField(source="*")),
    APIField("last_updated", serializer=LastUpdatedField(source="*")),
    APIField("related_news", serializer=RelatedNewsField(source="*")),
    APIField("translations", serializer=TranslationsField(source="*")),
]
