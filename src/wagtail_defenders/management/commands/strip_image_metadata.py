"""``manage.py strip_image_metadata``: clean the images stored before the package was.

Every image of every image model is read through the storage API, cleaned with
:func:`~wagtail_defenders.images.metadata.strip_image_metadata` (an allow-list:
what rendering does not need goes, whatever it is called) and written back; its
renditions are deleted so Wagtail makes them again from the clean original. An image
without metadata is left alone, so a second run changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from wagtail.images.models import AbstractImage

from wagtail_defenders.images.cleaning import apply_result, clean_stored_file
from wagtail_defenders.images.metadata import find_image_metadata

FOCAL_POINT_FIELDS = (
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
)


class Command(BaseCommand):
    help = (
        "Leave every stored original image with only what rendering needs (pixels, "
        "ICC profile, transparency, animation timing; SVGs sanitised) and delete "
        "its renditions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be removed; change nothing.",
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        image_models: list[Any] = [
            model
            for model in apps.get_models()
            if issubclass(model, AbstractImage)
            and not model._meta.proxy
            # A model inheriting from a concrete image model shares its rows.
            and not any(issubclass(p, AbstractImage) for p in model._meta.parents)
        ]
        total = sum(model._default_manager.count() for model in image_models)
        position = cleaned = failed = 0
        for model in image_models:
            for image in model._default_manager.order_by("pk").iterator():
                position += 1
                label = f"[{position}/{total}] {model._meta.label} {image.pk} {image.file.name}"
                try:
                    removed = self._clean(image, dry_run=dry_run)
                except Exception as error:  # one broken file must not stop the run
                    failed += 1
                    self.stderr.write(f"{label}: not cleaned: {error}")
                    continue
                if removed:
                    cleaned += 1
                    verb = "would remove" if dry_run else "removed"
                    self.stdout.write(f"{label}: {verb} {', '.join(removed)}")
                elif options["verbosity"] >= 2:
                    self.stdout.write(f"{label}: clean")
        verb = "would be cleaned" if dry_run else "cleaned"
        self.stdout.write(self.style.SUCCESS(f"{cleaned} of {total} images {verb}."))
        if failed:
            raise CommandError(
                f"{failed} of {total} images could not be read or cleaned."
            )

    def _clean(self, image: AbstractImage, *, dry_run: bool) -> tuple[str, ...]:
        if dry_run:
            with image.open_file() as stored:
                return find_image_metadata(stored)
        storage, dirty_name = image.file.storage, image.file.name
        new_name, result = clean_stored_file(storage, dirty_name)
        if not result.changed:
            return ()
        removed = list(result.removed)
        image.file.name = new_name
        apply_result(image, result)
        changes = {
            "file": new_name,
            "width": image.width,
            "height": image.height,
            "file_size": image.file_size,
            "file_hash": image.file_hash,
        }
        if image.has_focal_point() and result.orientation not in (None, 1):
            # The pixels were turned upright, so the old focal point would be wrong.
            changes.update(dict.fromkeys(FOCAL_POINT_FIELDS))
            removed.append("focal point (image rotated; set it again)")
        with transaction.atomic():
            # update(), not save(): the pre_save cleaner has nothing left to do here.
            type(image)._default_manager.filter(pk=image.pk).update(**changes)
            image.renditions.all().delete()
            if new_name != dirty_name:
                # Only once the row points to the clean file.
                transaction.on_commit(lambda: storage.delete(dirty_name))
        return tuple(removed)
