"""A condition "this id is one of these ids" sent as one SQL parameter: :func:`ids_in`.

``pk__in=[...]`` gives the database one parameter per id. A search that matches
thousands of profiles would then send thousands of parameters in every query
that narrows to its matches (the facet counts narrow each of their branches),
and SQLite refuses a statement with more than its limit of variables (999 in
builds older than 3.32). So the ids travel as one value: an array on
PostgreSQL (``= ANY(%s)``), a JSON list read by ``json_each`` on SQLite. On any
other database (MySQL, MariaDB) the condition is the plain ``__in`` lookup.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connections
from django.db.models import F, Lookup, Q


class _InIdList(Lookup):
    """``lhs`` is one of the integers of ``rhs`` (a tuple), as one parameter.

    Never registered on a field: built by :func:`ids_in` only, for the
    databases that read an array or a JSON list."""

    lookup_name = "in_id_list"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        ids = list(self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs_sql} = ANY(%s::bigint[])", (*lhs_params, ids)
        return (
            f"{lhs_sql} IN (SELECT value FROM json_each(%s))",  # noqa: S608 - a compiled column, a bound value
            (*lhs_params, json.dumps(ids)),
        )


def _reads_one_list(using: str) -> bool:
    connection = connections[using]
    if connection.vendor == "postgresql":
        return True
    return connection.vendor == "sqlite" and connection.features.supports_json_field


def ids_in(field: str, ids: Iterable[int], using: str = "default") -> Q:
    """The condition that ``field`` (a path to an integer id, such as ``"pk"``
    or ``"page_id"``) is one of ``ids``, for the database ``using``: one SQL
    parameter on PostgreSQL and SQLite, ``field__in`` elsewhere. No ids match
    nothing."""
    ids = tuple(int(value) for value in ids)
    if _reads_one_list(using):
        return Q(_InIdList(F(field), ids))
    return Q(**{f"{field}__in": ids})
