"""What a whole profile shows beyond its own row, loaded for many profiles at once.

API v2, API v3, GraphQL and the exports present a profile with
:mod:`wagtail_defenders.api.serializers`, which runs no query of its own: the
body's images with their renditions, the pages its rich text links lead to, its
related news with their dates and its other languages are loaded here. A
profile from :meth:`~.querysets.DefenderPageQuerySet.detail` holds all of them;
the ``load_*`` functions load one of them for a batch (an export, a GraphQL
listing), in a fixed number of queries whatever its size; and
:class:`ProfileDetailsMixin` (``DefenderPage``) reads them, loading what is
missing for that one profile (Wagtail's own page endpoints, GraphQL fields a
query asks for).

What a link or a related news page may lead to is the package's one visibility
rule (:mod:`.visibility`), on any site: links and news may cross sites.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, F, Q
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

from ..conf import defenders_settings, wagtail_setting
from .automatic_news import NEWS_DATE_ATTR
from .detail_loading import UPDATES_ATTR
from .visibility import ANY_SITE, Output, visible_q

#: Where a profile keeps its body's images (by id, renditions prefetched).
BODY_IMAGES_ATTR = "prefetched_body_images"
#: Where a profile keeps, per output, where each page link of its rich text
#: leads (by the linked page's id: a page, or ``None`` for plain text).
LINK_TARGETS_ATTR = "prefetched_link_targets"
#: Where a profile keeps, per output, its related news with their dates.
SHOWN_NEWS_ATTR = "prefetched_shown_news"
#: Where a profile keeps, per output, its other languages' versions.
TRANSLATIONS_ATTR = "prefetched_translations"


def rich_text_in(raw_data: Any) -> Iterator[str]:
    """The strings in a StreamField's raw data that hold page links, at any depth."""
    if isinstance(raw_data, str):
        if "linktype" in raw_data:
            yield raw_data
    elif isinstance(raw_data, Mapping):
        for value in raw_data.values():
            yield from rich_text_in(value)
    elif isinstance(raw_data, Iterable):
        for value in raw_data:
            yield from rich_text_in(value)


def page_link_id(attrs: Mapping) -> int | None:
    """The page id of a rich text page link's attributes, or ``None`` for one no
    row can have."""
    try:
        page_id = int(str(attrs.get("id", "")).strip())
    except ValueError:
        return None
    return page_id if 0 < page_id < 2**63 else None


def linked_page_ids(rich_text: Iterable[str]) -> set[int]:
    """The ids of the pages that these pieces of database HTML link to."""
    return {
        page_id
        for html in rich_text
        for match in FIND_A_TAG.finditer(html or "")
        if (attrs := extract_attrs(match.group(1))).get("linktype") == "page"
        and (page_id := page_link_id(attrs)) is not None
    }


def content_language(language_code: str | None) -> str | None:
    """The content language a link in ``language_code`` is localised to, or
    ``None`` (no localisation: i18n off, or a language the site lacks)."""
    if not wagtail_setting("WAGTAIL_I18N_ENABLED"):
        return None
    try:
        return get_supported_content_language_variant(language_code)
    except LookupError:
        return None


def link_targets(
    page_ids: set[int], output: Output, language: str | None
) -> dict[int, Any]:
    """Where a link to each of ``page_ids`` leads in ``output``: the linked
    page's version in ``language`` when a visitor may see it, else the page
    itself when a visitor may see that, else ``None`` (a specific page each).

    One query, plus one per page type.
    """
    if not page_ids:
        return {}
    found = Q(pk__in=page_ids)
    if language:
        found |= Q(
            translation_key__in=Page.objects.filter(pk__in=page_ids).values(
                "translation_key"
            ),
            locale__language_code=language,
        )
    shown = visible_q(Page, site=ANY_SITE, output=output)
    pages = list(
        Page.objects.filter(found)
        .annotate(
            wagtail_defenders_shown=ExpressionWrapper(
                shown, output_field=BooleanField()
            ),
            wagtail_defenders_language=F("locale__language_code"),
        )
        .defer_streamfields()
        .specific()
    )
    localized = {
        page.translation_key: page
        for page in pages
        if page.wagtail_defenders_shown
        and language
        and page.wagtail_defenders_language == language
    }
    targets: dict = {}
    for page in pages:
        if page.pk not in page_ids:
            continue
        target = localized.get(page.translation_key)
        if target is None and page.wagtail_defenders_shown:
            target = page
        targets[page.pk] = target
    return targets


