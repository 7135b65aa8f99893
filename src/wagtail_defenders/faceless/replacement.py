"""Making a portrait faceless: a new image in place of the original, everywhere
the profile could show it, and the original gone if the editor agrees.

:func:`make_faceless` is the one action; the admin view
(:mod:`wagtail_defenders.faceless.views`) checks permissions and calls it.
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.log_actions import LogContext, log
from wagtail.models import ReferenceIndex, Revision

from .. import cache
from ..frontend_cache import purge_after_commit
from ..models import DefenderPage
from .regions import Region
from .rendering import PIXELATE, encode, read_picture, render_faceless

FACELESS_ACTION = "wagtail_defenders.faceless"


@dataclass
class FacelessResult:
    """What :func:`make_faceless` did: the new image, the pages that now show
    it, whether the original was deleted, and what still uses it if not."""

    image: Any
    pages: list[DefenderPage] = field(default_factory=list)
    original_deleted: bool = False
    original_kept_for: list[str] = field(default_factory=list)


def profiles_using(image: Any) -> list[DefenderPage]:
    """Every profile whose portrait ``image`` is, in every locale, aliases included."""
    return list(DefenderPage.objects.filter(portrait=image).order_by("path"))


def _profile_content_types() -> list[ContentType]:
    models = [m for m in apps.get_models() if issubclass(m, DefenderPage)]
    return list(ContentType.objects.get_for_models(*models).values())


def _revisions_using(image: Any):
    return Revision.objects.filter(
        content_type__in=_profile_content_types(), content__portrait=image.pk
    )


def other_uses(image: Any, exclude_pages: Iterable[DefenderPage] = ()) -> list[str]:
    """What else uses ``image`` than the portraits of ``exclude_pages`` (from
    Wagtail's reference index): a description of each, for the editor."""
    page_ids = {str(page.pk) for page in exclude_pages}
    uses = []
    for reference in ReferenceIndex.get_references_to(image).select_related(
        "content_type"
    ):
        if reference.object_id in page_ids and reference.model_path == "portrait":
            continue
        model = reference.content_type.model_class()
        found = (
            model._default_manager.filter(pk=reference.object_id).first()
            if model is not None
            else None
        )
        name = str(found) if found is not None else reference.object_id
        uses.append(f"“{name}” ({reference.content_type.name})")
    return sorted(set(uses))


def render_image(
    original: Any, regions: list[Region], block_size: int, style: str = PIXELATE
) -> tuple[bytes, str]:
    """The faceless file for ``original`` (read through its storage) and its
    extension; nothing is stored."""
    with original.open_file() as stored:
        picture, source_format = read_picture(stored)
    return encode(render_faceless(picture, regions, block_size, style), source_format)


def make_faceless(
    original: Any,
    regions: list[Region],
    *,
    block_size: int,
    style: str = PIXELATE,
    delete_original: bool = False,
    user: Any = None,
) -> FacelessResult:
    """Make a faceless copy of ``original`` and put it in its place on every profile.

    In one transaction: saves a new image (same collection, title and focal
    point, a file name that says nothing) holding only the pixels of
    :func:`~.rendering.render_faceless`; points every profile that uses
    ``original`` as its portrait at it (translations and aliases included), and
    every revision of any profile that does (drafts, and the versions an editor
    could revert to) and wagtail-localize's stored sources, so no publish, sync
    or revert brings the original back; records the change in each page's
    history; deletes every rendition of the original. With ``delete_original``,
    deletes the original too, unless something else still uses it (then
    :attr:`FacelessResult.original_kept_for` says what). Starts a new cache
    generation and purges the pages from the front-end cache. Permission checks
    are the caller's.
    """
    content, extension = render_image(original, regions, block_size, style)
    image_model = get_image_model()
    with transaction.atomic():
        faceless = image_model(
            title=original.title,
            collection=original.collection,
            uploaded_by_user=user,
            focal_point_x=original.focal_point_x,
            focal_point_y=original.focal_point_y,
            focal_point_width=original.focal_point_width,
            focal_point_height=original.focal_point_height,
        )
        faceless.file = ImageFile(
            io.BytesIO(content), name=f"faceless-{uuid.uuid4().hex[:12]}.{extension}"
        )
        faceless.save()
        pages = profiles_using(original)
        DefenderPage.objects.filter(pk__in=[page.pk for page in pages]).update(
            portrait=faceless
        )
        revised_pages = set()
        for revision in _revisions_using(original):
            revision.content["portrait"] = faceless.pk
            revision.save(update_fields=["content"])
            revised_pages.add(revision.object_id)
        keys = {page.translation_key for page in pages}
        keys |= set(
            DefenderPage.objects.filter(pk__in=revised_pages).values_list(
                "translation_key", flat=True
            )
        )
        _replace_in_translation_sources(keys, original.pk, faceless.pk)
        for page in pages:
            page.portrait = faceless
            ReferenceIndex.create_or_update_for_object(page)
            with LogContext(user=user):
                log(
                    instance=page,
                    action=FACELESS_ACTION,
                    user=user,
                    data={"original": original.pk, "faceless": faceless.pk},
                )
        for rendition in original.renditions.all():
            rendition.delete()  # their files go with them
        result = FacelessResult(image=faceless, pages=pages)
        if delete_original:
            result.original_kept_for = other_uses(original, pages)
            if not result.original_kept_for:
                original.delete()  # its file goes after the commit
                result.original_deleted = True
        purge_after_commit(pages)
        cache.content_changed()
    return result


def _replace_in_translation_sources(
    keys: set[Any], original_pk: int, faceless_pk: int
) -> None:
    # wagtail-localize keeps each source page as JSON and makes translations
    # from it: a stale source would bring the original back on the next sync.
    if not apps.is_installed("wagtail_localize") or not keys:
        return
    from wagtail_localize.models import TranslationSource

    for source in TranslationSource.objects.filter(object__translation_key__in=keys):
        content = json.loads(source.content_json)
        if content.get("portrait") == original_pk:
            content["portrait"] = faceless_pk
            source.content_json = json.dumps(content, cls=DjangoJSONEncoder)
            source.save(update_fields=["content_json"])
