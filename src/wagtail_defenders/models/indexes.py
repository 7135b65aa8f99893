"""Database indexes whose empty values sort last on every database.

Migrations name :class:`NullsLastIndex` by its import path: keep it here.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F


class NullsLastIndex(models.Index):
    """A field index that serves an order with NULL last on every database.

    Declared like an ``Index`` on fields (``fields=["-year"]``), and meant for the
    order ``F("year").desc(nulls_last=True)``. SQLite, MariaDB and MySQL keep NULL
    last in a descending index, as in their ``ORDER BY year DESC``, so there it is
    the plain ``(year DESC)``. PostgreSQL keeps NULL first in one, and cannot serve
    ``ORDER BY year DESC NULLS LAST`` from it: there each descending column is
    created ``DESC NULLS LAST`` (ascending ones are NULLS LAST already).

    An expression index ``Index(F("year").desc(nulls_last=True))`` cannot do the
    same: SQLite's CREATE INDEX refuses NULLS LAST, and Django creates no
    expression index on MariaDB.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.expressions or self.opclasses:
            raise ValueError("NullsLastIndex takes fields, without opclasses.")

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        columns = [
            F(name.removeprefix("-")).desc(nulls_last=True)
            if name.startswith("-")
            else F(name).asc()
            for name in self.fields
        ]
        nulls_last = models.Index(
            *columns,
            name=self.name,
            db_tablespace=self.db_tablespace,
            condition=self.condition,
            include=self.include,
        )
        return nulls_last.create_sql(model, schema_editor, using=using, **kwargs)