def _loaded_rich_text(profile: Any) -> list[str]:
    """The rich text of ``profile`` already read: its body unless deferred (a
    card), its public updates when loaded (``for_detail``, a listing's
    :func:`~.detail_loading.load_public_updates`)."""
    texts: list[str] = []
    if "body" not in profile.get_deferred_fields():
        texts += rich_text_in(profile.body.raw_data)
    texts += (update.text or "" for update in getattr(profile, UPDATES_ATTR, ()))
    return texts


def load_link_targets(profiles: Iterable[Any], output: Output) -> None:
    """Look up where the page links of these profiles' rich text (the body and
    the public updates, as far as they are read) lead in ``output``, each in
    its profile's language: one lookup (:func:`link_targets`) per language."""
    by_language: dict[str | None, list] = defaultdict(list)
    for profile in profiles:
        by_language[content_language(profile.locale.language_code)].append(profile)
    for language, same_language in by_language.items():
        wanted = {
            profile.pk: linked_page_ids(_loaded_rich_text(profile))
            for profile in same_language
        }
        found = link_targets(set().union(*wanted.values()), output, language)
        for profile in same_language:
            known = getattr(profile, LINK_TARGETS_ATTR, None)
            if known is None:
                known = {}
                setattr(profile, LINK_TARGETS_ATTR, known)
            known.setdefault(output, {}).update(
                {page_id: found.get(page_id) for page_id in wanted[profile.pk]}
            )


def body_images(blocks: Iterable[Mapping]) -> dict[Any, Any]:
    """The images of these body blocks (raw data, of one or many profiles) by
    id, with the renditions ``BODY_IMAGE_RENDITIONS`` names: two queries for
    any number, none without images."""
    image_ids = [
        block["value"].get("image")
        for block in blocks
        if block.get("type") == "image" and isinstance(block.get("value"), dict)
    ]
    image_ids = [image_id for image_id in image_ids if isinstance(image_id, int)]
    if not image_ids:
        return {}
    specs = list(dict.fromkeys(defenders_settings.BODY_IMAGE_RENDITIONS.values()))
    images = (
        get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(*specs)
    )
    return {image.pk: image for image in images}


def load_body_images(profiles: Iterable[Any]) -> None:
    """Load the body images of these profiles (:func:`body_images`), for all
    in two queries."""
    profiles = list(profiles)
    images = body_images(
        dict(block) for profile in profiles for block in profile.body.raw_data
    )
    for profile in profiles:
        setattr(profile, BODY_IMAGES_ATTR, images)


def with_news_dates(news: list[Page]) -> list[Page]:
    """``news`` with each page's date set (``NEWS_DATE_ATTR``): its own ``date``
    field when its type has one, else the day it was first published.

    Automatic related news comes with its date; a page an editor chose is read
    as its specific type for its own ``date``, and given in that type. One
    query plus one per page type, none when every page has its date.
    """
    undated = [page.pk for page in news if not hasattr(page, NEWS_DATE_ATTR)]
    specific = (
        {
            page.pk: page
            for page in Page.objects.filter(pk__in=undated)
            .defer_streamfields()
            .specific()
        }
        if undated
        else {}
    )
    dated: list[Page] = []
    for page in news:
        page = specific.get(page.pk, page)
        date = getattr(page, NEWS_DATE_ATTR, None) or getattr(page, "date", None)
        if isinstance(date, datetime.datetime):
            date = date.date()
        if not isinstance(date, datetime.date):
            date = page.first_published_at.date() if page.first_published_at else None
        setattr(page, NEWS_DATE_ATTR, date)
        dated.append(page)
    return dated


