"""GraphQL timestamps in UTC with ``Z``, as the REST APIs write them.

graphene's ``DateTime`` scalar writes ``datetime.isoformat()``: the offset of
the value (``+00:00`` for what the database gives) and microseconds. The GraphQL
view that serves the package's schema (grapple's ``/graphql/``, or any
graphene-django ``GraphQLView`` whose schema has the ``defenders`` query)
writes every ``DateTime`` with :func:`~.timestamps.format_timestamp` instead:
the package's ``firstPublishedAt`` and grapple's own fields (``lastPublishedAt``,
``firstPublishedAt``, an image's ``createdAt``...) alike.

The schema and graphene's scalar are left as they are: the view executes the
document with an execution context (graphql-core's extension point for how
values are completed) that writes ``DateTime`` values this way. Another schema,
and the package's schema executed without a view, keep graphene's format. A
scalar of another name, or a subclass of ``DateTime``, keeps its own.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

import graphene
from graphql import ExecutionContext

from .graphql_errors import serves_package
from .timestamps import format_timestamp

__all__ = ["serve_utc_timestamps", "timestamp_execution_context"]


@functools.cache
def timestamp_execution_context(base: type[ExecutionContext]) -> type[ExecutionContext]:
    """``base`` (graphql-core's ``ExecutionContext`` or a site's subclass),
    writing graphene's ``DateTime`` values with :func:`format_timestamp`."""
    complete = base.complete_leaf_value

    def complete_leaf_value(return_type: Any, result: Any) -> Any:
        if isinstance(result, datetime.datetime) and (
            getattr(return_type, "graphene_type", None) is graphene.DateTime
        ):
            return format_timestamp(result)
        return complete(return_type, result)

    return type(
        f"Timestamp{base.__name__}",
        (base,),
        {"complete_leaf_value": staticmethod(complete_leaf_value)},
    )


def serve_utc_timestamps() -> None:
    """Wrap graphene-django's ``GraphQLView.dispatch`` (once) so the view that
    serves the package's schema executes with :func:`timestamp_execution_context`.

    grapple mounts the view class itself, with no arguments: the execution
    context is set on each request's view, not on the class."""
    from graphene_django.views import GraphQLView

    if getattr(GraphQLView.dispatch, "_defenders_timestamps", False):
        return
    dispatch = GraphQLView.dispatch

    @functools.wraps(dispatch)
    def dispatch_with_timestamps(self, request, *args, **kwargs):
        if serves_package(self):
            self.execution_context_class = timestamp_execution_context(
                self.execution_context_class or ExecutionContext
            )
        return dispatch(self, request, *args, **kwargs)

    dispatch_with_timestamps._defenders_timestamps = True  # type: ignore[attr-defined]
    GraphQLView.dispatch = dispatch_with_timestamps
