"""One representation of a profile and of a taxonomy term, for every API.

API v2, API v3 and GraphQL all present what these functions return, so a consumer
gets the same data whichever it reads. The functions present; they run no query of their own. They take objects
loaded through :meth:`DefenderPageQuerySet.for_listing` (a card) or
:meth:`DefenderPageQuerySet.detail` (a whole profile): terms and portrait
renditions come from those prefetches, and the body's images, the pages its
links lead to, the related news with their dates and the translations from
:mod:`wagtail_defenders.models.profile_details`, read through the profile's
methods (which load what a profile from elsewhere lacks: Wagtail's own page
endpoints, GraphQL fields a query asks for).

What is never here: a portrait's or a body image's original file (it keeps the
camera's EXIF block, GPS included; DESIGN.md "Images leak location"), a withheld
portrait, the editors-only consent fields, drafts, and related news that is not
live and public. Only renditions are served.

The functions return the shapes of :mod:`wagtail_defenders.api.shapes` (its
``TypedDict`` classes, which API v3 turns into its OpenAPI schema); every one of
them is importable from here too.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils import translation
from wagtail.rich_text import expand_db_html

from .. import blocks as body_blocks
from ..blocks import SectionKind
from ..conf import defenders_settings
from ..images.renditions import get_renditions
from ..models.automatic_news import NEWS_DATE_ATTR
from ..models.profile_details import rich_text_in
from ..models.visibility import Output

# The shapes were first written here: each stays importable from this module.
from .shapes import (
    ActionBlockData,  # noqa: F401
    ActionValue,
    BodyBlockData,
    CityEntryData,  # noqa: F401
    CountryData,
    CountryEntryData,  # noqa: F401
    EmbedBlockData,  # noqa: F401
    EmbedValue,  # noqa: F401
    ImageBlockData,  # noqa: F401
    ImageValue,  # noqa: F401
    NewsData,
    PortraitData,
    ProfileCardData,
    ProfileData,
    QuoteBlockData,  # noqa: F401
    QuoteValue,  # noqa: F401
    RenditionData,
    SectionBlockData,  # noqa: F401
    SectionValue,  # noqa: F401
    StatusData,
    StatusEntryData,  # noqa: F401
    StayData,
    TermData,
    TermEntryData,
    TranslationData,
    UpdateData,
)

if TYPE_CHECKING:
    from ..models import Country, DefenderPage, Status, TaxonomyTerm


def _absolute(url: str, request: HttpRequest | None) -> str:
    """``url`` with the site's scheme and host, as Wagtail's API gives page URLs."""
    if request is None:
        return url
    from wagtail.api.v2.utils import get_full_url  # loads models: not at import

    return get_full_url(request, url)


def renditions_data(
    image, filter_specs: dict[str, str], request: HttpRequest | None = None
) -> dict[str, RenditionData]:
    """The named renditions of ``image``; prefetched renditions cost no query.

    A rendition whose source file is missing is left out rather than failing
    the whole response.
    """
    found = get_renditions(image, filter_specs.values())
    renditions: dict[str, RenditionData] = {}
    for name, spec in filter_specs.items():
        rendition = found.get(spec)
        if rendition is not None:
            renditions[name] = {
                "url": _absolute(rendition.url, request),
                "width": rendition.width,
                "height": rendition.height,
            }
    return renditions


def term_data(term: TaxonomyTerm) -> TermData:
    return {
        "id": term.pk,
        "name": term.name,
        "slug": term.slug,
        "translation_key": term.translation_key,
    }


def country_data(country: Country) -> CountryData:
    return {**term_data(country), "code": str(country.code)}


def status_data(status: Status) -> StatusData:
    return {**term_data(status), "code": status.code}


def term_entry_data(term: TaxonomyTerm, profile_count: int) -> TermEntryData:
    """A term for the taxonomy endpoints (``locale`` must be selected with it)."""
    data: dict[str, Any] = {
        **term_data(term),
        # mypy cannot type ``locale`` (from Wagtail's untyped TranslatableMixin)
        # through the cycle between the models and this module.
        "locale": term.locale.language_code,  # type: ignore[has-type]
        "description": term.description,
        "sort_order": term.sort_order,
        "profile_count": profile_count,
    }
    if hasattr(term, "code"):
        data["code"] = str(term.code)
    if hasattr(term, "country_id"):
        data["country"] = country_data(term.country) if term.country_id else None
    return data  # type: ignore[return-value]


def portrait_data(
    profile: DefenderPage, request: HttpRequest | None = None
) -> PortraitData | None:
    portrait = profile.shown_portrait  # None when withheld by the editor
    if portrait is None:
        return None
    return {
        "alt": profile.portrait_alt,
        "renditions": renditions_data(
            portrait, defenders_settings.PORTRAIT_RENDITIONS, request
        ),
    }


def stay_data(profile: DefenderPage) -> StayData:
    return {
        "year": profile.year,
        "start_date": profile.stay_start_date,
        "end_date": profile.stay_end_date,
    }


def profile_card_data(
    profile: DefenderPage, request: HttpRequest | None = None
) -> ProfileCardData:
    """A profile as a card shows it; no query when loaded with ``for_listing``."""
    return {
        "id": profile.pk,
        "title": profile.title,
        "slug": profile.slug,
        "locale": profile.locale.language_code,
        "html_url": profile.get_full_url(request),
        "first_published_at": profile.first_published_at,
        "introduction": profile.introduction,
        "portrait": portrait_data(profile, request),
        "country": country_data(profile.country) if profile.country_id else None,
        "city": term_data(profile.city) if profile.city_id else None,
        "status": status_data(profile.status) if profile.status_id else None,
        "themes": [term_data(theme) for theme in profile.themes],
        "stay": stay_data(profile),
    }


def profile_data(
    profile: DefenderPage, request: HttpRequest | None = None
) -> ProfileData:
    """A whole profile; load it with ``detail()``, and this costs no query."""
    return {
        **profile_card_data(profile, request),
        "body": body_data(profile, request),
        "updates": updates_data(profile, request),
        "last_updated": profile.last_updated,
        "related_news": related_news_data(profile, request),
        "translations": translations_data(profile, request),
    }


def body_data(
    profile: DefenderPage, request: HttpRequest | None = None
) -> list[BodyBlockData]:
    """The body's blocks, each with its type; images as renditions only.

    Rich text is expanded with the profile's language active, so a link to a page
    points at that page's version in the profile's language when it has one; a
    link to a page the API may not show is plain text (:mod:`..links`). The
    images (``DefenderPage.body_images``) and the links' targets
    (``DefenderPage.link_targets``) come from the model layer.
    """
    from ..links import links_for  # loads Wagtail's page model

    blocks = [dict(block) for block in profile.body.raw_data]
    images = profile.body_images()
    body: list[BodyBlockData] = []
    kind_labels = dict(SectionKind.CHOICES)
    with (
        translation.override(profile.locale.language_code),
        links_for(
            Output.API,
            targets=profile.link_targets(Output.API, rich_text_in(blocks)),
        ),
    ):
        for block in blocks:
            block_type, value, block_id = (
                block.get("type"),
                block.get("value"),
                block.get("id"),
            )
            if block_type == "section" and isinstance(value, dict):
                kind = value.get("kind") or SectionKind.OTHER
                body.append(
                    {
                        "type": "section",
                        "id": block_id,
                        "value": {
                            "kind": kind,
                            "kind_label": str(kind_labels.get(kind, kind)),
                            "heading": value.get("heading") or "",
                            "text": expand_db_html(value.get("text") or ""),
                        },
                    }
                )
            elif block_type == "quote" and isinstance(value, dict):
                body.append(
                    {
                        "type": "quote",
                        "id": block_id,
                        "value": {
                            "quote": value.get("quote") or "",
                            "attribution": value.get("attribution") or "",
                        },
                    }
                )
            elif block_type == "image" and isinstance(value, dict):
                image = images.get(value.get("image"))
                body.append(
                    {
                        "type": "image",
                        "id": block_id,
                        "value": {
                            "alt": value.get("alt_text") or "",
                            "caption": value.get("caption") or "",
                            "renditions": renditions_data(
                                image, defenders_settings.BODY_IMAGE_RENDITIONS, request
                            )
                            if image is not None
                            else None,
                        },
                    }
                )
            elif block_type == "action" and isinstance(value, dict):
                body.append(
                    {"type": "action", "id": block_id, "value": action_data(value)}
                )
            elif block_type == "embed" and value:
                body.append(
                    {"type": "embed", "id": block_id, "value": {"url": str(value)}}
                )
    return body


def updates_data(
    profile: DefenderPage, request: HttpRequest | None = None
) -> list[UpdateData]:
    """The profile's public updates, newest first (``DefenderPage.public_updates``;
    prefetched by ``for_detail``), their links' targets from the model layer
    (``DefenderPage.link_targets``)."""
    from ..links import links_for  # loads Wagtail's page model

    updates = profile.public_updates
    if not updates:
        return []
    texts = [update.text or "" for update in updates]
    with (
        translation.override(profile.locale.language_code),
        links_for(Output.API, targets=profile.link_targets(Output.API, texts)),
    ):
        return [
            {
                "id": update.pk,
                "date": update.date,
                "heading": update.heading,
                "text": expand_db_html(update.text or ""),
                "status": status_data(update.status) if update.status_id else None,
            }
            for update in updates
        ]


def unsaved_as_zero(updates: list[UpdateData]) -> list[UpdateData]:
    """``updates`` with ``id`` 0 for each one not saved yet (added in a draft
    an editor previews): the typed surfaces' ids are integers, and 0 is how
    the headless preview names what has no id yet."""
    return [{**update, "id": update["id"] or 0} for update in updates]


def action_data(value: dict) -> ActionValue:
    """A call to action from its raw block value; after its deadline only the
    heading and the deadline, marked closed (as the page says it has closed)."""
    deadline = None
    try:
        deadline = datetime.date.fromisoformat(str(value.get("deadline") or ""))
    except ValueError:
        pass
    is_open = deadline is None or body_blocks.today() <= deadline
    shown = value if is_open else {}
    return {
        "heading": value.get("heading") or "",
        "deadline": deadline,
        "is_open": is_open,
        "text": expand_db_html(shown.get("text") or ""),
        "addressee": shown.get("addressee") or "",
        "link": shown.get("link") or None,
        "email": shown.get("email") or None,
        "link_text": shown.get("link_text") or "",
    }


def related_news_data(
    profile: DefenderPage, request: HttpRequest | None = None
) -> list[NewsData]:
    """The related news that ``DefenderPage.get_related_news`` shows, with the
    dates the model layer gives them (``DefenderPage.dated_related_news``)."""
    return [
        {
            "id": page.pk,
            "title": page.title,
            "html_url": page.get_full_url(request),
            "date": getattr(page, NEWS_DATE_ATTR),
        }
        for page in profile.dated_related_news(Output.API)
    ]


def translations_data(
    profile: DefenderPage, request: HttpRequest | None = None
) -> list[TranslationData]:
    """The profile's other languages that an API may show
    (``DefenderPage.visible_translations``)."""
    return [
        {
            "id": page.pk,
            "locale": page.locale.language_code,
            "html_url": page.get_full_url(request),
        }
        for page in profile.visible_translations(Output.API)
    ]
