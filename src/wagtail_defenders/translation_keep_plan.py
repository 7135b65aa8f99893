"""The plan of one write of an existing translation: what of the target it keeps.

:func:`plan_for` decides, segment by segment, what a write by wagtail-localize
into a translation that already exists keeps of what the target's editors wrote
(the rule is :mod:`wagtail_defenders.translation_sync`'s docstring): the fields
left exactly as the target has them (``KeepPlan.kept_fields``), and the
segments ingested with the target's own words instead of the source's
(``KeepPlan.substitutions``). It reads the source, the target's latest revision
and wagtail-localize's segments and translations, and writes one thing: the
target's own words recorded as the translation of a segment wagtail-localize did
not translate (a ``StringTranslation``), so the translation editor shows them.
:func:`apply_kept_fields` puts the kept fields back on the target after
wagtail-localize has copied the source's.

Nothing here hooks into wagtail-localize; :mod:`wagtail_defenders.translation_sync`
installs the hooks that call it. Import it only when wagtail-localize is installed.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import defaultdict
from typing import Any

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, RevisionMixin, TranslatableMixin
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    TranslationLog,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


@dataclasses.dataclass
class KeepPlan:
    """What one write of an existing translation must keep of the target."""

    source_pk: int
    #: Fields left exactly as the target has them, with that value: a field's
    #: name, or ``relation.translation_key.field`` for an inline object's.
    kept_fields: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: ``StringSegment.order`` → the segment value to ingest instead.
    substitutions: dict[int, Any] = dataclasses.field(default_factory=dict)


def editors_version(target: Any) -> Any:
    """The target as its editor last saved it (a page's draft included)."""
    if isinstance(target, RevisionMixin) and target.latest_revision_id:
        return target.get_latest_revision_as_object()
    return target


_TEXT_FIELDS = (models.CharField, models.TextField, RichTextField, StreamField)


def _text_fields(instance: models.Model) -> list[str]:
    """The fields of ``instance`` whose words wagtail-localize translates."""
    model = type(instance)
    return [
        translatable.get_field(model).name
        for translatable in get_translatable_fields(model)
        if translatable.is_translated(instance)
        and isinstance(translatable.get_field(model), _TEXT_FIELDS)
    ]


def _inline_relations(instance: models.Model) -> dict[str, bool]:
    """The translatable inlines wagtail-localize copies into a translation of
    ``instance``: each relation's name, and whether its words are segments."""
    model = type(instance)
    relations = {}
    for translatable in get_translatable_fields(model):
        field = translatable.get_field(model)
        if (
            isinstance(field, models.ManyToOneRel)
            and isinstance(field.remote_field, ParentalKey)
            and isinstance(field.related_model, type)
            and issubclass(field.related_model, TranslatableMixin)
            and translatable.is_synchronized(instance)
        ):
            relations[field.name] = translatable.is_translated(instance)
    return relations


@dataclasses.dataclass(frozen=True)
class _TextUnit:
    """One text field of the object, or of one of its inline objects, with the
    source's and the target's version of its owner."""

    key: str  # "introduction", or "updates.<translation key>.heading"
    field: models.Field
    source: models.Model
    target: models.Model


def _unit_key(path: str, relations: dict[str, bool]) -> str:
    """The text unit a segment's path belongs to (see :class:`_TextUnit`)."""
    parts = path.split(".")
    if parts[0] in relations and len(parts) >= 3:
        return ".".join(parts[:3])
    return parts[0]


def is_kept(path: str, kept: dict[str, Any]) -> bool:
    """Whether the segment at ``path`` belongs to a field the target keeps."""
    return any(path == key or path.startswith(f"{key}.") for key in kept)


def _indexed(
    segments: list[tuple[str, Any]], relations: dict[str, bool]
) -> dict[str, dict[tuple[str, int], Any]]:
    """Segments by text unit, each under (path, its occurrence of that path)."""
    grouped: dict[str, dict[tuple[str, int], Any]] = defaultdict(dict)
    seen: dict[str, int] = defaultdict(int)
    for path, segment in segments:
        index = seen[path]
        seen[path] += 1
        grouped[_unit_key(path, relations)][path, index] = segment
    return grouped


def _source_history(
    original: models.Model, relation: str
) -> dict[tuple[str, str], set]:
    """Every value each inline object's fields had in the source's revisions,
    by (translation key, field name)."""
    history: dict[tuple[str, str], set] = defaultdict(set)
    if not isinstance(original, RevisionMixin):
        return history
    for content in original.revisions.values_list("content", flat=True).iterator():
        for item in (content or {}).get(relation) or []:
            translation_key = str(item.get("translation_key"))
            for name, value in item.items():
                if isinstance(value, str):
                    history[translation_key, name].add(value)
    return history


def _inline_units(
    original: models.Model,
    current: models.Model,
    relations: dict[str, bool],
    plan: KeepPlan,
) -> tuple[list[_TextUnit], list[tuple[str, Any]]]:
    """The text units of the inline objects the source and the target share,
    and the target's segments for them.

    An inline object whose field keeps the target's value (an editor's note,
    :class:`~wagtail_defenders.translation.PublicTextField`) goes straight into
    ``plan.kept_fields``. The others are read the way the source reads: their
    words are extracted as though the source's object held the target's words,
    so an update the source made public since the last write lines up with the
    note the target wrote. Such a note's words that are the source's own, now
    or in an earlier revision (a note is copied into a translation with the
    source's words), are no editor's: the update is then translated as
    wagtail-localize translates it.
    """
    units: list[_TextUnit] = []
    segments: list[tuple[str, Any]] = []
    for relation, translated in relations.items():
        history: dict[tuple[str, str], set] | None = None
        theirs = {
            str(child.translation_key): child
            for child in getattr(current, relation).all()
        }
        for ours in getattr(original, relation).all():
            translation_key = str(ours.translation_key)
            mine = theirs.get(translation_key)
            if mine is None:
                continue  # new in the source: copied as wagtail-localize copies it
            probe = copy.copy(ours)
            probed: dict[str, _TextUnit] = {}
            for translatable in get_translatable_fields(type(ours)):
                field = translatable.get_field(type(ours))
                if not isinstance(field, _TEXT_FIELDS):
                    continue
                key = f"{relation}.{translation_key}.{field.name}"
                value = field.value_from_object(mine)
                keeps = getattr(translatable, "keeps_target_value", None)
                if keeps is not None and keeps(ours):
                    plan.kept_fields[key] = value
                    continue
                if not (translated and translatable.is_translated(ours)):
                    continue
                if keeps is not None and keeps(mine):
                    if history is None:
                        history = _source_history(original, relation)
                    if value in history[translation_key, field.name]:
                        continue  # a copy of the source's words
                setattr(probe, field.attname, value)
                probed[field.name] = _TextUnit(key, field, ours, mine)
            if not probed:
                continue
            units.extend(probed.values())
            for segment in extract_segments(probe):
                if (
                    isinstance(segment, StringSegmentValue)
                    and segment.path.split(".")[0] in probed
                ):
                    segments.append(
                        (f"{relation}.{translation_key}.{segment.path}", segment)
                    )
    return units, segments


def _block_ids(value: Any) -> list[str] | None:
    if value is None:
        return None
    return [str(block.id) for block in value]


def _segment(row: Any, mine: Any) -> Any:
    """The target's own text, ingested in place of the source segment ``row``."""
    return StringSegmentValue(
        row.context.path, mine.string, attrs=mine.attrs
    ).with_order(row.order)


def plan_for(source: Any, target: Any, locale: Any) -> KeepPlan | None:
    """Decide, segment by segment, what of ``target`` this write keeps.

    Records the target's own text as the translation where wagtail-localize did
    not make it (the rule: :mod:`wagtail_defenders.translation_sync`). The text
    fields of the object and of the inline objects the target shares with the
    source (by translation key) are decided alike; an editor's note the target
    has keeps its words.
    Returns None when the target is an alias: wagtail-localize converts it as it
    does.
    """
    if isinstance(target, Page) and target.alias_of_id:
        return None
    current = editors_version(target)
    original = source.as_instance()
    last_write = (
        TranslationLog.objects.filter(source=source, locale=locale)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    plan = KeepPlan(source_pk=source.pk)
    relations = _inline_relations(original)
    model = type(target)

    units = [
        _TextUnit(name, model._meta.get_field(name), original, current)
        for name in _text_fields(current)
    ]
    target_paths = [
        (segment.path, segment)
        for segment in extract_segments(current)
        if isinstance(segment, StringSegmentValue)
        and segment.path.split(".")[0] not in relations
    ]
    inline_units, inline_paths = _inline_units(original, current, relations, plan)
    units += inline_units
    target_segments = _indexed(target_paths + inline_paths, relations)

    rows = (
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    source_segments = _indexed([(row.context.path, row) for row in rows], relations)

    translations = {}
    earlier_words: dict[int, set[str]] = defaultdict(set)
    for translation in StringTranslation.objects.filter(
        locale=locale, context__object_id=source.object_id
    ):
        translations[translation.translation_of_id, translation.context_id] = (
            translation
        )
        earlier_words[translation.context_id].add(translation.data)

    # Words wagtail-localize once extracted from a source in the source's
    # language: a target that still shows them got them as the fallback of a
    # text nobody translated (the source has changed since), not from an editor.
    source_words = set(
        String.objects.filter(
            locale_id=source.locale_id,
            data__in={
                segment.string.data
                for unit_segments in target_segments.values()
                for segment in unit_segments.values()
            },
        ).values_list("data", flat=True)
    )

    for unit in units:
        ours = source_segments.get(unit.key, {})
        theirs = target_segments.get(unit.key, {})
        aligned = set(ours) == set(theirs)
        if aligned and isinstance(unit.field, StreamField):
            aligned = _block_ids(unit.field.value_from_object(unit.source)) == (
                _block_ids(unit.field.value_from_object(unit.target))
            )
        if not aligned:
            if theirs or last_write is None:
                plan.kept_fields[unit.key] = unit.field.value_from_object(unit.target)
            continue
        for key, row in ours.items():
            mine = theirs[key]
            translation = translations.get((row.string_id, row.context_id))
            if translation is not None and (
                last_write is None or translation.updated_at > last_write
            ):
                continue  # the translator's words, newer than the target
            if translation is not None and translation.data == mine.string.data:
                continue
            if translation is None and last_write is not None:
                if mine.string.data == row.string.data:
                    continue  # still the source's words: nothing of an editor's
                if mine.string.data in source_words:
                    continue  # the source's earlier words: follows the source
                if mine.string.data in earlier_words[row.context_id]:
                    # A translation of the source's earlier words: kept until a
                    # translator translates the new ones, not recorded as theirs.
                    plan.substitutions[row.order] = _segment(row, mine)
                    continue
            # The editor's words: kept, and adopted so that the translation
            # editor shows them from now on.
            plan.substitutions[row.order] = _segment(row, mine)
            StringTranslation.objects.update_or_create(
                translation_of_id=row.string_id,
                locale=locale,
                context_id=row.context_id,
                defaults={
                    "data": mine.string.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": "",
                    "last_translated_by": None,
                    "has_error": False,
                    "field_error": "",
                },
            )
    return plan


def apply_kept_fields(target: models.Model, kept: dict[str, Any]) -> None:
    """Put back what ``target`` keeps, after wagtail-localize copied the source.

    A key is a field of the target, or ``relation.translation_key.field`` for
    an inline object (wagtail-localize has just replaced the inline with copies
    of the source's, recycling the target's rows by translation key).
    """
    for key, value in kept.items():
        relation, _dot, rest = key.partition(".")
        if not rest:
            setattr(target, key, value)
            continue
        translation_key, _dot, name = rest.partition(".")
        for child in getattr(target, relation).all():
            if str(child.translation_key) == translation_key:
                setattr(child, name, value)
