"""Reading the files ``import_defenders`` takes into :class:`~.records.ProfileRecord`\\ s:
CSV (the columns of :mod:`.columns`) and JSON (an export, or API v2 output).
WordPress exports are read by :mod:`.wxr`.

A reader never stops at a bad row: what it cannot read becomes a problem of
that record, and the next row is read.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .body import Body, body_from_api, body_from_html
from .columns import COLUMNS, REQUIRED_COLUMNS, THEME_SEPARATOR, unprotect_cell
from .records import ProfileRecord


class SourceError(ValueError):
    """The file as a whole cannot be read (no such columns, not JSON)."""


def read_csv(path: Path) -> Iterator[ProfileRecord]:
    """One record per row; ``row`` is the line number (the header is line 1)."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        columns = reader.fieldnames or []
        missing = [name for name in REQUIRED_COLUMNS if name not in columns]
        if missing:
            raise SourceError(
                f"{path.name}: no column {', '.join(missing)}. "
                f"Columns read: {', '.join(COLUMNS)}."
            )
        for number, row in enumerate(reader, start=2):
            cells = {
                name: unprotect_cell((row.get(name) or "").strip()) for name in COLUMNS
            }
            record = ProfileRecord(
                row=str(number),
                source_id=cells["source_id"],
                locale=cells["locale"],
                title=cells["title"],
                introduction=cells["introduction"],
                slug=cells["slug"],
                translation_group=cells["translation_key"],
                country=cells["country"],
                city=cells["city"],
                status=cells["status"],
                themes=[
                    theme.strip()
                    for theme in cells["themes"].split(THEME_SEPARATOR)
                    if theme.strip()
                ],
                year=cells["year"],
                stay_start_date=cells["stay_start_date"],
                stay_end_date=cells["stay_end_date"],
                portrait=cells["portrait"],
                portrait_alt=cells["portrait_alt"],
                body=body_from_html(cells["body"], first_heading=cells["title"]),
            )
            if None in row:  # more cells than columns
                record.problem("row", "more cells than the header has columns.")
            yield record


def read_json(path: Path) -> Iterator[ProfileRecord]:
    """One record per profile of an export (``{"items": [...]}``), of API v2
    output (a listing or one detail), or of a plain list of details.

    A profile's translations (``translations``, by id) are its translation
    group: the smallest id of the profile and its translations.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise SourceError(f"{path.name}: not JSON ({error}).") from error
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        items = document["items"]
    elif isinstance(document, dict) and "title" in document:
        items = [document]
    elif isinstance(document, list):
        items = document
    else:
        raise SourceError(
            f"{path.name}: expected an export ({{'items': [...]}}), an API v2 "
            "profile or a list of them."
        )
    for position, item in enumerate(items, start=1):
        yield _json_record(str(position), item)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _json_record(row: str, item: Any) -> ProfileRecord:
    if not isinstance(item, dict):
        record = ProfileRecord(row, "", "", "", "")
        record.problem("item", "expected a profile (an object with a title).")
        return record
    meta = _object(item.get("meta"))
    stay = _object(item.get("stay"))
    country = _object(item.get("country"))
    city = _object(item.get("city"))
    themes = item.get("themes")
    themes = themes if isinstance(themes, list) else []
    portrait = _object(item.get("portrait"))
    card = _object(_object(portrait.get("renditions")).get("card"))
    versions = item.get("translations")
    versions = versions if isinstance(versions, list) else []
    candidates = [item.get("id")] + [_object(v).get("id") for v in versions]
    ids: list[int] = [value for value in candidates if isinstance(value, int)]
    body = item.get("body")
    status = _object(item.get("status"))
    updates = item.get("updates")
    updates = updates if isinstance(updates, list) else []
    record = ProfileRecord(
        row=row,
        source_id=str(item["id"]) if isinstance(item.get("id"), int) else "",
        locale=_text(meta.get("locale") or item.get("locale")),
        title=_text(item.get("title")),
        introduction=_text(item.get("introduction")),
        slug=_text(meta.get("slug")),
        translation_group=str(min(ids)) if len(ids) > 1 else "",
        country=_text(country.get("code") or country.get("name")),
        city=_text(city.get("name")),
        status=_text(status.get("code") or status.get("name")),
        updates=[
            {
                "date": _text(update.get("date")),
                "heading": _text(update.get("heading")),
                "text": _text(update.get("text")),
                "status": _text(
                    _object(update.get("status")).get("code")
                    or _object(update.get("status")).get("name")
                ),
            }
            for update in map(_object, updates)
        ],
        themes=[
            _text(theme.get("name")) for theme in themes if isinstance(theme, dict)
        ],
        year=str(stay.get("year") or ""),
        stay_start_date=_text(stay.get("start_date")),
        stay_end_date=_text(stay.get("end_date")),
        portrait=_text(card.get("url")),
        portrait_alt=_text(portrait.get("alt")),
        body=body_from_api(body) if isinstance(body, list) else Body(),
    )
    return record
