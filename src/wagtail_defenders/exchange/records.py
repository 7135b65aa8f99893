"""What the import readers (CSV, JSON, WordPress) hand the importer: one
:class:`ProfileRecord` per profile, in the source's words, not yet checked.

The importer (:mod:`.importer`) checks every field and turns each problem into a
:class:`Problem` naming the row, the column and what is accepted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from .body import Body


@dataclass(frozen=True)
class Problem:
    """Something wrong with one row: where, and what is accepted instead."""

    #: The row (a CSV line number, the position of a JSON item, a WordPress
    #: post's id).
    row: str
    column: str
    message: str

    def __str__(self) -> str:
        row = f"row {self.row}" if self.row.isdigit() else self.row
        return f"{row}, {self.column}: {self.message}"


@dataclass
class ProfileRecord:
    """One profile as a source gives it (every value still text)."""

    row: str
    source_id: str
    locale: str
    title: str
    introduction: str
    slug: str = ""
    #: Records with the same group (in one source) are one profile's languages.
    translation_group: str = ""
    country: str = ""
    city: str = ""
    #: A status's code, slug or name (never created: the vocabulary is the site's).
    status: str = ""
    themes: list[str] = field(default_factory=list)
    year: str = ""
    stay_start_date: str = ""
    stay_end_date: str = ""
    #: A file name, looked up in the images folder (a URL's last part counts).
    portrait: str = ""
    #: The id of the portrait in the source (a WordPress attachment), if any.
    portrait_source_id: str = ""
    portrait_alt: str = ""
    body: Body = field(default_factory=Body)
    #: Public dated updates: ``{"date", "heading", "text", "status"}`` (text HTML,
    #: status a code, slug or name).
    updates: list[dict[str, str]] = field(default_factory=list)
    #: Problems the reader found (a malformed cell, an unknown format).
    problems: list[Problem] = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.row, column, message))

    def digest(self) -> str:
        """A hash of everything the record says (block ids aside): the same
        digest as last time means nothing changed in the source."""
        data = asdict(self)
        data.pop("row")
        data.pop("problems")
        data["body"] = [
            {"type": block["type"], "value": block["value"]}
            for block in self.body.blocks
        ]
        text = json.dumps(data, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()
