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
This module holds the hooks and the state of the write in progress; what one
write keeps is decided in :mod:`wagtail_defenders.translation_keep_plan`, whose
public names (``KeepPlan``, ``plan_for``...) stay importable from here.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from .translation_keep_plan import (
    KeepPlan,
    apply_kept_fields,
    editors_version,
    is_kept,
    plan_for,
)

APP_LABEL = "wagtail_defenders"

#: Page models whose new translations the Translate action saves as drafts.
DRAFT_ON_TRANSLATE = frozenset(["defenderpage"])

#: The hooks, and the plan of one write (first written here, now in
#: :mod:`.translation_keep_plan`), importable from here as before.
__all__ = [
    "is_package_source",
    "keeps_editors_words",
    "submitting",
    "publish_on_write",
    "existing_target",
    "wrap_create_or_update_translation",
    "wrap_get_segments_for_translation",
    "wrap_copy_synchronised_fields",
    "wrap_create_translations",
    "install",
    "APP_LABEL",
    "DRAFT_ON_TRANSLATE",
    "KeepPlan",
    "editors_version",
    "is_kept",
    "plan_for",
    "apply_kept_fields",
]

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
