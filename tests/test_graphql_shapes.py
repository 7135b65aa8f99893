"""The GraphQL types agree with the TypedDicts of :mod:`wagtail_defenders.api.serializers`.

GraphQL's types are written by hand beside the TypedDicts that describe every
API's shapes (API v3's OpenAPI schema comes from them). This checks, without a
database, that each type has the same fields as its TypedDict, nullable where
the TypedDict allows ``None``, of the matching scalar, object or list type: a
field added to one and not the other fails here.
"""

from __future__ import annotations

import datetime
import types
import typing
import uuid

import pytest

pytest.importorskip("grapple", reason="the graphql extra is not installed")

import graphene  # noqa: E402

from wagtail_defenders.api import graphql, serializers  # noqa: E402

SCALARS = {
    int: graphene.Int,
    str: graphene.String,
    bool: graphene.Boolean,
    datetime.date: graphene.Date,
    datetime.datetime: graphene.DateTime,
    uuid.UUID: graphene.UUID,
}

#: Each GraphQL object type and the TypedDict it presents.
OBJECTS = {
    graphql.DefenderPortrait: serializers.PortraitData,
    graphql.DefenderTerm: serializers.TermData,
    graphql.DefenderCountry: serializers.CountryData,
    graphql.DefenderStatus: serializers.StatusData,
    graphql.DefenderThemeEntry: serializers.TermEntryData,
    graphql.DefenderCountryEntry: serializers.CountryEntryData,
    graphql.DefenderCityEntry: serializers.CityEntryData,
    graphql.DefenderStatusEntry: serializers.StatusEntryData,
    graphql.DefenderStay: serializers.StayData,
    graphql.DefenderNews: serializers.NewsData,
    graphql.DefenderUpdate: serializers.UpdateData,
    graphql.DefenderTranslation: serializers.TranslationData,
    graphql.Defender: serializers.ProfileData,
}

#: A named set of renditions (a dict by name) is a list in GraphQL, each
#: rendition carrying its name.
NAMED_RENDITIONS = (graphql.DefenderRendition, serializers.RenditionData)


def _unwrap(field_type):
    """``(type, nullable)`` of a graphene field's type."""
    if isinstance(field_type, graphene.NonNull):
        return field_type.of_type, False
    return field_type, True


def _optional(hint) -> tuple[typing.Any, bool]:
    """``(hint without None, whether None is allowed)``."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(args) < len(typing.get_args(hint)):
            (only,) = args
            return only, True
    return hint, False


def _graphene_type_for(typed_dict: type) -> type:
    for graphene_type, shape in OBJECTS.items():
        if shape is typed_dict:
            return graphene_type
    raise AssertionError(f"no GraphQL type presents {typed_dict.__name__}")


def _expected(hint) -> tuple[str, typing.Any]:
    """What a TypedDict field's hint becomes in GraphQL, as ``(kind, type)``."""
    if typing.get_origin(hint) is dict:
        key, value = typing.get_args(hint)
        assert (key, value) == (str, NAMED_RENDITIONS[1])
        return "list", NAMED_RENDITIONS[0]
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        if item is serializers.BodyBlockData or typing.get_origin(item) in (
            typing.Union,
            types.UnionType,
        ):
            return "list", graphql.DefenderBodyBlockUnion
        return "list", _expected(item)[1]
    if hint in SCALARS:
        return "scalar", SCALARS[hint]
    return "object", _graphene_type_for(hint)


def _check_fields(graphene_type, hints: dict[str, typing.Any]) -> None:
    fields = graphene_type._meta.fields
    assert set(fields) == set(hints), graphene_type.__name__
    for name, hint in hints.items():
        where = f"{graphene_type.__name__}.{name}"
        inner, nullable = _unwrap(fields[name].type)
        hint, may_be_none = _optional(hint)
        assert nullable == may_be_none, f"{where}: nullable {nullable}"
        kind, expected = _expected(hint)
        if kind == "list":
            assert isinstance(inner, graphene.List), where
            item, item_nullable = _unwrap(inner.of_type)
            assert not item_nullable, f"{where}: list items may be null"
            assert item is expected, where
        else:
            assert inner is expected, f"{where}: {inner} is not {expected}"


@pytest.mark.parametrize(
    "graphene_type", list(OBJECTS), ids=lambda graphene_type: graphene_type.__name__
)
def test_each_object_type_has_its_typed_dicts_fields(graphene_type):
    _check_fields(graphene_type, typing.get_type_hints(OBJECTS[graphene_type]))


def test_a_rendition_is_the_typed_dict_with_its_name():
    graphene_type, shape = NAMED_RENDITIONS
    _check_fields(graphene_type, {"name": str, **typing.get_type_hints(shape)})


def test_each_body_block_type_is_its_typed_dicts_value_with_the_id():
    shapes = {}
    for block in typing.get_args(serializers.BodyBlockData):
        hints = typing.get_type_hints(block)
        (block_type,) = typing.get_args(hints["type"])
        shapes[block_type] = {
            "id": hints["id"],
            **typing.get_type_hints(hints["value"]),
        }
    assert set(graphql.BLOCK_TYPES) == set(shapes)
    union_types = set(graphql.DefenderBodyBlockUnion._meta.types)
    assert union_types == set(graphql.BLOCK_TYPES.values())
    for block_type, graphene_type in graphql.BLOCK_TYPES.items():
        _check_fields(graphene_type, shapes[block_type])


def test_the_public_module_still_gives_every_name_of_the_split_modules():
    """``api/graphql.py`` was split into :mod:`.graphql_types` and
    :mod:`.graphql_queries`: each of their names is still importable from it."""
    from wagtail_defenders.api import graphql_queries, graphql_types

    for module in (graphql_types, graphql_queries):
        for name, value in vars(module).items():
            if getattr(value, "__module__", None) == module.__name__:
                assert getattr(graphql, name) is value, name
    for name in graphql.__all__:
        assert hasattr(graphql, name), name