def load_related_news(profiles: Iterable[Any], output: Output) -> None:
    """Load the related news these profiles show in ``output``
    (``DefenderPage.get_related_news``) with their dates (:func:`with_news_dates`).
    A few queries per profile."""
    for profile in profiles:
        shown = getattr(profile, SHOWN_NEWS_ATTR, None)
        if shown is None:
            shown = {}
            setattr(profile, SHOWN_NEWS_ATTR, shown)
        shown[output] = with_news_dates(profile.get_related_news(output=output))


def load_translations(profiles: Iterable[Any], output: Output) -> None:
    """Load each profile's other languages that ``output`` may show, on any
    site, by language code: one query per profile model (one, as a rule)."""
    by_model: dict[Any, list] = defaultdict(list)
    for profile in profiles:
        by_model[type(profile)].append(profile)
    for model, same_model in by_model.items():
        versions: dict[Any, list] = defaultdict(list)
        for version in model.objects.visible(site=ANY_SITE, output=output).versions_of(
            same_model
        ):
            versions[version.translation_key].append(version)
        for profile in same_model:
            loaded = getattr(profile, TRANSLATIONS_ATTR, None)
            if loaded is None:
                loaded = {}
                setattr(profile, TRANSLATIONS_ATTR, loaded)
            loaded[output] = [
                version
                for version in versions.get(profile.translation_key, [])
                if version.pk != profile.pk
            ]


def load_details(profiles: Iterable[Any], output: Output) -> None:
    """Load all of the above for these profiles: what a whole profile shows
    (``api.serializers.profile_data``) besides what ``for_detail`` loads."""
    profiles = list(profiles)
    load_body_images(profiles)
    load_link_targets(profiles, output)
    load_related_news(profiles, output)
    load_translations(profiles, output)


class ProfileDetailsMixin:
    """Gives ``DefenderPage`` the readers of what this module loads.

    Each returns what was loaded, else loads it for this one profile first.
    """

    def body_images(self) -> Mapping[Any, Any]:
        """The body's images by id, with their renditions prefetched."""
        if not hasattr(self, BODY_IMAGES_ATTR):
            load_body_images([self])
        return getattr(self, BODY_IMAGES_ATTR)

    def link_targets(self, output: Output, rich_text: Iterable[str]) -> Mapping:
        """Where each page link in ``rich_text`` (this profile's database HTML)
        leads in ``output``, by the linked page's id: a page, or ``None``."""
        if output not in getattr(self, LINK_TARGETS_ATTR, {}):
            load_link_targets([self], output)
        known = getattr(self, LINK_TARGETS_ATTR)[output]
        missing = linked_page_ids(rich_text) - known.keys()
        if missing:  # rich text read after the lookup (a listing's body)
            language = content_language(self.locale.language_code)  # type: ignore[attr-defined]
            found = link_targets(missing, output, language)
            known.update({page_id: found.get(page_id) for page_id in missing})
        return known

    def dated_related_news(self, output: Output) -> list[Page]:
        """The related news ``output`` shows (``get_related_news``), each with
        its date (``NEWS_DATE_ATTR``, :func:`with_news_dates`)."""
        if output not in getattr(self, SHOWN_NEWS_ATTR, {}):
            load_related_news([self], output)
        return getattr(self, SHOWN_NEWS_ATTR)[output]

    def visible_translations(self, output: Output) -> list[Any]:
        """This profile's other languages that ``output`` may show, on any
        site, by language code."""
        if output not in getattr(self, TRANSLATIONS_ATTR, {}):
            load_translations([self], output)
        return getattr(self, TRANSLATIONS_ATTR)[output]
