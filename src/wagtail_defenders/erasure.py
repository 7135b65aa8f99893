"""Erasing a profile: for when nothing of it may stay, not even in the admin.

A takedown (:mod:`wagtail_defenders.takedown`) is reversible by design: the page,
its revisions, its original portrait and its history stay. An erasure is not:
:func:`erase_profile` deletes the profile and every version of it, everything
Wagtail and wagtail-localize keep about them, and their portraits, and leaves
one audit record that says who erased a profile and when, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import (
    ModelLogEntry,
    Page,
    PageLogEntry,
    ReferenceIndex,
    Revision,
    WorkflowState,
)

from .faceless.replacement import FACELESS_ACTION
from .frontend_cache import purge_after_commit
from .models import DefenderPage
from .takedown import forget

ERASURE_ACTION = "wagtail_defenders.erase"


@dataclass
class ErasurePlan:
    """What :func:`erase_profile` deletes, for the confirmation page to name.

    ``images`` are the portraits that go with the profile; ``kept_images`` the
    portraits another page still uses, which stay (the editor is told).
    """

    pages: list[DefenderPage]
    images: list[Any] = field(default_factory=list)
    kept_images: list[Any] = field(default_factory=list)
    revision_count: int = 0


def pages_to_erase(profile: DefenderPage) -> list[DefenderPage]:
    """``profile``, its translations and aliases, and their aliases in turn.

    Translations and the aliases locale synchronisation makes share the
    profile's ``translation_key``; an alias made in the same locale has a key
    of its own and is found through ``alias_of``.
    """
    pks = {profile.pk}
    keys = {profile.translation_key}
    while True:
        found = DefenderPage.objects.filter(
            Q(translation_key__in=keys) | Q(alias_of_id__in=pks)
        ).values_list("pk", "translation_key")
        new = {(pk, key) for pk, key in found if pk not in pks}
        if not new:
            break
        pks |= {pk for pk, _ in new}
        keys |= {key for _, key in new}
    others = DefenderPage.objects.filter(pk__in=pks - {profile.pk})
    return [profile, *others.order_by("path")]


def _revisions(pages: list[DefenderPage]):
    return Revision.page_revisions.filter(object_id__in=[str(p.pk) for p in pages])


def _portrait_ids(pages: list[DefenderPage]) -> set[int]:
    """The portraits of the pages and of every revision of them, and the
    originals of portraits made faceless (recorded in the pages' history)."""
    ids = {page.portrait_id for page in pages if page.portrait_id}
    for content in _revisions(pages).values_list("content", flat=True):
        portrait = (content or {}).get("portrait")
        if isinstance(portrait, int):
            ids.add(portrait)
    for data in PageLogEntry.objects.filter(
        page__in=pages, action=FACELESS_ACTION
    ).values_list("data", flat=True):
        original = (data or {}).get("original")
        if isinstance(original, int):
            ids.add(original)
    return ids


def _used_elsewhere(image: Any, page_pks: set[int]) -> bool:
    """Whether a page other than the erased ones, or any other object, uses
    ``image`` (Wagtail's reference index, and the portrait key in case the
    index is not up to date)."""
    if DefenderPage.objects.filter(portrait=image).exclude(pk__in=page_pks).exists():
        return True
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(image).exclude(
        base_content_type=page_type, object_id__in=[str(pk) for pk in page_pks]
    )
    return references.exists()


def plan_erasure(profile: DefenderPage) -> ErasurePlan:
    """What erasing ``profile`` would delete (nothing is changed)."""
    pages = pages_to_erase(profile)
    page_pks = {page.pk for page in pages}
    plan = ErasurePlan(pages=pages, revision_count=_revisions(pages).count())
    for image in get_image_model().objects.filter(pk__in=_portrait_ids(pages)):
        if _used_elsewhere(image, page_pks):
            plan.kept_images.append(image)
        else:
            plan.images.append(image)
    return plan


def _erase_translation_data(pages: list[DefenderPage]) -> None:
    """wagtail-localize's copy of the profile: its sources (the whole content
    as JSON), segments, the strings only it used and their translations,
    overrides and templates."""
    if not apps.is_installed("wagtail_localize"):
        return
    from wagtail_localize.models import (
        OverridableSegment,
        RelatedObjectSegment,
        SegmentOverride,
        String,
        StringSegment,
        StringTranslation,
        Template,
        TemplateSegment,
        TranslatableObject,
        TranslationContext,
    )

    objects = TranslatableObject.objects.filter(
        translation_key__in={page.translation_key for page in pages}
    )
    string_ids = set(
        StringSegment.objects.filter(source__object__in=objects).values_list(
            "string_id", flat=True
        )
    )
    template_ids = set(
        TemplateSegment.objects.filter(source__object__in=objects).values_list(
            "template_id", flat=True
        )
    )
    contexts = TranslationContext.objects.filter(object__in=objects)
    SegmentOverride.objects.filter(context__in=contexts).delete()
    # The translators' words for this profile, before their contexts go: the
    # contexts' delete would set them to no context (SET_NULL), and deleting
    # such a translation with its string then fails in wagtail-localize's own
    # post_delete receiver, which reads the context's path.
    StringTranslation.objects.filter(context__in=contexts).delete()
    # The segments first: they protect the contexts the objects' delete removes.
    for segment_model in (
        StringSegment,
        TemplateSegment,
        RelatedObjectSegment,
        OverridableSegment,
    ):
        segment_model.objects.filter(source__object__in=objects).delete()
    objects.delete()  # its sources, contexts, translations and logs cascade
    # A string or template another source still uses stays (a common sentence).
    doomed = String.objects.filter(pk__in=string_ids).exclude(
        pk__in=StringSegment.objects.values("string_id")
    )
    # Translations a deleted context left without one (see above), from before:
    # deleted with SQL, without the receiver that cannot handle them.
    _delete_rows(
        StringTranslation,
        StringTranslation.objects.filter(
            translation_of__in=doomed, context__isnull=True
        ).values_list("pk", flat=True),
    )
    doomed.delete()
    Template.objects.filter(pk__in=template_ids).exclude(
        pk__in=TemplateSegment.objects.values("template_id")
    ).delete()


def _delete_rows(model: Any, pks: Any) -> None:
    """Delete the rows ``pks`` of ``model`` without sending signals."""
    pks = list(pks)
    if not pks:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.pk.column)
    placeholders = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE {column} IN ({placeholders})",  # noqa: S608 - quoted names, bound values
            pks,
        )


