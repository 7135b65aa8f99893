"""Reading a WordPress export (WXR, the XML file of Tools → Export) into
:class:`~.records.ProfileRecord`\\ s.

Parsed with ``defusedxml`` (no entities, no external DTDs); nothing is fetched:
a featured image is matched by its file name in a local copy of
``wp-content/uploads`` (``--images``). For each post of the chosen post type
(and category), not in the bin:

- ``source_id`` is the post's id, ``slug`` its ``post_name``;
- ``introduction`` is its excerpt, else the text of its first paragraph;
- the body is its content, split into sections at each ``<h2>`` (:mod:`.body`);
- the terms of the theme taxonomies (categories and tags by default) become
  themes, except the categories that select the profiles (``--category``); the
  first term of the country, city and status taxonomies the country, city and
  status (a status must be one the site has);
- ``year`` is the post's ``year`` custom field, else the year it was published;
- the featured image (``_thumbnail_id``) is the portrait, its alternative text the
  portrait description;
- the language and translation group come from Polylang (its ``language`` and
  ``post_translations`` taxonomies) or from WPML's export (the
  ``_wpml_import_language_code`` and ``_wpml_import_translation_group`` fields),
  else the default language.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bs4 import BeautifulSoup
from defusedxml import ElementTree

from .body import body_from_html, drop_shortcodes
from .readers import SourceError
from .records import ProfileRecord

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
#: WordPress taxonomies that are no themes: the default category and Polylang's own.
NOT_THEMES = {"uncategorized"}
POLYLANG_LANGUAGE = "language"
POLYLANG_GROUP = "post_translations"
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}


@dataclass(frozen=True)
class WxrOptions:
    """What of a WordPress export to read, and how (the command's options)."""

    post_type: str = "post"
    #: Category slugs: a post in any of them is read; empty: every post.
    categories: tuple[str, ...] = ()
    theme_taxonomies: tuple[str, ...] = ("category", "post_tag")
    country_taxonomy: str = "country"
    city_taxonomy: str = "city"
    status_taxonomy: str = "status"
    default_locale: str = "nl"


def _split(tag: str) -> tuple[str, str]:
    namespace, _, name = tag.rpartition("}")
    return namespace.lstrip("{"), name


@dataclass
class _Item:
    """The parts of one ``<item>`` the import uses."""

    fields: dict[str, str]
    content: str
    excerpt: str
    terms: list[tuple[str, str, str]]  # (taxonomy, slug, name)
    meta: dict[str, str]


def _item(element: Any) -> _Item:
    fields: dict[str, str] = {}
    content = excerpt = ""
    terms: list[tuple[str, str, str]] = []
    meta: dict[str, str] = {}
    for child in element:
        namespace, name = _split(child.tag)
        text = child.text or ""
        if name == "encoded":
            if namespace == CONTENT_NS:
                content = text
            else:
                excerpt = text
        elif name == "category" and not namespace:
            terms.append((child.get("domain", ""), child.get("nicename", ""), text))
        elif name == "postmeta":
            values = {_split(part.tag)[1]: part.text or "" for part in child}
            meta[values.get("meta_key", "")] = values.get("meta_value", "")
        else:
            fields[name] = text
    return _Item(fields, content, excerpt, terms, meta)


def _plain(markup: str) -> str:
    return " ".join(BeautifulSoup(markup, "html.parser").get_text(" ").split())


def _introduction(item: _Item) -> str:
    if _plain(item.excerpt):
        return _plain(item.excerpt)[:1000]
    text, _dropped = drop_shortcodes(item.content)
    first = re.split(r"\n\s*\n|</p>|<h2", text, maxsplit=1)[0]
    intro = _plain(first)
    if len(intro) > 1000:
        intro = intro[:1000].rsplit(" ", 1)[0]
    return intro


def read_wxr(path: Path, options: WxrOptions) -> Iterator[ProfileRecord]:
    """One record per post of ``options.post_type`` (in ``options.categories``)."""
    try:
        tree = ElementTree.parse(str(path))
    except Exception as error:  # defusedxml's refusals and XML syntax errors
        raise SourceError(f"{path.name}: not a WordPress export ({error}).") from error
    channel = tree.getroot().find("channel")
    if channel is None:
        raise SourceError(f"{path.name}: not a WordPress export (no <channel>).")
    items = [_item(element) for element in channel.findall("item")]
    attachments = {
        item.fields.get("post_id", ""): item
        for item in items
        if item.fields.get("post_type") == "attachment"
    }
    for item in items:
        if item.fields.get("post_type") != options.post_type:
            continue
        if item.fields.get("status") in SKIPPED_STATUSES:
            continue
        if options.categories and not any(
            taxonomy == "category" and slug in options.categories
            for taxonomy, slug, _name in item.terms
        ):
            continue
        yield _record(item, attachments, options)


def _record(
    item: _Item, attachments: dict[str, _Item], options: WxrOptions
) -> ProfileRecord:
    post_id = item.fields.get("post_id", "")
    title = html.unescape(item.fields.get("title", "")).strip()

    def terms_of(*taxonomies: str) -> list[str]:
        # A category that selects the profiles (--category) says what a post is,
        # not what it is about: it is no theme.
        return [
            html.unescape(name).strip()
            for taxonomy, slug, name in item.terms
            if taxonomy in taxonomies
            and slug not in NOT_THEMES
            and not (taxonomy == "category" and slug in options.categories)
            and name.strip()
        ]

    language = terms_slug(item, POLYLANG_LANGUAGE) or item.meta.get(
        "_wpml_import_language_code", ""
    )
    group = terms_slug(item, POLYLANG_GROUP) or item.meta.get(
        "_wpml_import_translation_group", ""
    )
    year = item.meta.get("year", "").strip() or item.fields.get("post_date", "")[:4]
    record = ProfileRecord(
        row=f"post {post_id}",
        source_id=post_id,
        locale=(language or options.default_locale).replace("_", "-").lower(),
        title=title,
        introduction=_introduction(item),
        slug=html.unescape(item.fields.get("post_name", "")),
        translation_group=f"wp:{group}" if group else "",
        country=next(iter(terms_of(options.country_taxonomy)), ""),
        city=next(iter(terms_of(options.city_taxonomy)), ""),
        status=next(iter(terms_of(options.status_taxonomy)), ""),
        themes=terms_of(*options.theme_taxonomies),
        year=year if year != "0000" else "",
        body=body_from_html(item.content, first_heading=title),
    )
    thumbnail = item.meta.get("_thumbnail_id", "")
    if thumbnail:
        attachment = attachments.get(thumbnail)
        if attachment is None:
            record.problem(
                "portrait", f"the featured image {thumbnail} is not in the export."
            )
        else:
            url = attachment.fields.get("attachment_url", "")
            record.portrait = Path(urlparse(url).path).name
            record.portrait_source_id = f"attachment:{thumbnail}"
            record.portrait_alt = attachment.meta.get("_wp_attachment_image_alt", "")
    return record


def terms_slug(item: _Item, taxonomy: str) -> str:
    """The slug of the item's first term in ``taxonomy``, or ``""``."""
    return next((slug for name, slug, _text in item.terms if name == taxonomy), "")
