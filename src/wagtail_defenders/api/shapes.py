"""The shapes of the API's data: one ``TypedDict`` for each object it serves.

A profile as a card shows it (:class:`ProfileCardData`) and whole
(:class:`ProfileData`), its body's blocks, updates, related news and
translations, and the taxonomy terms as a profile carries them and as the
taxonomy endpoints list them. API v2, API v3 and GraphQL serve these shapes,
filled by :mod:`wagtail_defenders.api.serializers`; API v3 turns them into its
OpenAPI schema, the GraphQL types are checked against them
(``tests/test_graphql_shapes.py``), and docs/reference/api.md documents them.

Declarations only: this module imports nothing of the package, runs nothing
and names no field the API must not serve (no original image file, no consent
field, no editors' note). The classes stay importable from
:mod:`wagtail_defenders.api.serializers`, where they were first written.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Literal

try:  # pydantic (API v3) needs this TypedDict on Python < 3.12.
    from typing_extensions import TypedDict
except ImportError:  # pragma: no cover - typing_extensions comes with Wagtail 8
    from typing import TypedDict


class TermData(TypedDict):
    """A theme, country or city as a profile carries it."""

    id: int
    name: str
    slug: str
    #: The same for every language's version of the term: use it to match terms
    #: across languages.
    translation_key: uuid.UUID


class CountryData(TermData):
    #: ISO 3166-1 alpha-2, such as ``"ML"``.
    code: str


class StatusData(TermData):
    #: Stable across languages and sites, such as ``"detained"``.
    code: str


class TermEntryData(TermData):
    """A term as the taxonomy endpoints list it."""

    locale: str
    description: str
    sort_order: int
    #: Live, public profiles of the requested site and language that use it.
    profile_count: int


class CountryEntryData(TermEntryData):
    code: str


class CityEntryData(TermEntryData):
    country: CountryData | None


class StatusEntryData(TermEntryData):
    code: str


class RenditionData(TypedDict):
    url: str
    width: int
    height: int


class PortraitData(TypedDict):
    alt: str
    #: One rendition per name in ``WAGTAIL_DEFENDERS["PORTRAIT_RENDITIONS"]``.
    renditions: dict[str, RenditionData]


class StayData(TypedDict):
    year: int | None
    start_date: datetime.date | None
    end_date: datetime.date | None


class SectionValue(TypedDict):
    kind: str
    kind_label: str
    heading: str
    #: HTML, with links expanded to URLs in the profile's language.
    text: str


class QuoteValue(TypedDict):
    quote: str
    attribution: str


class ImageValue(TypedDict):
    alt: str
    caption: str
    #: One rendition per name in ``WAGTAIL_DEFENDERS["BODY_IMAGE_RENDITIONS"]``;
    #: ``None`` when the image was deleted.
    renditions: dict[str, RenditionData] | None


class EmbedValue(TypedDict):
    url: str


class ActionValue(TypedDict):
    heading: str
    deadline: datetime.date | None
    #: False after the deadline: then the rest is empty (the action has closed).
    is_open: bool
    #: HTML, with links expanded.
    text: str
    addressee: str
    link: str | None
    email: str | None
    link_text: str


class SectionBlockData(TypedDict):
    type: Literal["section"]
    id: str | None
    value: SectionValue


class QuoteBlockData(TypedDict):
    type: Literal["quote"]
    id: str | None
    value: QuoteValue


class ImageBlockData(TypedDict):
    type: Literal["image"]
    id: str | None
    value: ImageValue


class EmbedBlockData(TypedDict):
    type: Literal["embed"]
    id: str | None
    value: EmbedValue


class ActionBlockData(TypedDict):
    type: Literal["action"]
    id: str | None
    value: ActionValue


BodyBlockData = (
    SectionBlockData
    | QuoteBlockData
    | ImageBlockData
    | EmbedBlockData
    | ActionBlockData
)


class NewsData(TypedDict):
    id: int
    title: str
    html_url: str | None
    date: datetime.date | None


class UpdateData(TypedDict):
    """A public dated update of a profile (non-public ones are never served)."""

    id: int
    date: datetime.date
    heading: str
    #: HTML, with links expanded to URLs in the profile's language.
    text: str
    #: The status the update records, if any.
    status: StatusData | None


class TranslationData(TypedDict):
    id: int
    locale: str
    html_url: str | None


class ProfileCardData(TypedDict):
    """What a card on the index shows."""

    id: int
    title: str
    slug: str
    locale: str
    html_url: str | None
    first_published_at: datetime.datetime | None
    introduction: str
    portrait: PortraitData | None
    country: CountryData | None
    city: TermData | None
    #: The defender's situation now; ``None`` when the editors record none.
    status: StatusData | None
    themes: list[TermData]
    stay: StayData


class ProfileData(ProfileCardData):
    """A whole profile."""

    body: list[BodyBlockData]
    #: The public updates, newest first.
    updates: list[UpdateData]
    #: The date of the newest public update.
    last_updated: datetime.date | None
    related_news: list[NewsData]
    translations: list[TranslationData]