def erase_profile(profile: DefenderPage, user=None) -> ErasurePlan:
    """Delete ``profile`` and everything about it, for good. Returns what went.

    In one transaction, for the profile and every page of :func:`pages_to_erase`:
    deletes their revisions, workflow states, log entries and
    wagtail-localize data, then the pages themselves (their inlines, comments,
    subscriptions and redirects cascade), then each portrait (of a page or of
    any revision) that no other page or object uses, with its renditions and
    their files (Wagtail deletes the files after the commit). It starts a new
    cache generation, purges the pages from the front-end cache and removes them
    from the search index. It leaves one log entry, ``wagtail_defenders.erase``,
    on the profile's parent page: who erased a profile and when, no title, no
    content, no id of what was erased.

    Related news pages and taxonomy terms stay. Permission checks are the
    caller's (the admin view and the command allow administrators only).
    """
    plan = plan_erasure(profile)
    pages = plan.pages
    page_pks = [page.pk for page in pages]
    parent = profile.get_parent()
    page_type = ContentType.objects.get_for_model(Page)
    with transaction.atomic():
        purge_after_commit(pages)
        WorkflowState.objects.filter(
            base_content_type=page_type, object_id__in=[str(pk) for pk in page_pks]
        ).delete()
        _revisions(pages).delete()
        _erase_translation_data(pages)
        # Aliases first: an alias whose original went would be kept as a page.
        for page in sorted(pages, key=lambda page: page.alias_of_id is None):
            Page.objects.get(pk=page.pk).delete()
        # After the deletes: Page.delete() logs each one, with its title.
        PageLogEntry.objects.filter(page_id__in=page_pks).delete()
        image_type = ContentType.objects.get_for_model(get_image_model())
        ModelLogEntry.objects.filter(
            content_type=image_type,
            object_id__in=[str(image.pk) for image in plan.images],
        ).delete()
        for image in plan.images:
            image.delete()  # its renditions cascade; files go after the commit
        if parent is not None:
            log(instance=parent, action=ERASURE_ACTION, user=user, data={})
        forget(pages)
    return plan
