"""What wagtail-localize may write into a translation that already exists (issue 13).

wagtail-localize writes a translation in one place,
``TranslationSource.create_or_update_translation``, reached from every path an
editor takes: the Translate action (``TranslationCreator``, which also submits
the terms a profile uses), the translation editor's Publish, "Sync translated
pages" and a PO upload. Out of the box that write rebuilds the target from the
source: a segment nobody translated in wagtail-localize gets the *source's*
words. A term or profile already written in the target language (by hand, with
``copy_for_translation``, by an import) is overwritten with the source language.

For the package's own models this module changes one thing: **an existing
translation keeps what an editor wrote.** For each text field of the source:

- a segment a translator translated in wagtail-localize after its last write
  (``StringTranslation.updated_at`` later than the last ``TranslationLog``) gets
  the translator's words, as before;
- any other segment keeps the target's current text (the latest revision's, so a
  draft is kept too). The first time wagtail-localize sees a translation it did
  not make, that text is recorded as the segment's translation, and so is a
  later hand edit: the translation editor then shows the target's own words and
  wagtail-localize manages the translation from that text onward;
- a field whose segments do not line up with the source's (a body written by
  hand with other blocks, a description the source does not have) is left
  exactly as the target has it: wagtail-localize leaves it alone.

The same holds for the text fields of a profile's inline objects (its updates),
matched by translation key, and for the objects the Translate action submits
along with a profile (its related news pages), whatever app they belong to.

An editor's note (an update that is not public; its heading and text are
:class:`~wagtail_defenders.translation.PublicTextField` fields) is no segment, so no
translator sees it. wagtail-localize still copies the whole inline from the
source on every write; a note the target has (same translation key) gets its
own words back (``KeepPlan.kept_fields``), a new one keeps the source's copy.
When a note becomes public, the target's words for it are kept as for any other
text, unless they are the source's own (now or in an earlier revision: the copy
a new note got), which are then translated as wagtail-localize translates them. A new translation
(nothing in the target locale yet) is made as wagtail-localize makes it. One more rule (issue 12, item 9): a profile's translation that the
Translate action creates is saved as a **draft**, whatever
``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE`` says, so nobody's profile goes
live in another language before an editor has read it; the translation editor's
Publish and "Sync translated pages" with publishing still publish at once.

Aliases (what locale synchronisation makes) are not translations anyone wrote:
converting one is left to wagtail-localize. Synchronised fields (the safety
settings, the year, the portrait, the themes) keep following the source.

The hooks into wagtail-localize are installed once from ``AppConfig.ready()``
when wagtail-localize is installed (:func:`install`; import this module only
then); the private names they wrap are in :mod:`wagtail_defenders.private_api`.
"""

from __future__ import annotations

import contextvars
import copy
import dataclasses
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
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

APP_LABEL = "wagtail_defenders"

#: Page models whose new translations the Translate action saves as drafts.
DRAFT_ON_TRANSLATE = frozenset(["defenderpage"])


@dataclasses.dataclass
class KeepPlan:
    """What one write of an existing translation must keep of the target."""

    source_pk: int
    #: Fields left exactly as the target has them, with that value: a field's
    #: name, or ``relation.translation_key.field`` for an inline object's.
    kept_fields: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: ``StringSegment.order`` → the segment value to ingest instead.
    substitutions: dict[int, Any] = dataclasses.field(default_factory=dict)


_plan: contextvars.ContextVar[KeepPlan | None] = contextvars.ContextVar(
    "wagtail_defenders_keep_plan", default=None
)
#: During a Translate action: whether it started from one of the package's objects.
_submitting: contextvars.ContextVar[bool | None] = contextvars.ContextVar(
    "wagtail_defenders_submitting", default=None
)


def is_package_source(source: Any) -> bool:
    return source.specific_content_type.app_label == APP_LABEL


