"""What an export of profiles carries, for ``manage.py export_defenders`` and an
index page's ``export.csv`` and ``export.json``.

The profiles come through the visibility rule
(:mod:`wagtail_defenders.models.visibility`) for :attr:`~.Output.API`: live,
public, of the site, not kept out of the API. Each profile is presented by the
API's own serializers (:mod:`wagtail_defenders.api.serializers`), so an export
never holds what the API never shows: no consent field, no editors' note, no
withheld portrait, no original image file (renditions only).

- JSON: ``{"meta": {...}, "items": [...]}``, each item in the shape of an API v2
  profile detail (``/api/v2/defenders/<id>/``: with its status and public
  updates) without ``detail_url`` and ``related_news`` (they point into the
  exporting site's API and pages);
- CSV: one row per profile, the columns of :mod:`.columns`, which
  ``import_defenders`` reads back.

A fixed number of queries for any number of profiles: terms, renditions, body
images, rich text links and translations are each read once for all.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.html import escape
from wagtail.models import Locale, Site

from ..api import serializers
from ..models import DefenderPage, Output
from ..models.profile_details import (
    load_body_images,
    load_link_targets,
    load_translations,
)
from ..models.querysets import DefenderPageQuerySet
from ..private_api import set_request_site
from .columns import COLUMNS, THEME_SEPARATOR, protect_cell

#: The formats an export is written in.
FORMATS = ("csv", "json")


def exported_profiles(
    site: Site, locale: Locale | None = None, *, include_drafts: bool = False
) -> DefenderPageQuerySet:
    """The profiles an export of ``site`` (in ``locale``, else every language) holds.

    With ``include_drafts``, every profile in the site's tree: drafts, private
    profiles and those kept out of the API too (their saved rows, not
    unpublished changes), for editors moving a whole site; still without
    consent fields or withheld portraits. No query of its own.
    """
    if include_drafts:
        profiles = DefenderPage.objects.in_site_tree(site)
        if locale is not None:
            profiles = profiles.filter(locale=locale)
    else:
        profiles = DefenderPage.objects.visible(
            site=site, locale=locale, output=Output.API
        )
    return profiles.order_by("locale__language_code", "path")


def request_for_site(site: Site) -> HttpRequest:
    """A request as ``site`` would serve it, so that URLs are absolute (commands)."""
    request = HttpRequest()
    request.META["HTTP_HOST"] = site.hostname
    set_request_site(request, site)
    return request


def export_items(
    profiles: Iterable[DefenderPage], request: HttpRequest | None = None
) -> list[dict[str, Any]]:
    """Each profile in the shape of an API v2 detail, without ``detail_url`` and
    ``related_news``. Load ``profiles`` with ``for_export()``."""
    profiles = list(profiles)
    # Loaded for all the profiles at once (the serializers run no query).
    load_body_images(profiles)
    load_link_targets(profiles, Output.API)
    load_translations(profiles, Output.API)
    items: list[dict[str, Any]] = []
    for profile in profiles:
        card = serializers.profile_card_data(profile, request)
        items.append(
            {
                "id": card["id"],
                "meta": {
                    "type": DefenderPage._meta.label,
                    "slug": card["slug"],
                    "locale": card["locale"],
                    "html_url": card["html_url"],
                    "first_published_at": card["first_published_at"],
                },
                "title": card["title"],
                "introduction": card["introduction"],
                "portrait": card["portrait"],
                "country": card["country"],
                "city": card["city"],
                "status": card["status"],
                "themes": card["themes"],
                "stay": card["stay"],
                "body": serializers.body_data(profile, request),
                "updates": serializers.updates_data(profile, request),
                "last_updated": profile.last_updated,
                "translations": serializers.translations_data(profile, request),
            }
        )
    return items


def body_html(body: list[dict[str, Any]]) -> str:
    """A body (the API's blocks) as one HTML text: each section an ``<h2>`` and its
    text, each quote a ``<blockquote>``; images and embeds are left out. The
    import splits it back into sections at each ``<h2>``."""
    parts: list[str] = []
    for block in body:
        value = block["value"]
        if block["type"] == "section":
            parts.append(f"<h2>{escape(value['heading'])}</h2>{value['text']}")
        elif block["type"] == "quote":
            quote = f"<p>{escape(value['quote'])}</p>"
            if value["attribution"]:
                quote += f"<footer>{escape(value['attribution'])}</footer>"
            parts.append(f"<blockquote>{quote}</blockquote>")
    return "\n".join(parts)


def csv_row(item: dict[str, Any], translation_key: Any = "") -> dict[str, str]:
    """One export item as a CSV row of :data:`~.columns.COLUMNS`."""
    portrait = item["portrait"] or {}
    card = (portrait.get("renditions") or {}).get("card") or {}
    stay = item["stay"]
    return {
        "source_id": str(item["id"]),
        "locale": item["meta"]["locale"],
        "translation_key": str(translation_key or ""),
        "title": item["title"],
        "slug": item["meta"]["slug"],
        "introduction": item["introduction"],
        "country": item["country"]["code"] if item["country"] else "",
        "city": item["city"]["name"] if item["city"] else "",
        "status": item["status"]["code"] if item.get("status") else "",
        "themes": THEME_SEPARATOR.join(theme["name"] for theme in item["themes"]),
        "year": str(stay["year"] or ""),
        "stay_start_date": stay["start_date"].isoformat() if stay["start_date"] else "",
        "stay_end_date": stay["end_date"].isoformat() if stay["end_date"] else "",
        "portrait": card.get("url", ""),
        "portrait_alt": portrait.get("alt", "") if portrait else "",
        "body": body_html(item["body"]),
        "url": item["meta"]["html_url"] or "",
    }


def write_export(
    profiles: DefenderPageQuerySet,
    stream: IO[str],
    export_format: str,
    *,
    request: HttpRequest | None = None,
    meta: dict[str, Any] | None = None,
) -> int:
    """Write ``profiles`` to ``stream`` as ``csv`` or ``json``; return how many."""
    loaded = list(profiles.for_export())
    items = export_items(loaded, request)
    if export_format == "csv":
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for profile, item in zip(loaded, items, strict=True):
            row = csv_row(item, profile.translation_key)
            writer.writerow({name: protect_cell(value) for name, value in row.items()})
    elif export_format == "json":
        document = {"meta": {**(meta or {}), "total_count": len(items)}, "items": items}
        json.dump(document, stream, cls=DjangoJSONEncoder, ensure_ascii=False)
        stream.write("\n")
    else:
        raise ValueError(f"Unknown export format {export_format!r}.")
    return len(items)
