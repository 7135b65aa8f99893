"""The CSV columns of an export and an import (README, "Import and export").

One list, so that what ``export_defenders`` writes ``import_defenders`` reads.
Themes are separated by :data:`THEME_SEPARATOR`. An import needs ``title``,
``introduction`` and ``locale``; every other column may be left out or empty.
"""

from __future__ import annotations

#: The columns in the order an export writes them.
COLUMNS = [
    "source_id",
    "locale",
    "translation_key",
    "title",
    "slug",
    "introduction",
    "country",
    "city",
    "status",
    "themes",
    "year",
    "stay_start_date",
    "stay_end_date",
    "portrait",
    "portrait_alt",
    "body",
    "url",
]

#: The columns an import cannot do without.
REQUIRED_COLUMNS = ["title", "introduction", "locale"]

#: Between two themes in the ``themes`` column.
THEME_SEPARATOR = "|"

#: What a spreadsheet reads as a formula at the start of a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def protect_cell(value: str) -> str:
    """``value`` safe to open in a spreadsheet: a cell that would start a formula
    (``=HYPERLINK(...)`` in a title) gets a leading ``'``, which spreadsheets
    show as text; :func:`unprotect_cell` takes it off again on import."""
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unprotect_cell(value: str) -> str:
    """The value :func:`protect_cell` was given."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