def keeps_editors_words(source: Any) -> bool:
    """Whether a write from ``source`` keeps what the target's editors wrote.

    The package's models always; any other object (a profile's related news
    page) when the Translate action submitted it along with a profile.
    """
    return is_package_source(source) or bool(_submitting.get())


@contextmanager
def submitting(instance: Any) -> Iterator[None]:
    """Mark the writes made inside as the Translate action's (``TranslationCreator``).

    The outermost object submitted decides whether its related objects are the
    package's concern (see :func:`keeps_editors_words`).
    """
    outer = _submitting.get()
    ours = outer if outer is not None else instance._meta.app_label == APP_LABEL
    token = _submitting.set(ours)
    try:
        yield
    finally:
        _submitting.reset(token)


def publish_on_write(source: Any, target: Any | None, publish: bool) -> bool:
    """Whether this write may publish: never a new profile translation on submission."""
    if not publish or _submitting.get() is None:
        return publish
    if source.specific_content_type.model not in DRAFT_ON_TRANSLATE:
        return publish
    # A translation that is live already stays live (an alias too: converting one
    # writes the page row, which is what Wagtail serves, so a draft revision would
    # only hide what is shown); a new one, or a draft, stays a draft.
    return bool(target is not None and target.live)


def existing_target(source: Any, locale: Any) -> Any | None:
    try:
        return source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        return None


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
    not make it (see the module docstring). The text fields of the object and
    of the inline objects the target shares with the source (by translation
    key) are decided alike; an editor's note the target has keeps its words.
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


# -- the hooks, wrapped around wagtail-localize's functions (installed by install()) --


def wrap_create_or_update_translation(original):
    def create_or_update_translation(
        self, locale, user=None, publish=True, copy_parent_pages=False, fallback=False
    ):
        if not keeps_editors_words(self):
            return original(self, locale, user, publish, copy_parent_pages, fallback)
        target = existing_target(self, locale)
        publish = publish_on_write(self, target, publish)
        plan = plan_for(self, target, locale) if target is not None else None
        token = _plan.set(plan)
        try:
            return original(self, locale, user, publish, copy_parent_pages, fallback)
        finally:
            _plan.reset(token)

    create_or_update_translation.__wrapped__ = original  # type: ignore[attr-defined]
    return create_or_update_translation


def wrap_get_segments_for_translation(original):
    def _get_segments_for_translation(self, locale, fallback=False):
        segments = original(self, locale, fallback=fallback)
        plan = _plan.get()
        if plan is None or plan.source_pk != self.pk:
            return segments
        kept = []
        for segment in segments:
            if is_kept(segment.path, plan.kept_fields):
                continue
            order = getattr(segment, "order", None)
            kept.append(
                plan.substitutions.get(order, segment) if order is not None else segment
            )
        return kept

    _get_segments_for_translation.__wrapped__ = original  # type: ignore[attr-defined]
    return _get_segments_for_translation


def wrap_copy_synchronised_fields(original):
    def copy_synchronised_fields(source, target):
        original(source, target)
        plan = _plan.get()
        if plan is not None:
            apply_kept_fields(target, plan.kept_fields)

    copy_synchronised_fields.__wrapped__ = original  # type: ignore[attr-defined]
    return copy_synchronised_fields


def wrap_create_translations(original):
    def create_translations(self, instance, include_related_objects=True):
        with submitting(instance):
            return original(self, instance, include_related_objects)

    create_translations.__wrapped__ = original  # type: ignore[attr-defined]
    return create_translations


def install() -> None:
    """Wrap wagtail-localize's write of a translation (idempotent)."""
    from .private_api import wrap_localize_translation_writes

    wrap_localize_translation_writes(
        create_or_update_translation=wrap_create_or_update_translation,
        get_segments_for_translation=wrap_get_segments_for_translation,
        copy_synchronised_fields=wrap_copy_synchronised_fields,
        create_translations=wrap_create_translations,
    )
