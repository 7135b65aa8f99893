"""Where an imported object came from, so an import can run again
(``manage.py import_defenders``, :mod:`wagtail_defenders.exchange.importer`).

A :class:`SourceRecord` ties a source's name (``--source``) and the id the object
has there (a CSV row's ``source_id``, a WordPress post or attachment id) to the
object made from it: a profile, an image, a term. Running the same import again
finds each object through its record and updates it (or leaves it, when what the
source says has not changed: ``digest``), so nothing is made twice.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SourceRecordQuerySet(models.QuerySet):
    def of(self, source: str, model: type[models.Model]) -> SourceRecordQuerySet:
        """The records of ``source`` for objects of ``model``."""
        return self.filter(
            source=source,
            content_type=ContentType.objects.get_for_model(
                model, for_concrete_model=False
            ),
        )


class SourceRecord(models.Model):
    """One imported object and where it came from."""

    source = models.CharField(_("source"), max_length=100)
    source_id = models.CharField(_("id in the source"), max_length=255)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    # A context: Wagtail translates "object id" too (Django merges the catalogues).
    object_id = models.PositiveBigIntegerField(
        pgettext_lazy("source record", "object id")
    )
    #: A hash of what the source said last time: the same again is left alone.
    digest = models.CharField(_("digest"), max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "content_type", "source_id"],
                name="wagtail_defenders_source_record_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id}"

    def target(self) -> Any:
        """The object this record points to, or ``None`` when it was deleted."""
        model = self.content_type.model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=self.object_id).first()
